/**
 * The session dashboard's aggregates over Kysely, portable between SQLite and PostgreSQL: one
 * grouped query each, on registrations aliased `r`, the scope as a WHERE clause on exam and
 * specialty.
 *
 * - Per day: grouped by UTC hour, `substr(created_at, 1, 13)` of the ISO text, answered from
 *   registrations_created_idx (session_code, created_at) alone; the domain folds the hours
 *   into Paris days (paris-day-counts.ts says why that is exact across DST).
 * - Completeness: the registration side (counts, declared, set aside) from
 *   registrations_dashboard_idx alone, and the document side (waiting or refused, per
 *   specialty) joining that index to required_documents_dashboard_idx (migration 0016).
 *
 * Counts come back as numbers from SQLite and as text (bigint) from PostgreSQL: Number() both.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type {
  FollowedDocumentState,
  SessionDashboardReader,
  SpecialtyDocuments,
  SpecialtyRegistrations,
} from '../../domain/office/dashboard-ports.js';
import type { RegistrationScope } from '../../domain/office/dashboard-scope.js';
import { fromDb } from '../db/instants.js';
import type { Executor } from './executor.js';

/** `r`'s exam and specialty within the scope; true for an administrator's. */
function inScope(scope: RegistrationScope): Expression<SqlBool> {
  if (scope.kind === 'everything') return sql<SqlBool>`1 = 1`;
  const exam = sql.ref('r.exam_code');
  const specialty = sql.ref('r.specialty_code');
  const parts = scope.exams.map((e) =>
    e.specialtyCodes === 'all'
      ? sql`${exam} = ${e.examCode}`
      : sql`(${exam} = ${e.examCode} and ${specialty} in (${sql.join([...e.specialtyCodes])}))`,
  );
  // An empty scope is never queried (the use case stops before), but stays correct if it were.
  return parts.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

const createdHour = sql<string>`substr(${sql.ref('r.created_at')}, 1, 13)`;
const FOLLOWED: readonly FollowedDocumentState[] = ['transmis', 'refuse'];

export function sessionDashboardReader(db: Executor): SessionDashboardReader {
  return {
    async registrationsPerHour(sessionCode, scope) {
      const rows = await db
        .selectFrom('registrations as r')
        .select([createdHour.as('hour'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('r.session_code', '=', sessionCode)
        .where(inScope(scope))
        .groupBy(createdHour)
        .execute();
      return rows.map((row) => ({ hour: row.hour, count: Number(row.n) }));
    },

    async registrationCounts(sessionCode, scope): Promise<SpecialtyRegistrations[]> {
      const rows = await db
        .selectFrom('registrations as r')
        .select([
          'r.exam_code',
          'r.specialty_code',
          (eb) => eb.fn.countAll<number>().as('registrations'),
          (eb) => eb.fn.count<number>('r.complete_declared_at').as('declared_complete'),
          (eb) => eb.fn.count<number>('r.set_aside_at').as('set_aside'),
        ])
        .where('r.session_code', '=', sessionCode)
        .where(inScope(scope))
        .groupBy(['r.exam_code', 'r.specialty_code'])
        .execute();
      return rows.map((row) => ({
        examCode: row.exam_code,
        specialtyCode: row.specialty_code,
        registrations: Number(row.registrations),
        declaredComplete: Number(row.declared_complete),
        setAside: Number(row.set_aside),
      }));
    },

    async documentCounts(sessionCode, scope): Promise<SpecialtyDocuments[]> {
      // First per registration and state, in the order of required_documents_dashboard_idx
      // (nothing to sort, no row read; a registration then counts once without a DISTINCT,
      // which would make PostgreSQL sort every document), then per specialty. The cross join
      // with its condition in WHERE is an inner join to both databases that SQLite, which
      // keeps the order written, runs from the session's registrations in
      // registrations_dashboard_idx; PostgreSQL plans it as it sees fit (a hash join).
      const perRegistration = db
        .selectFrom('required_documents')
        .select([
          'registration_id',
          'state',
          (eb) => eb.fn.countAll<number>().as('documents'),
          (eb) => eb.fn.min('updated_at').as('oldest'),
        ])
        .where('state', 'in', [...FOLLOWED])
        .where('required', '=', 1)
        .groupBy(['state', 'registration_id'])
        .as('d');
      const rows = await db
        .selectFrom('registrations as r')
        .crossJoin(perRegistration)
        .whereRef('d.registration_id', '=', 'r.id')
        .select([
          'r.exam_code',
          'r.specialty_code',
          'd.state',
          (eb) => eb.fn.sum<number>('d.documents').as('documents'),
          (eb) => eb.fn.countAll<number>().as('registrations'),
          (eb) => eb.fn.min('d.oldest').as('oldest'),
        ])
        .where('r.session_code', '=', sessionCode)
        .where(inScope(scope))
        .groupBy(['r.exam_code', 'r.specialty_code', 'd.state'])
        .execute();
      return rows.map((row) => ({
        examCode: row.exam_code,
        specialtyCode: row.specialty_code,
        state: row.state as FollowedDocumentState,
        documents: Number(row.documents),
        registrations: Number(row.registrations),
        oldestSince: fromDb(row.oldest),
      }));
    },
  };
}
