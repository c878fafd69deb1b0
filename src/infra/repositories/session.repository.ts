import type { SessionRepository } from '../../domain/accounts/ports.js';
import { toDb } from '../db/instants.js';
import type { Executor } from './executor.js';

export function sessionRepository(db: Executor): SessionRepository {
  return {
    async insert(session) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          account_id: session.accountId,
          created_at: toDb(session.createdAt),
          expires_at: toDb(session.expiresAt),
        })
        .execute();
    },
    async delete(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForAccount(accountId) {
      const result = await db
        .deleteFrom('sessions')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpired(now) {
      const result = await db
        .deleteFrom('sessions')
        .where('expires_at', '<=', toDb(now))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
