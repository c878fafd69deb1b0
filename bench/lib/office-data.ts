/**
 * A season's worth of registrations for the office's list, written straight into the tables
 * (accounts, registrations, required_documents) in one transaction of batched inserts: going
 * through the pages would take hours for 100,000 candidates and measure something else. The
 * rows look like the portal's own: names drawn from common French ones (accents, hyphens,
 * usage names), numbers from per-exam sequences, the required documents the catalogue's rules
 * give each candidate, their states spread as in the middle of a review season, a few
 * thousand registrations set aside. Deterministic (a seeded generator): two runs hold the same
 * data.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { DatabaseLocation } from '../../src/config.js';
import type { Catalogue } from '../../src/domain/catalogue/catalogue.js';
import { requiredDocuments } from '../../src/domain/documents/document-rules.js';
import type { RegistrationData } from '../../src/domain/registrations/registration.js';
import { registrationNumber } from '../../src/domain/registrations/registration.js';
import { searchKey } from '../../src/domain/registrations/search-key.js';
import { readCatalogueFile } from '../../src/infra/catalogue/read-catalogue-file.js';
import { openDatabase } from '../../src/infra/db/database.js';
import type { Schema } from '../../src/infra/db/schema.js';
import { ROOT } from './server.js';

const BIRTH_NAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefèvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Müller',
  'Lefebvre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Gautier',
  'Masson',
  'Marchand',
  'Duval',
  'Denis',
  'Dumont',
  'Marie',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Meunier',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Lucas',
  'Brunet',
  'Gaillard',
  'Barbier',
  'Arnaud',
  'Martinez',
  'Gérard',
  'Roche',
  'Renard',
  'Schmitt',
  'Roy',
  'Leroux',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Roger',
  'Fabre',
  'Aubert',
  'Lemoine',
  'Renaud',
  'Dumas',
  'Lacroix',
  'Olivier',
  'Philippe',
  'Bourgeois',
  'Pierre',
  'Benoît',
  'Rey',
  'Leclerc',
  'Payet',
  'Rolland',
  'Le Gall',
  'Le Goff',
  'Le Gall-Hervé',
  'N’Diaye',
  'Nguyen',
  'Da Silva',
  'Dos Santos',
  'Ben Ahmed',
  'Saint-Martin',
  'Héraud',
  'Pélissier',
  'Bréchet',
  'Thévenin',
  'Œuvrard',
];
const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Emma',
  'Inès',
  'Jade',
  'Sarah',
  'Lucie',
  'Zoé',
  'Louise',
  'Léna',
  'Clara',
  'Anaïs',
  'Maëlys',
  'Océane',
  'Noémie',
  'Mathilde',
  'Élise',
  'Ambre',
  'Lucas',
  'Hugo',
  'Théo',
  'Nathan',
  'Enzo',
  'Louis',
  'Mathis',
  'Tom',
  'Noah',
  'Gabriel',
  'Jules',
  'Arthur',
  'Raphaël',
  'Maxime',
  'Clément',
  'Antoine',
  'Baptiste',
  'Yanis',
  'Rayan',
  'Mohamed',
  'Adam',
  'Kévin',
  'Jérémy',
  'Anthony',
  'Dylan',
  'Loïc',
  'Cédric',
  'Sébastien',
  'Jean-Baptiste',
  'Marie-Ève',
  'Anne-Sophie',
  'Pierre-Louis',
  'Aurélien',
  'Gaëlle',
  'Joël',
];
const MARRIED_NAMES = ['Martin', 'Durand', 'Lefèvre', 'Moreau', 'Le Gall', 'Girard', 'Rousseau'];
const COMMUNES = [
  ['Poitiers', '86000'],
  ['Châtellerault', '86100'],
  ['Niort', '79000'],
  ['La Rochelle', '17000'],
  ['Angoulême', '16000'],
  ['Cognac', '16100'],
  ['Saintes', '17100'],
  ['Rochefort', '17300'],
  ['Bressuire', '79300'],
  ['Parthenay', '79200'],
  ['Royan', '17200'],
  ['Loudun', '86200'],
] as const;
const STREETS = [
  'rue des Écoles',
  'avenue de la Libération',
  'place du Marché',
  'rue Carnot',
  'chemin des Vignes',
];

/** A small, fast, seeded generator (mulberry32): the same rows at every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface OfficeData {
  registrations: number;
  setAside: number;
  seconds: number;
  /** A number, an email and a birth name present in the data, for the searches. */
  sample: { number: string; email: string; birthName: string };
}

