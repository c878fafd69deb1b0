/**
 * The pending actions of « Mes inscriptions », read for every registration of an account in
 * one query each (registrations_account_idx, then the tables' registration indexes). The
 * office's answers are read from `office_requests` directly: the columns the answering writes.
 */
import type {
  AnswerAction,
  PendingActionsRepository,
} from '../../domain/documents/review/ports.js';
import type { RequestKind } from '../../domain/registrations/ports.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { Executor } from './executor.js';

export function pendingActionsRepository(db: Executor): PendingActionsRepository {
  return {
    async refusedDocuments(accountId) {
      const rows = await db
        .selectFrom('required_documents as d')
        .innerJoin('registrations as r', 'r.id', 'd.registration_id')
        .select(['d.registration_id', 'd.state', 'd.label', 'd.refusal_reason', 'd.reopened_until'])
        .where('r.account_id', '=', accountId)
        // Refused, or claimed: awaited with a reopening (claim-document.ts).
        .where((eb) =>
          eb.or([
            eb('d.state', '=', 'refuse'),
            eb.and([eb('d.state', '=', 'attendu'), eb('d.reopened_until', 'is not', null)]),
          ]),
        )
        .where('d.required', '=', 1)
        .orderBy('d.position')
        .execute();
      return rows.map((row) => ({
        registrationId: row.registration_id,
        state: row.state === 'refuse' ? ('refuse' as const) : ('attendu' as const),
        label: row.label,
        refusalReason: row.refusal_reason,
        reopenedUntil: fromDbNullable(row.reopened_until),
      }));
    },
    async unseenDocuments(accountId) {
      const rows = await db
        .selectFrom('published_documents as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .select(['p.registration_id', 'p.id', 'p.title', 'p.published_at'])
        .where('r.account_id', '=', accountId)
        .where('p.seen_at', 'is', null)
        .orderBy('p.published_at', 'desc')
        .execute();
      return rows.map((row) => ({
        registrationId: row.registration_id,
        id: row.id,
        title: row.title,
        publishedAt: fromDb(row.published_at),
      }));
    },
    async answers(accountId, closedSince) {
      const rows = await db
        .selectFrom('office_requests')
        .select(['registration_id', 'kind', 'created_at', 'answer', 'answered_at'])
        .where('account_id', '=', accountId)
        .where('answer', 'is not', null)
        .where((eb) =>
          eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', toDb(closedSince))]),
        )
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((row): AnswerAction => ({
        registrationId: row.registration_id,
        kind: row.kind as RequestKind,
        createdAt: fromDb(row.created_at),
        answer: row.answer ?? '',
        answeredAt: fromDbNullable(row.answered_at),
      }));
    },
  };
}
