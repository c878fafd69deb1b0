/**
 * Guarantee 1 in small (bench/reliability/crash.ts, `npm run reliability` for the long run):
 * the real server (`src/cli.ts serve`, a child process, SQLite) under virtual candidates'
 * journeys is killed with SIGKILL once and started again. Right after the kill, and again
 * once the orphan sweep's grace period has passed, every acknowledged write is found whole,
 * nothing is half-written, every file row has its bytes (SHA-256 read back) and, at the end,
 * every stored file its row.
 */
import { describe, expect, it } from 'vitest';
import { crashScenario } from '../../bench/reliability/crash.js';
import { journeyFiles } from './files.js';

describe('a crash of the server (SQLite)', () => {
  it(
    'loses no acknowledged write and leaves nothing half-written',
    { timeout: 300_000 },
    async () => {
      const log: string[] = [];
      const result = await crashScenario({
        entry: 'source',
        kills: 1,
        killAfterMs: [2000, 4000],
        concurrency: 3,
        tailMs: 1000,
        graceSeconds: 3,
        files: await journeyFiles(),
        resaves: 1,
        log: (m) => log.push(m),
      });
      expect(result.violations, log.join('\n')).toEqual([]);
      expect(result.kills).toHaveLength(1);
      expect(result.completedAfterLastRestart).toBeGreaterThan(0);
      // The check had something to check: versions saved, files hashed, declarations made.
      expect(result.final.acknowledged.saves).toBeGreaterThan(0);
      expect(result.final.filesChecked).toBeGreaterThan(0);
      expect(result.final.acknowledged.declarations).toBeGreaterThan(0);
      expect(result.final.orphanFiles).toBe(0);
    },
  );
});
