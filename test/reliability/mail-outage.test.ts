/**
 * Guarantee 3 in small (bench/reliability/mail-outage.ts): the real server (a child process,
 * SQLite) delivers to a real SMTP server that stops during the candidates' journeys, at least
 * until a delivery has failed, then comes back. No journey fails, and every mail that was due
 * is received exactly once (by Message-ID) once the outbox is empty — the failed ones at
 * their retry, 30 s later.
 */
import { describe, expect, it } from 'vitest';
import { mailOutageScenario } from '../../bench/reliability/mail-outage.js';
import { journeyFiles } from './files.js';

describe('an SMTP outage during the journeys (SQLite)', () => {
  it(
    'delivers every mail due once and fails no candidate action',
    { timeout: 300_000 },
    async () => {
      const log: string[] = [];
      const result = await mailOutageScenario({
        entry: 'source',
        concurrency: 2,
        beforeMs: 2000,
        outageMs: 2000,
        afterMs: 1000,
        drainTimeoutMs: 90_000,
        files: await journeyFiles(),
        log: (m) => log.push(m),
      });
      expect(result.violations, log.join('\n')).toEqual([]);
      expect(result.load.failed).toBe(0);
      expect(result.mails.retried).toBeGreaterThan(0);
      expect(result.mails.deliveredOnce).toBe(result.mails.due);
    },
  );
});
