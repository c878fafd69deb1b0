/** The wizard's drafts: one per candidate, exam and session, with a revision per change. */
import { type Selectable, sql } from 'kysely';
import type { Draft, DraftRepository } from '../../domain/registrations/ports.js';
import type { RawFields } from '../../domain/registrations/registration-form.js';
import { fromDb, toDb } from '../db/instants.js';
import type { RegistrationDraftsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function draftRepository(db: Executor): DraftRepository {
  return {
    async find(accountId, sessionCode, examCode) {
      const row = await db
        .selectFrom('registration_drafts')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('session_code', '=', sessionCode)
        .where('exam_code', '=', examCode)
        .executeTakeFirst();
      return row && toDraft(row);
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom('registration_drafts')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('updated_at', 'desc')
        .execute();
      return rows.map(toDraft);
    },
    async save(d) {
      const values = {
        specialty_code: d.specialtyCode,
        conditions_accepted: d.conditionsAccepted ? 1 : 0,
        identity: JSON.stringify(d.identity),
        candidature: JSON.stringify(d.candidature),
        updated_at: toDb(d.updatedAt),
      };
      const row = await db
        .insertInto('registration_drafts')
        .values({
          account_id: d.accountId,
          session_code: d.sessionCode,
          exam_code: d.examCode,
          revision: 1,
          ...values,
        })
        .onConflict((oc) =>
          oc
            .columns(['account_id', 'session_code', 'exam_code'])
            .doUpdateSet({ ...values, revision: sql<number>`registration_drafts.revision + 1` }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toDraft(row);
    },
    async consume(accountId, sessionCode, examCode, revision) {
      const result = await db
        .deleteFrom('registration_drafts')
        .where('account_id', '=', accountId)
        .where('session_code', '=', sessionCode)
        .where('exam_code', '=', examCode)
        .where('revision', '=', revision)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

function toDraft(row: Selectable<RegistrationDraftsTable>): Draft {
  return {
    accountId: row.account_id,
    sessionCode: row.session_code,
    examCode: row.exam_code,
    specialtyCode: row.specialty_code,
    conditionsAccepted: Number(row.conditions_accepted) === 1,
    identity: JSON.parse(row.identity) as RawFields,
    candidature: JSON.parse(row.candidature) as RawFields,
    revision: Number(row.revision),
    updatedAt: fromDb(row.updated_at),
  };
}
