/**
 * Guarantee 4 in small (bench/reliability/database-outage.ts): the real server (a child
 * process) on a PostgreSQL cluster of the test's own, which is stopped during the journeys
 * and started again. Requests meet the French 503 page and nothing else, /readyz says 503
 * then 200 by itself, the same process serves journeys again, and nothing acknowledged is
 * lost or half-written. And, deterministically, the case that used to end the process: the
 * connection of a transaction cut between two of its statements. Needs PostgreSQL's server
 * programs (/usr/lib/postgresql/<version>/bin): skipped without them, failed with CI=true.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseOutageScenario } from '../../bench/reliability/database-outage.js';
import {
  postgresBinaries,
  startPrivatePostgres,
} from '../../bench/reliability/lib/private-postgres.js';
import { isReachable, openDatabase } from '../../src/infra/db/database.js';
import { journeyFiles } from './files.js';

const available = postgresBinaries() !== undefined;
if (!available && process.env.CI === 'true')
  throw new Error('PostgreSQL server programs are required in CI (/usr/lib/postgresql/*/bin)');
if (!available) console.warn('No PostgreSQL server programs: the database outage test is skipped.');

describe.runIf(available)('a PostgreSQL restart during the journeys', () => {
  it(
    'answers the French 503 page meanwhile and recovers without a restart',
    { timeout: 300_000 },
    async () => {
      const log: string[] = [];
      const result = await databaseOutageScenario({
        entry: 'source',
        concurrency: 3,
        beforeMs: 3000,
        downMs: 2000,
        afterMs: 1000,
        files: await journeyFiles(),
        log: (m) => log.push(m),
      });
      expect(result.violations, log.join('\n')).toEqual([]);
      expect(result.unavailablePages).toBeGreaterThan(0);
      expect(result.otherFailures).toBe(0);
      expect(result.samePid).toBe(true);
      expect(result.readyAgainAfterMs).toBeDefined();
      expect(result.completedAfterRestart).toBeGreaterThan(0);
      expect(result.consistency.violations).toEqual([]);
    },
  );
});

describe.runIf(available)('a PostgreSQL connection cut inside a transaction', () => {
  it(
    'fails that transaction, not the process, and the pool reconnects',
    { timeout: 120_000 },
    async () => {
      const cluster = await startPrivatePostgres();
      try {
        const database = openDatabase({
          dialect: 'postgres',
          url: await cluster.createDatabase('coupure'),
        });
        try {
          const transaction = database.db.transaction().execute(async (trx) => {
            await sql`select 1`.execute(trx);
            // Between two statements, its connection checked out and idle: the server goes.
            await cluster.stop();
            await sql`select 2`.execute(trx);
          });
          // One of the failures the error pages answer with the 503 page (error-pages.tsx).
          await expect(transaction).rejects.toThrow(/not queryable|Connection terminated/);
          expect(await isReachable(database.db)).toBe(false);
          await cluster.start();
          expect(await isReachable(database.db)).toBe(true);
        } finally {
          await database.close();
        }
      } finally {
        await cluster.destroy();
      }
    },
  );
});
