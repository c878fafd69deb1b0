/** Requests from candidates to the office's pôles. */
import type { Selectable } from 'kysely';
import type {
  OfficeRequest,
  RequestKind,
  RequestRepository,
} from '../../domain/registrations/ports.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { OfficeRequestsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function requestRepository(db: Executor): RequestRepository {
  return {
    async insert(r) {
      await db
        .insertInto('office_requests')
        .values({
          id: r.id,
          account_id: r.accountId,
          registration_id: r.registrationId,
          desk_code: r.deskCode,
          kind: r.kind,
          message: r.message,
          payload: JSON.stringify(r.payload),
          state: r.state,
          created_at: toDb(r.createdAt),
        })
        .execute();
    },
    async listByAccount(accountId) {
      const rows = await db
        .selectFrom('office_requests')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toOfficeRequest);
    },
  };
}

export function toOfficeRequest(r: Selectable<OfficeRequestsTable>): OfficeRequest {
  return {
    id: r.id,
    accountId: r.account_id,
    registrationId: r.registration_id,
    deskCode: r.desk_code,
    kind: r.kind as RequestKind,
    message: r.message,
    payload: JSON.parse(r.payload) as Record<string, string>,
    state: r.state === 'closed' || r.state === 'answered' ? r.state : 'open',
    createdAt: fromDb(r.created_at),
    answer: r.answer,
    answeredAt: fromDbNullable(r.answered_at),
  };
}
