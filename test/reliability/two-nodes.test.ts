/**
 * Guarantee 5 in small (bench/reliability/two-nodes.ts): two server processes on one
 * PostgreSQL database, running their recurring tasks every second. Journeys whose requests
 * alternate between the nodes all succeed; each mail due is received once; each incomplete
 * file gets one reminder; expired accounts are purged without a failure; sign-in attempts
 * at once across both nodes get exactly the per-account limit through.
 */
import { describe, expect, it } from 'vitest';
import { twoNodesScenario } from '../../bench/reliability/two-nodes.js';
import { createTestDatabase, testDialects } from '../support/databases.js';
import { journeyFiles } from './files.js';

const withPostgres = (await testDialects()).includes('postgres');

describe.runIf(withPostgres)('two app nodes on one PostgreSQL', () => {
  it(
    'share sessions, run scheduled work once and hold rate limits together',
    { timeout: 300_000 },
    async () => {
      const database = await createTestDatabase('postgres');
      try {
        if (database.location.dialect !== 'postgres') throw new Error('PostgreSQL expected');
        const log: string[] = [];
        const result = await twoNodesScenario({
          entry: 'source',
          postgresUrl: database.location.url,
          journeys: 4,
          concurrency: 2,
          incompleteEvery: 2,
          expiredAccounts: 2,
          signInAttempts: 14,
          files: await journeyFiles(),
          log: (m) => log.push(m),
        });
        expect(result.violations, log.join('\n')).toEqual([]);
        expect(result.load.completed).toBe(4);
        expect(result.duplicateMessageIds).toBe(0);
        // One reminder at most a registration, and one for each file left incomplete.
        expect(result.reminders.sent).toBeLessThanOrEqual(result.reminders.registrations);
        expect(result.reminders.sent).toBeGreaterThanOrEqual(result.reminders.incompleteAtEnd);
        expect(result.reminders.received).toBe(result.reminders.sent);
        expect(result.purge.remaining).toBe(0);
        expect(result.rateLimit).toMatchObject({ allowed: 10, refused: 4 });
      } finally {
        await database.drop();
      }
    },
  );
});
