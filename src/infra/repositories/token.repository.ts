import type { TokenPurpose, TokenRepository } from '../../domain/accounts/ports.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { Executor } from './executor.js';

export function tokenRepository(db: Executor): TokenRepository {
  return {
    async insert(token) {
      await db
        .insertInto('account_tokens')
        .values({
          token_hash: token.tokenHash,
          account_id: token.accountId,
          purpose: token.purpose,
          created_at: toDb(token.createdAt),
          expires_at: toDb(token.expiresAt),
          used_at: token.usedAt && toDb(token.usedAt),
          new_email: token.newEmail ?? null,
        })
        .execute();
    },
    async find(tokenHash, purpose) {
      const row = await db
        .selectFrom('account_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        tokenHash: row.token_hash,
        accountId: row.account_id,
        purpose: row.purpose as TokenPurpose,
        createdAt: fromDb(row.created_at),
        expiresAt: fromDb(row.expires_at),
        usedAt: fromDbNullable(row.used_at),
        newEmail: row.new_email ?? undefined,
      };
    },
    async consumeAll(accountId, purpose, at) {
      const result = await db
        .updateTable('account_tokens')
        .set({ used_at: toDb(at) })
        .where('account_id', '=', accountId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
