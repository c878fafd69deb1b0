/**
 * What `npm start` loads so a newcomer can use the portal at once: the demo catalogue
 * (`catalogues/demo.yaml`: the académie de Poitiers' pôles, exams and specialties, with a
 * session whose windows follow the day of the start), and one active candidate account.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { PasswordHasher } from '../domain/accounts/ports.js';
import { formatCatalogueError } from '../domain/catalogue/catalogue-file.js';
import { readCatalogueFile } from '../infra/catalogue/read-catalogue-file.js';
import type { Schema } from '../infra/db/schema.js';
import { accountRepository } from '../infra/repositories/account.repository.js';
import { saveCatalogue } from '../infra/repositories/catalogue.repository.js';

/** The project's `catalogues/` folder, from src/demo (tsx, vitest) or dist/demo (build) alike. */
export const CATALOGUES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../catalogues',
);

export const DEMO_CATALOGUE_FILE = path.join(CATALOGUES_DIR, 'demo.yaml');

export const DEMO_ACCOUNT = {
  email: 'candidat.demo@exemple.fr',
  password: 'une phrase de passe pour la démo',
};

/**
 * Loads the demo data; running it again changes nothing but the demo session's windows, which
 * follow `now` (the catalogue import is an upsert).
 */
export async function seedDemo(
  db: Kysely<Schema>,
  hasher: PasswordHasher,
  now: Date,
): Promise<void> {
  const result = await readCatalogueFile(DEMO_CATALOGUE_FILE, { now });
  if (!result.ok) {
    throw new Error(
      `The demo catalogue is invalid:\n${result.errors.map(formatCatalogueError).join('\n')}`,
    );
  }
  const catalogue = result.catalogue;
  await db.transaction().execute((trx) => saveCatalogue(trx, catalogue));
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
