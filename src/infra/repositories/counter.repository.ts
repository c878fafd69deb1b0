/** Named sequences in the database (one upsert each), shared by every app node. */
import { sql } from 'kysely';
import type { CounterRepository } from '../../domain/registrations/ports.js';
import type { Executor } from './executor.js';

export function counterRepository(db: Executor): CounterRepository {
  return {
    async next(key) {
      const row = await db
        .insertInto('counters')
        .values({ key, value: 1 })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ value: sql<number>`counters.value + 1` }),
        )
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value);
    },
  };
}
