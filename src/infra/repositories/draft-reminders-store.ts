/** The unsaved-draft reminders' view of the database: open windows, drafts never saved, reminders sent. */
import type { Kysely } from 'kysely';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import type { DraftRemindersUnit } from '../../domain/registrations/unsaved-draft-reminders.js';
import { toDb } from '../db/instants.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import type { Executor } from './executor.js';
import { outbox } from './outbox.repository.js';
import { openWindows } from './reminders-store.js';

function draftRemindersUnit(db: Executor): DraftRemindersUnit {
  return {
    openWindows: (now) => openWindows(db, now),
    async unsavedNotReminded(sessionCode, examCode, offsetKey) {
      return (
        db
          .selectFrom('registration_drafts as d')
          .innerJoin('accounts as a', 'a.id', 'd.account_id')
          .select([
            'd.account_id as accountId',
            'a.email',
            'd.session_code as sessionCode',
            'd.exam_code as examCode',
            'd.specialty_code as specialtyCode',
          ])
          .where('d.session_code', '=', sessionCode)
          .where('d.exam_code', '=', examCode)
          // An account not activated cannot sign in to press « Enregistrer »; it is purged soon.
          .where('a.activated_at', 'is not', null)
          // « Modifier » keeps a draft next to the registration: that candidate is registered.
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('registrations as r')
                  .select('r.id')
                  .whereRef('r.account_id', '=', 'd.account_id')
                  .whereRef('r.session_code', '=', 'd.session_code')
                  .whereRef('r.exam_code', '=', 'd.exam_code'),
              ),
            ),
          )
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('draft_reminders_sent as s')
                  .select('s.account_id')
                  .whereRef('s.account_id', '=', 'd.account_id')
                  .whereRef('s.session_code', '=', 'd.session_code')
                  .whereRef('s.exam_code', '=', 'd.exam_code')
                  .where('s.offset_key', '=', offsetKey),
              ),
            ),
          )
          .execute()
      );
    },
    async markReminded(draft, offsetKey, at) {
      const result = await db
        .insertInto('draft_reminders_sent')
        .values({
          account_id: draft.accountId,
          session_code: draft.sessionCode,
          exam_code: draft.examCode,
          offset_key: offsetKey,
          sent_at: toDb(at),
        })
        .onConflict((oc) =>
          oc.columns(['account_id', 'session_code', 'exam_code', 'offset_key']).doNothing(),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    outbox: outbox(db),
  };
}

export function draftRemindersStore(db: Kysely<Schema>): TransactionRunner<DraftRemindersUnit> {
  return unitRunner(db, draftRemindersUnit);
}
