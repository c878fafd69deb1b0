/**
 * Requests as the office handles them: the inbox (one state of some pôles, served by
 * office_requests_inbox_idx, or office_requests_state_idx across every pôle), the answers
 * (office_request_answers, the latest copied on the request), and the conditional updates
 * that make answering, applying and closing safe against a colleague doing the same at once.
 */
import type { Selectable } from 'kysely';
import type {
  HandledRequest,
  OfficeRequestRepository,
} from '../../domain/office-requests/ports.js';
import type { Identity } from '../../domain/registrations/registration.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { OfficeRequestsTable } from '../db/schema.js';
import { timeOrderedId } from './audit-log.repository.js';
import type { Executor } from './executor.js';
import { toOfficeRequest } from './office-request.repository.js';

export function handledRequestRepository(db: Executor): OfficeRequestRepository {
  return {
    async find(id) {
      const row = await db
        .selectFrom('office_requests')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toHandledRequest(row);
    },
    async inbox({ desks, state, order, offset, limit }) {
      if (desks?.length === 0) return { lines: [], total: 0 };
      let scope = db.selectFrom('office_requests as q').where('q.state', '=', state);
      if (desks) scope = scope.where('q.desk_code', 'in', [...desks]);
      const count = await scope
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const direction = order === 'oldest' ? 'asc' : 'desc';
      const rows = await scope
        .innerJoin('registrations as r', 'r.id', 'q.registration_id')
        .selectAll('q')
        .select(['r.number as registration_number', 'r.data as registration_data'])
        .orderBy('q.created_at', direction)
        .orderBy('q.id', direction)
        .offset(offset)
        .limit(limit)
        .execute();
      return {
        total: Number(count.n),
        lines: rows.map((row) => {
          const identity = (JSON.parse(row.registration_data) as { identity: Identity }).identity;
          return {
            request: toHandledRequest(row),
            registrationNumber: row.registration_number,
            candidate: {
              birthName: identity.birthName,
              usageName: identity.usageName,
              firstNames: identity.firstNames,
            },
          };
        }),
      };
    },
    async answers(requestId) {
      const rows = await db
        .selectFrom('office_request_answers as a')
        .leftJoin('staff as s', 's.id', 'a.answered_by')
        .select(['a.id', 'a.answer', 'a.answered_at', 'a.answered_by', 's.name'])
        .where('a.request_id', '=', requestId)
        .orderBy('a.answered_at')
        .orderBy('a.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        answer: r.answer,
        answeredAt: fromDb(r.answered_at),
        answeredBy: r.answered_by,
        answeredByName: r.name,
      }));
    },
    async answer(requestId, answer) {
      const at = toDb(answer.answeredAt);
      const result = await db
        .updateTable('office_requests')
        .set({
          answer: answer.answer,
          answered_at: at,
          answered_by: answer.answeredBy,
          state: 'answered',
        })
        .where('id', '=', requestId)
        .where('state', '<>', 'closed')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      const id = timeOrderedId();
      await db
        .insertInto('office_request_answers')
        .values({
          id,
          request_id: requestId,
          answer: answer.answer,
          answered_at: at,
          answered_by: answer.answeredBy,
        })
        .execute();
      return id;
    },
    async markApplied(requestId, at) {
      const result = await db
        .updateTable('office_requests')
        .set({ applied_at: toDb(at) })
        .where('id', '=', requestId)
        .where('applied_at', 'is', null)
        .where('state', '<>', 'closed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async close(requestId, at) {
      const result = await db
        .updateTable('office_requests')
        .set({ state: 'closed', closed_at: toDb(at) })
        .where('id', '=', requestId)
        .where('state', '<>', 'closed')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

function toHandledRequest(row: Selectable<OfficeRequestsTable>): HandledRequest {
  return {
    ...toOfficeRequest(row),
    appliedAt: fromDbNullable(row.applied_at),
    closedAt: fromDbNullable(row.closed_at),
  };
}
