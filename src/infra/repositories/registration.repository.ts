/** Registrations (current version in the row, every version in `registration_versions`). */
import { type Selectable, sql } from 'kysely';
import type { RegistrationRepository } from '../../domain/registrations/ports.js';
import type {
  Registration,
  RegistrationData,
  SetAside,
} from '../../domain/registrations/registration.js';
import { searchKey } from '../../domain/registrations/search-key.js';
import { fromDb, toDb } from '../db/instants.js';
import type { RegistrationsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function registrationRepository(db: Executor): RegistrationRepository {
  return {
    async find(accountId, sessionCode, examCode) {
      const row = await db
        .selectFrom('registrations')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('session_code', '=', sessionCode)
        .where('exam_code', '=', examCode)
        .executeTakeFirst();
      return row && toRegistration(row);
    },
    async findByNumber(number) {
      const row = await db
        .selectFrom('registrations')
        .selectAll()
        .where('number', '=', number)
        .executeTakeFirst();
      return row && toRegistration(row);
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom('registrations')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('saved_at', 'desc')
        .execute();
      return rows.map((row) => ({ ...toRegistration(row), setAside: toSetAside(row) }));
    },
    async insert(r) {
      const result = await db
        .insertInto('registrations')
        .values({
          id: r.id,
          number: r.number,
          account_id: r.accountId,
          session_code: r.sessionCode,
          exam_code: r.examCode,
          specialty_code: r.specialtyCode,
          version: r.version,
          created_at: toDb(r.createdAt),
          saved_at: toDb(r.savedAt),
          data: JSON.stringify(r.data),
          ...nameKeys(r.data),
        })
        .onConflict((oc) => oc.columns(['account_id', 'session_code', 'exam_code']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async saveNewVersion(id, savedAt, specialtyCode, data) {
      const row = await db
        .updateTable('registrations')
        .set({
          version: sql<number>`version + 1`,
          saved_at: toDb(savedAt),
          specialty_code: specialtyCode,
          data: JSON.stringify(data),
          ...nameKeys(data),
        })
        .where('id', '=', id)
        .returning('version')
        .executeTakeFirstOrThrow();
      return Number(row.version);
    },
    async insertVersion(registrationId, v) {
      await db
        .insertInto('registration_versions')
        .values({
          registration_id: registrationId,
          version: v.version,
          saved_at: toDb(v.savedAt),
          specialty_code: v.specialtyCode,
          data: JSON.stringify(v.data),
        })
        .execute();
    },
    async listVersions(registrationId) {
      const rows = await db
        .selectFrom('registration_versions')
        .selectAll()
        .where('registration_id', '=', registrationId)
        .orderBy('version')
        .execute();
      return rows.map((r) => ({
        version: Number(r.version),
        savedAt: fromDb(r.saved_at),
        specialtyCode: r.specialty_code,
        data: JSON.parse(r.data) as RegistrationData,
      }));
    },
  };
}

/** The office searches names through these (see search-key.ts). */
function nameKeys(data: RegistrationData): { name_key: string; usage_name_key: string } {
  return {
    name_key: searchKey(data.identity.birthName),
    usage_name_key: searchKey(data.identity.usageName),
  };
}

export function toRegistration(row: Selectable<RegistrationsTable>): Registration {
  return {
    id: row.id,
    number: row.number,
    accountId: row.account_id,
    sessionCode: row.session_code,
    examCode: row.exam_code,
    specialtyCode: row.specialty_code,
    version: Number(row.version),
    createdAt: fromDb(row.created_at),
    savedAt: fromDb(row.saved_at),
    data: JSON.parse(row.data) as RegistrationData,
  };
}

/** « Écartée » by the office, read from the row's two columns; null when not set aside. */
export function toSetAside(row: Selectable<RegistrationsTable>): SetAside | null {
  return row.set_aside_at === null
    ? null
    : { at: fromDb(row.set_aside_at), reason: row.set_aside_reason ?? '' };
}