const EXAM_SHARES: ReadonlyArray<[string, number]> = [
  ['BCP', 0.55],
  ['BP', 0.3],
  ['CS', 0.15],
];

/** The notice's catalogue, as the bench's database holds it (poitiers-2025.yaml). */
export async function poitiersCatalogue(): Promise<Catalogue> {
  const read = await readCatalogueFile(path.join(ROOT, 'catalogues', 'poitiers-2025.yaml'), {
    now: new Date(),
  });
  if (!read.ok) throw new Error('catalogues/poitiers-2025.yaml does not read');
  return read.catalogue;
}

type Db = Kysely<Schema>;

/** Integer columns (the rest is text), for PostgreSQL's typed arrays. */
const INTEGER_COLUMNS = new Set(['version', 'position', 'required', 'multiple_files']);

/**
 * Writes `rows` into `table`: on PostgreSQL one statement per batch of arrays, one per column
 * (`insert … select * from unnest($1::text[], …)`), which parses once instead of once per
 * value; on SQLite multi-row inserts (its statements are compiled in process, cheaply).
 */
async function insertRows(
  db: Db,
  dialect: DatabaseLocation['dialect'],
  table: keyof Schema,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  if (dialect === 'sqlite') {
    for (let i = 0; i < rows.length; i += 1000)
      await db
        .insertInto(table)
        .values(rows.slice(i, i + 1000))
        .execute();
    return;
  }
  const columns = Object.keys(first);
  const arrays = columns.map(
    (c) =>
      sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(INTEGER_COLUMNS.has(c) ? 'int' : 'text')}[]`,
  );
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    select * from unnest(${sql.join(arrays)})`.execute(db);
}

/**
 * Fills the database at `location` (migrated, catalogue imported) with `count` registrations of
 * session `sessionCode`, written `chunk` at a time (memory stays small at any count).
 */
