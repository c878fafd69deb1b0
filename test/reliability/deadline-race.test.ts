/**
 * Guarantee 2 in small (bench/reliability/deadline-race.ts): 100 writes sent at once over
 * HTTP to the real Fastify server, half « Enregistrer » and half « J'ai fourni toutes mes
 * pièces », with the injected clock's stamps straddling the close: exactly the writes
 * stamped before it are accepted and whole, the others refused with the French message and
 * leaving nothing. On SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { deadlineRaceScenario } from '../../bench/reliability/deadline-race.js';
import { createTestDatabase, testDialects } from '../support/databases.js';

const dialects = await testDialects();

describe.each(dialects)('writes racing the close (%s)', (dialect) => {
  it(
    'accepts exactly those stamped before it, whole, and refuses the rest',
    { timeout: 240_000 },
    async () => {
      const database = dialect === 'postgres' ? await createTestDatabase('postgres') : undefined;
      try {
        const log: string[] = [];
        const result = await deadlineRaceScenario({
          postgresUrl:
            database?.location.dialect === 'postgres' ? database.location.url : undefined,
          writes: 100,
          log: (m) => log.push(m),
        });
        expect(result.violations, log.join('\n')).toEqual([]);
        expect(result.stampedBefore).toBe(50);
        expect(result.accepted.saves + result.accepted.declarations).toBe(50);
        expect(result.refused.saves + result.refused.declarations).toBe(50);
        // Both kinds of write met both sides of the close.
        expect(Math.min(result.accepted.saves, result.accepted.declarations)).toBeGreaterThan(0);
        expect(Math.min(result.refused.saves, result.refused.declarations)).toBeGreaterThan(0);
      } finally {
        await database?.drop();
      }
    },
  );
});
