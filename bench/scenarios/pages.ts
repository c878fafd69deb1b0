/**
 * (2) read: signed-in candidates loading « Mes inscriptions » (/espace), and (3) public: the
 * registration calendar (/calendrier) as first-time visitors (no cookie), each at a constant
 * number of connections with autocannon, like the "hello" limit.
 */
import { cannon } from '../lib/load.js';
import { round } from '../lib/stats.js';
import {
  type Candidate,
  type ScenarioResult,
  type Target,
  countCommits,
  toMB,
  withRss,
} from './common.js';

export interface PagesOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  idleMs: number;
}

async function pageLoad(
  name: string,
  target: Target,
  path: string,
  cookies: string[] | undefined,
  o: PagesOptions,
): Promise<ScenarioResult> {
  const url = target.bases[0] ?? '';
  const load = { url, path, connections: o.connections, ...(cookies ? { cookies } : {}) };
  if (o.warmupS > 0) await cannon({ ...load, durationS: o.warmupS });
  const {
    result: { result, commits },
    idle,
    peak,
  } = await withRss(target, o.idleMs, () =>
    countCommits(target, () => cannon({ ...load, durationS: o.durationS })),
  );
  return {
    name,
    unit: 'req/s',
    throughput: round(result.rps),
    seconds: round(result.durationS, 2),
    count: result.count,
    p50: result.p50,
    p99: result.p99,
    max: result.max,
    errors: result.errors,
    statuses: result.statuses,
    bytesPerAnswer: result.bytesPerAnswer,
    ...(commits !== undefined && result.count > 0
      ? { transactionsPerUnit: round(commits / result.count, 1) }
      : {}),
    connections: o.connections,
    idleRssMB: toMB(idle),
    peakRssMB: toMB(peak),
  };
}

export function readScenario(
  target: Target,
  candidates: readonly Candidate[],
  o: PagesOptions,
): Promise<ScenarioResult> {
  const cookies = candidates.map((c) => c.browser.cookieHeader());
  return pageLoad('read', target, '/espace', cookies, o);
}

export function publicScenario(target: Target, o: PagesOptions): Promise<ScenarioResult> {
  return pageLoad('public', target, '/calendrier', undefined, o);
}