export async function fillOfficeData(
  location: DatabaseLocation,
  count: number,
  sessionCode = '2025',
): Promise<OfficeData> {
  const started = performance.now();
  const catalogue = await poitiersCatalogue();
  const session = catalogue.sessions.find((s) => s.code === sessionCode);
  if (!session) throw new Error(`no session ${sessionCode} in the catalogue`);
  const random = seeded(20250613);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sequences = new Map<string, number>();
  const database = openDatabase(location);
  // Random ids land all over the indexes: a cache that holds them keeps the fill in memory.
  if (location.dialect === 'sqlite') await sql`pragma cache_size = -262144`.execute(database.db);
  const seasonStart = Date.parse('2024-10-10T08:00:00.000Z');
  const seasonMs = Date.parse('2024-11-13T18:00:00.000Z') - seasonStart;
  let setAside = 0;
  let sample: OfficeData['sample'] | undefined;
  try {
    const chunk = 5000;
    await database.db.transaction().execute(async (trx) => {
      for (let done = 0; done < count; done += chunk) {
        const accounts: Record<string, unknown>[] = [];
        const registrations: Record<string, unknown>[] = [];
        const documents: Record<string, unknown>[] = [];
        for (let i = done; i < Math.min(count, done + chunk); i++) {
          const draw = random();
          let acc = 0;
          const examCode = EXAM_SHARES.find(([, share]) => (acc += share) >= draw)?.[0] ?? 'BCP';
          const specialty = pick(catalogue.specialties.filter((s) => s.examCode === examCode));
          const sequence = (sequences.get(examCode) ?? 0) + 1;
          sequences.set(examCode, sequence);
          const number = registrationNumber(sessionCode, examCode, sequence);
          const birthName = pick(BIRTH_NAMES);
          const firstNames =
            random() < 0.3 ? `${pick(FIRST_NAMES)} ${pick(FIRST_NAMES)}` : pick(FIRST_NAMES);
          const sex = random() < 0.5 ? 'F' : 'M';
          const usageName = sex === 'F' && random() < 0.25 ? pick(MARRIED_NAMES) : '';
          const [commune, postalCode] = pick(COMMUNES);
          const age = 16 + Math.floor(random() * random() * 40);
          const birthDate = `${2025 - age}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
          const routes = (
            specialty.options.eligibilityRoutes ??
            catalogue.exams.find((e) => e.code === examCode)?.options.eligibilityRoutes ??
            []
          ).map((r) => r.code);
          const distance = random() < 0.12;
          const data: RegistrationData = {
            identity: {
              birthName,
              usageName,
              firstNames,
              sex,
              birthDate,
              birthCommune: commune,
              birthCountry: 'France',
              nationality: 'française',
            },
            contact: {
              address: {
                line1: `${1 + Math.floor(random() * 120)} ${pick(STREETS)}`,
                line2: random() < 0.1 ? 'Bâtiment B' : '',
                postalCode,
                city: commune,
                country: 'France',
              },
              phone: `06 ${String(Math.floor(random() * 1e8))
                .padStart(8, '0')
                .replace(/(\d\d)(?=\d)/g, '$1 ')}`,
            },
            candidature: {
              status: distance ? 'distance' : 'individuel',
              distanceBody: distance ? 'CNED' : '',
              eligibilityRoute: routes.length > 0 ? pick(routes) : 'experience',
              format: 'globale',
              languages: examCode === 'CS' ? [] : ['anglais'],
              optionalTest: '',
              keptMarks: [],
              exemptions: [],
              arrangementsRequested: random() < 0.04,
              arrangementsDetails: '',
            },
          };
          const accountId = randomUUID();
          const email = `${searchKey(firstNames.split(' ')[0] ?? '')}.${searchKey(birthName)}.${i}@exemple.fr`;
          const created = new Date(seasonStart + Math.floor(random() * seasonMs));
          const saved = new Date(
            created.getTime() + Math.floor(random() * (seasonStart + seasonMs - created.getTime())),
          );
          const complete = random() < 0.6;
          const aside = random() < 0.03;
          if (aside) setAside += 1;
          const id = randomUUID();
          // Activated (the purge would delete them otherwise); nobody signs in with them.
          accounts.push({
            id: accountId,
            email,
            password_hash: 'not used: nobody signs in',
            created_at: created.toISOString(),
            activated_at: created.toISOString(),
          });
          registrations.push({
            id,
            number,
            account_id: accountId,
            session_code: sessionCode,
            exam_code: examCode,
            specialty_code: specialty.code,
            version: 1 + Math.floor(random() * random() * 4),
            created_at: created.toISOString(),
            saved_at: saved.toISOString(),
            data: JSON.stringify(data),
            complete_declared_at: complete ? saved.toISOString() : null,
            name_key: searchKey(birthName),
            usage_name_key: searchKey(usageName),
            set_aside_at: aside ? saved.toISOString() : null,
            set_aside_reason: aside
              ? 'Candidature en double : une autre inscription est retenue.'
              : null,
          });
          const required = requiredDocuments(
            { sessionCode, examCode, specialtyCode: specialty.code, data },
            catalogue,
          );
          for (const [position, doc] of required.entries()) {
            const r = random();
            // Mid-season: most files sent, a part already checked, a few refused.
            const state = complete
              ? r < 0.55
                ? 'valide'
                : r < 0.93
                  ? 'transmis'
                  : 'refuse'
              : r < 0.45
                ? 'attendu'
                : r < 0.85
                  ? 'transmis'
                  : r < 0.95
                    ? 'valide'
                    : 'refuse';
            documents.push({
              registration_id: id,
              key: doc.key,
              rule_code: doc.ruleCode,
              label: doc.label,
              reason: doc.reason,
              multiple_files: doc.multipleFiles ? 1 : 0,
              position,
              required: 1,
              state,
              refusal_reason:
                state === 'refuse' ? 'Document illisible : envoyez un scan en couleur.' : null,
              reopened_until: null,
              updated_at: saved.toISOString(),
              reviewed_at: state === 'valide' || state === 'refuse' ? saved.toISOString() : null,
              reviewed_by: null,
            });
          }
          sample ??= { number, email, birthName };
        }
        await insertRows(trx, location.dialect, 'accounts', accounts);
        await insertRows(trx, location.dialect, 'registrations', registrations);
        await insertRows(trx, location.dialect, 'required_documents', documents);
      }
      for (const [examCode, value] of sequences)
        await trx
          .insertInto('counters')
          .values({ key: `registration:${sessionCode}:${examCode}`, value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
          .execute();
    });
  } finally {
    await database.close();
  }
  if (!sample) throw new Error('no registration written');
  return { registrations: count, setAside, seconds: (performance.now() - started) / 1000, sample };
}
