/**
 * Fixed-window attempt counters in the process's memory, for SQLite: a SQLite file is served
 * by one process, so its memory sees every attempt, and a counter costs no write. In the
 * database each attempt was an autocommit, hence an fsync that held the whole server for
 * about a millisecond, four times per candidate journey (bench/REPORT.md). PostgreSQL
 * deployments, with several nodes, keep the counters in the database (database-rate-limiter.ts).
 *
 * A restart forgets the counters: the windows are minutes long, and a visitor cannot restart
 * the server. The map is swept of ended windows as it grows, and bounded: under a flood of
 * new subjects the oldest counters go first.
 */
import type { RateLimiter } from '../../domain/accounts/ports.js';

const SWEEP_EVERY = 1_000;
const MAX_COUNTERS = 100_000;

interface Counter {
  hits: number;
  endsAt: number;
}

export function memoryRateLimiter(): RateLimiter {
  const counters = new Map<string, Counter>();
  let added = 0;
  const sweep = (now: number): void => {
    for (const [key, counter] of counters) if (counter.endsAt <= now) counters.delete(key);
    for (const key of counters.keys()) {
      if (counters.size < MAX_COUNTERS) break;
      counters.delete(key);
    }
  };
  return {
    hit(rule, subject, now) {
      const windowStart = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
      const endsAt = windowStart + rule.windowMs;
      const key = `${rule.bucket}:${subject}:${windowStart}`;
      let counter = counters.get(key);
      if (!counter) {
        if (++added % SWEEP_EVERY === 0 || counters.size >= MAX_COUNTERS) sweep(now.getTime());
        counter = { hits: 0, endsAt };
        counters.set(key, counter);
      }
      counter.hits += 1;
      return Promise.resolve({ allowed: counter.hits <= rule.limit, retryAt: new Date(endsAt) });
    },
  };
}
