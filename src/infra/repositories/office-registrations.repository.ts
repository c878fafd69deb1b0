/**
 * The office's list of registrations over Kysely. Rows carry the candidate's whole form as
 * JSON, so no query reads rows to filter, skip or count them: the list's order and filters
 * come from registrations_list_idx (number, session, exam, specialty, completeness, set aside,
 * id; migration 0015), names from the name indexes as key ranges, an email through the
 * accounts' unique email, documents' states from required_documents_state_idx. Pages go by
 * offset over index entries, the export by keyset (`number > last`); rows are fetched by id
 * for the lines returned only.
 */
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  SqliteAdapter,
  sql,
} from 'kysely';
import type {
  ExportedRegistration,
  ListedRegistration,
  RegistrationCriteria,
  RegistrationListQuery,
} from '../../domain/office/registration-list-ports.js';
import type { RegistrationData } from '../../domain/registrations/registration.js';
import { fromDb, fromDbNullable } from '../db/instants.js';
import type { Schema } from '../db/schema.js';
import type { Executor } from './executor.js';

type Where = ExpressionBuilder<Schema, 'registrations'>;

/** The documents' states the list counts. A document no longer required is « non concerné »
 * (required-document.repository.ts `sync`), so these states are always of required ones. */
const TO_CHECK = 'transmis';
const REFUSED = 'refuse';

const documentState = (state: 'a-verifier' | 'refusee'): string =>
  state === 'a-verifier' ? TO_CHECK : REFUSED;

/**
 * The criteria as conditions on `registrations`. `inNumberOrder`: for a query that lists in
 * number order, the session is compared as `session_code || ''`, which no index serves: a
 * session holds a whole season's rows, and SQLite (it keeps no statistics here) would
 * otherwise seek an index that starts with the session (registrations_created_idx, _exam_idx,
 * _dashboard_idx) and sort the season by number, reading every row's number, JSON and all,
 * instead of walking registrations_list_idx in order. A count has no order to keep and seeks
 * registrations_dashboard_idx (session, exam, specialty…) on it. PostgreSQL plans both alike.
 */
function conditions(
  eb: Where,
  c: RegistrationCriteria,
  inNumberOrder: boolean,
): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [];
  if (c.sessionCode !== undefined)
    all.push(
      inNumberOrder
        ? eb(sql<string>`${sql.ref('registrations.session_code')} || ''`, '=', c.sessionCode)
        : eb('registrations.session_code', '=', c.sessionCode),
    );
  if (c.examCode !== undefined) all.push(eb('registrations.exam_code', '=', c.examCode));
  if (c.specialtyCode !== undefined)
    all.push(eb('registrations.specialty_code', '=', c.specialtyCode));
  if (c.pairs !== undefined) {
    // One `exam = ? AND specialty IN (…)` per exam: short SQL, and each term an index range.
    const byExam = new Map<string, string[]>();
    for (const p of c.pairs)
      byExam.set(p.examCode, [...(byExam.get(p.examCode) ?? []), p.specialtyCode]);
    all.push(
      eb.or(
        [...byExam].map(([exam, specialties]) =>
          eb.and([
            eb('registrations.exam_code', '=', exam),
            eb('registrations.specialty_code', 'in', specialties),
          ]),
        ),
      ),
    );
  }
  switch (c.state) {
    case 'enregistree':
      all.push(eb('registrations.complete_declared_at', 'is', null));
      break;
    case 'complete':
      all.push(eb('registrations.complete_declared_at', 'is not', null));
      break;
    case 'ecartee':
      all.push(eb('registrations.set_aside_at', 'is not', null));
      break;
    case 'a-verifier':
    case 'refusee':
      // A probe of required_documents_state_idx (state, registration_id) per registration the
      // other conditions let through: the list walks its index and stops at a page's worth.
      all.push(
        eb.exists(
          eb
            .selectFrom('required_documents')
            .select('required_documents.registration_id')
            .where('required_documents.state', '=', documentState(c.state))
            .whereRef('required_documents.registration_id', '=', 'registrations.id'),
        ),
      );
      break;
    case undefined:
      break;
  }
  const s = c.search;
  if (s?.kind === 'number') all.push(eb('registrations.number', 'in', s.numbers));
  if (s?.kind === 'email')
    all.push(
      eb(
        'registrations.account_id',
        'in',
        eb.selectFrom('accounts').select('accounts.id').where('accounts.email', '=', s.email),
      ),
    );
  if (s?.kind === 'name')
    all.push(
      eb.or([
        eb.and([
          eb('registrations.name_key', '>=', s.from),
          eb('registrations.name_key', '<=', s.to),
        ]),
        eb.and([
          eb('registrations.usage_name_key', '>=', s.from),
          eb('registrations.usage_name_key', '<=', s.to),
        ]),
      ]),
    );
  return all;
}

/** Criteria that can match nothing, answered without a query (`IN ()` is not SQL). */
function matchesNothing(c: RegistrationCriteria): boolean {
  return c.pairs?.length === 0 || (c.search?.kind === 'number' && c.search.numbers.length === 0);
}

/**
 * The ids of the registrations that match, in number order: from the list index alone (its
 * entries hold every column the conditions test), so skipping an offset or walking past
 * another pôle's exams costs index entries, never rows.
 */
