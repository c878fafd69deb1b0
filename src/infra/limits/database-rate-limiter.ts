/**
 * Fixed-window attempt counters in the database, so every app node counts the same attempts.
 * One upsert per attempt: the row of the current window is created or incremented atomically.
 */
import { sql } from 'kysely';
import type { RateLimiter } from '../../domain/accounts/ports.js';
import { toDb } from '../db/instants.js';
import type { Executor } from '../repositories/executor.js';

export function databaseRateLimiter(db: Executor): RateLimiter {
  return {
    async hit(rule, subject, now) {
      const windowStart = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
      const retryAt = new Date(windowStart + rule.windowMs);
      const row = await db
        .insertInto('rate_limits')
        .values({
          key: `${rule.bucket}:${subject}:${windowStart}`,
          hits: 1,
          expires_at: toDb(retryAt),
        })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ hits: sql<number>`rate_limits.hits + 1` }),
        )
        .returning('hits')
        .executeTakeFirstOrThrow();
      return { allowed: Number(row.hits) <= rule.limit, retryAt };
    },
  };
}

/** Drops the counters of windows that have ended. */
export async function deleteExpiredRateLimits(db: Executor, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('rate_limits')
    .where('expires_at', '<=', toDb(now))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
