/**
 * Constant-concurrency HTTP load with autocannon (programmatic API): N keep-alive connections
 * each sending its next request as soon as the previous one is answered. The same function
 * loads the portal's pages and the bare "hello" server, so their figures compare.
 */
import autocannon from 'autocannon';
import type { LatencySummary } from './stats.js';

export interface LoadResult extends LatencySummary {
  durationS: number;
  /** Answers per second over the whole run. */
  rps: number;
  /** Connection errors, timeouts and answers other than the expected status. */
  errors: number;
  statuses: Record<string, number>;
  /** Average size of an answer, headers included. */
  bytesPerAnswer: number;
}

export interface LoadOptions {
  url: string;
  path: string;
  connections: number;
  durationS: number;
  /** Cookie headers used in turn, one per request (signed-in candidates). */
  cookies?: readonly string[];
  /** The status every answer must have (200 unless said). */
  expect?: number;
}

export async function cannon(options: LoadOptions): Promise<LoadResult> {
  const cookies = options.cookies ?? [];
  let turn = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    timeout: 30,
    requests: [
      {
        method: 'GET',
        path: options.path,
        ...(cookies.length > 0
          ? {
              setupRequest: (req) => ({
                ...req,
                headers: { ...req.headers, cookie: cookies[turn++ % cookies.length] ?? '' },
              }),
            }
          : {}),
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statuses[code] = stat.count ?? 0;
  const expected = String(options.expect ?? 200);
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  const wrong = answered - (statuses[expected] ?? 0);
  return {
    count: answered,
    durationS: result.duration,
    rps: answered / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + wrong,
    statuses,
    bytesPerAnswer: answered > 0 ? Math.round(result.throughput.total / answered) : 0,
  };
}