function orderedIds(
  eb: ExpressionBuilder<Schema, 'registrations'>,
  criteria: RegistrationCriteria,
  window: { after?: string | undefined; offset?: number; limit: number },
) {
  return eb
    .selectFrom('registrations')
    .select('registrations.id')
    .where((w) =>
      w.and([
        ...conditions(w, criteria, true),
        ...(window.after === undefined ? [] : [w('registrations.number', '>', window.after)]),
      ]),
    )
    .orderBy(
      // A search narrows to a few rows that its own index finds (number, email, name key):
      // sorted by `number || ''`, they cannot be looked for by walking the number order,
      // which PostgreSQL tried for a pôle's name search (its estimate ignores that numbers
      // group by exam: it read 57,000 rows of another exam, 0.3 s, before the first match).
      criteria.search === undefined
        ? sql.ref('registrations.number')
        : sql`${sql.ref('registrations.number')} || ''`,
    )
    .limit(window.limit)
    .offset(window.offset ?? 0);
}

/** The registrations whose ids `ids` selects, with what a line shows, in number order. */
function listedRows(
  db: Executor,
  ids: (eb: ExpressionBuilder<Schema, 'registrations'>) => ReturnType<typeof orderedIds>,
) {
  return db
    .selectFrom('registrations')
    .select((eb) => [
      'registrations.id',
      'registrations.number',
      'registrations.session_code',
      'registrations.exam_code',
      'registrations.specialty_code',
      'registrations.version',
      'registrations.saved_at',
      'registrations.complete_declared_at',
      'registrations.set_aside_at',
      'registrations.set_aside_reason',
      'registrations.data',
      documentCount(eb, TO_CHECK).as('to_check'),
      documentCount(eb, REFUSED).as('refused'),
    ])
    .where('registrations.id', 'in', ids)
    .orderBy('registrations.number');
}

/** How many of the registration's documents are in `state`: one probe of the state index. */
function documentCount(eb: ExpressionBuilder<Schema, 'registrations'>, state: string) {
  return eb
    .selectFrom('required_documents')
    .select((d) => d.fn.countAll<number>().as('n'))
    .where('required_documents.state', '=', state)
    .whereRef('required_documents.registration_id', '=', 'registrations.id');
}

interface ListRow {
  id: string;
  number: string;
  session_code: string;
  exam_code: string;
  specialty_code: string;
  version: number;
  saved_at: string;
  complete_declared_at: string | null;
  set_aside_at: string | null;
  set_aside_reason: string | null;
  to_check: number | string | null;
  refused: number | string | null;
}

function toListed(row: ListRow): Omit<ListedRegistration, 'identity'> {
  return {
    id: row.id,
    number: row.number,
    sessionCode: row.session_code,
    examCode: row.exam_code,
    specialtyCode: row.specialty_code,
    version: Number(row.version),
    savedAt: fromDb(row.saved_at),
    completeDeclaredAt: fromDbNullable(row.complete_declared_at),
    setAsideAt: fromDbNullable(row.set_aside_at),
    setAsideReason: row.set_aside_reason,
    documentsToCheck: Number(row.to_check ?? 0),
    documentsRefused: Number(row.refused ?? 0),
  };
}

/**
 * Runs `work` with PostgreSQL's parallel workers off. The list's queries walk a few thousand to
 * 100,000 index entries, 10 to 40 ms on one core; PostgreSQL plans parallel workers for the
 * larger walks, and starting them costs more than they save when the cores are busy serving
 * pages (at 100,000 rows on a busy two-core machine, a pôle's count took 100 to 160 ms with
 * workers and 30 to 40 ms without). `SET LOCAL` lasts until the end of the transaction opened for it. SQLite has no
 * parallel plans.
 */
function serial<T>(db: Kysely<Schema>, work: (db: Executor) => Promise<T>): Promise<T> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return work(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return work(trx);
  });
}

export function officeRegistrationsRepository(database: Kysely<Schema>): RegistrationListQuery {
  return {
    count: (criteria) => serial(database, (db) => count(db, criteria)),
    page: (criteria, offset, limit) => serial(database, (db) => page(db, criteria, offset, limit)),
    batchAfter: (criteria, after, limit) =>
      serial(database, (db) => batchAfter(db, criteria, after, limit)),
  };
}

async function count(db: Executor, criteria: RegistrationCriteria): Promise<number> {
  if (matchesNothing(criteria)) return 0;
  const { state, ...others } = criteria;
  if (
    (state === 'a-verifier' || state === 'refusee') &&
    Object.values(others).every((v) => v === undefined)
  ) {
    // Every registration, one document state: the state index alone answers, in its order.
    const row = await db
      .selectFrom((eb) =>
        eb
          .selectFrom('required_documents')
          .select('registration_id')
          .where('state', '=', documentState(state))
          .groupBy('registration_id')
          .as('with_state'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(conditions(eb, criteria, false)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function page(
  db: Executor,
  criteria: RegistrationCriteria,
  offset: number,
  limit: number,
): Promise<ListedRegistration[]> {
  if (matchesNothing(criteria)) return [];
  const rows = await listedRows(db, (eb) => orderedIds(eb, criteria, { offset, limit })).execute();
  return rows.map((row) => {
    const { birthName, usageName, firstNames } = (JSON.parse(row.data) as RegistrationData)
      .identity;
    return { ...toListed(row), identity: { birthName, usageName, firstNames } };
  });
}

async function batchAfter(
  db: Executor,
  criteria: RegistrationCriteria,
  after: string | undefined,
  limit: number,
): Promise<ExportedRegistration[]> {
  if (matchesNothing(criteria)) return [];
  const rows = await listedRows(db, (eb) => orderedIds(eb, criteria, { after, limit }))
    .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
    .select('accounts.email')
    .execute();
  return rows.map((row): ExportedRegistration => ({
    ...toListed(row),
    email: row.email,
    data: JSON.parse(row.data) as RegistrationData,
  }));
}
