/**
 * What `npm start` loads so a newcomer can use the portal at once: the pôles of the académie
 * de Poitiers as its notice lists them, and one active candidate account.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PasswordHasher } from '../domain/accounts/ports.js';
import type { Desk } from '../domain/desks/desk.js';
import type { Schema } from '../infra/db/schema.js';
import { accountRepository } from '../infra/repositories/account.repository.js';
import { saveDesks } from '../infra/repositories/desk.repository.js';

export const POITIERS_DESKS: readonly Desk[] = [
  {
    code: 'industriel-tertiaire',
    name: 'Pôle industriel, tertiaire',
    phones: ['05.16.52.64.55', '05.16.52.64.56'],
    email: 'pole.industriel.tertiaire@ac-poitiers.fr',
  },
  {
    code: 'sah',
    name: 'Pôle services, alimentation, hôtellerie',
    phones: ['05.16.52.64.50', '05.16.52.64.53'],
    email: 'pole.sah@ac-poitiers.fr',
  },
  {
    code: 'bac-pro',
    name: 'Pôle baccalauréats professionnels',
    phones: ['05.16.52.64.64', '05.16.52.64.63', '05.16.52.64.31'],
    email: 'pole.bac.pro@ac-poitiers.fr',
  },
];

export const DEMO_ACCOUNT = {
  email: 'candidat.demo@exemple.fr',
  password: 'une phrase de passe pour la démo',
};

/** Loads the demo data; running it again changes nothing. */
export async function seedDemo(
  db: Kysely<Schema>,
  hasher: PasswordHasher,
  now: Date,
): Promise<void> {
  await saveDesks(db, POITIERS_DESKS);
  const accounts = accountRepository(db);
  if (await accounts.findByEmail(DEMO_ACCOUNT.email)) return;
  await accounts.insert({
    id: randomUUID(),
    email: DEMO_ACCOUNT.email,
    passwordHash: await hasher.hash(DEMO_ACCOUNT.password),
    createdAt: now,
    activatedAt: now,
  });
}
