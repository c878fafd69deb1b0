/** The reminder task's view of the database: open windows, incomplete files, reminders sent. */
import type { Kysely } from 'kysely';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import type { RegistrationWindow } from '../../domain/catalogue/catalogue.js';
import type { RemindersUnit } from '../../domain/documents/reminders.js';
import { fromDb, toDb } from '../db/instants.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import type { Executor } from './executor.js';
import { outbox } from './outbox.repository.js';
import { toRegistration } from './registration.repository.js';
import { toStatus } from './required-document.repository.js';

const CHUNK = 500;

/** Windows still open at `now`: the ones reminders before the close are about. */
export async function openWindows(db: Executor, now: Date): Promise<RegistrationWindow[]> {
  const rows = await db
    .selectFrom('registration_windows')
    .selectAll()
    .where('opens_at', '<=', toDb(now))
    .where('closes_at', '>', toDb(now))
    .execute();
  return rows.map((w) => ({
    sessionCode: w.session_code,
    examCode: w.exam_code,
    opensAt: fromDb(w.opens_at),
    closesAt: fromDb(w.closes_at),
  }));
}

function remindersUnit(db: Executor): RemindersUnit {
  return {
    openWindows: (now) => openWindows(db, now),
    async incompleteNotReminded(sessionCode, examCode, offsetKey) {
      const rows = await db
        .selectFrom('registrations as r')
        .innerJoin('accounts as a', 'a.id', 'r.account_id')
        .selectAll('r')
        .select('a.email')
        .where('r.session_code', '=', sessionCode)
        .where('r.exam_code', '=', examCode)
        .where('r.complete_declared_at', 'is', null)
        // Set aside: the candidate was told so and whom to contact; a reminder to complete the
        // file would contradict that. Once reinstated, the next run sends the nearest one due.
        .where('r.set_aside_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('reminders_sent as s')
                .select('s.registration_id')
                .whereRef('s.registration_id', '=', 'r.id')
                .where('s.offset_key', '=', offsetKey),
            ),
          ),
        )
        .execute();
      const documents = new Map<string, ReturnType<typeof toStatus>[]>();
      for (let i = 0; i < rows.length; i += CHUNK) {
        const ids = rows.slice(i, i + CHUNK).map((r) => r.id);
        const docs = await db
          .selectFrom('required_documents')
          .selectAll()
          .where('registration_id', 'in', ids)
          .orderBy('position')
          .execute();
        for (const d of docs)
          documents.set(d.registration_id, [
            ...(documents.get(d.registration_id) ?? []),
            toStatus(d),
          ]);
      }
      return rows.map((row) => ({
        registration: toRegistration(row),
        email: row.email,
        documents: documents.get(row.id) ?? [],
      }));
    },
    async markReminded(registrationId, offsetKey, at) {
      const result = await db
        .insertInto('reminders_sent')
        .values({ registration_id: registrationId, offset_key: offsetKey, sent_at: toDb(at) })
        .onConflict((oc) => oc.columns(['registration_id', 'offset_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    outbox: outbox(db),
  };
}

export function remindersStore(db: Kysely<Schema>): TransactionRunner<RemindersUnit> {
  return unitRunner(db, remindersUnit);
}
