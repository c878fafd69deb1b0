/**
 * Guarantee 4, « database outage »: the portal runs on a PostgreSQL cluster of this scenario's
 * own (never the shared server), virtual candidates do the whole journey, and the cluster is
 * stopped (fast shutdown: every session ended, transactions in flight rolled back), kept down
 * a while, and started again, the portal untouched. Every answer is watched: while the
 * database is away a request may only fail with the French « Service temporairement
 * indisponible » page (503), never a 500 or a cut connection; /readyz, polled all along, must
 * say 503 meanwhile and 200 again by itself; journeys must complete again on the same
 * process; and the check of crash.ts must find every acknowledged write and nothing
 * half-written.
 */
import { request } from 'undici';
import type { Reply } from '../lib/browser.js';
import type { UploadFile } from '../lib/files.js';
import type { Entry } from '../lib/server.js';
import { SmtpSink } from '../lib/smtp-sink.js';
import { type ConsistencyReport, checkConsistency } from './lib/consistency.js';
import { Deployment } from './lib/deployment.js';
import { JourneyLoad, type LoadFigures, durableJourney } from './lib/journey.js';
import { Ledger } from './lib/ledger.js';
import { type PrivatePostgres, startPrivatePostgres } from './lib/private-postgres.js';
import { sleep, waitUntil } from './lib/time.js';

export interface DatabaseOutageOptions {
  entry: Entry;
  concurrency: number;
  beforeMs: number;
  /** How long the cluster stays stopped. */
  downMs: number;
  afterMs: number;
  files: readonly UploadFile[];
  log: (message: string) => void;
}

export interface DatabaseOutageResult {
  /** From the start of the stop to the cluster accepting connections again. */
  outageMs: number;
  load: LoadFigures;
  /** Answers by status while the scenario ran. */
  statuses: Record<string, number>;
  /** 503 answers with the French « Service temporairement indisponible » page. */
  unavailablePages: number;
  /** Anything else that went wrong: a 500, a 503 without the page, a cut connection. */
  otherFailures: number;
  otherFailureExamples: string[];
  /** /readyz: from its first 503 to its first 200 again, and that 200 after the return. */
  notReadyMs: number;
  readyAgainAfterMs: number | undefined;
  /** The first page a candidate got from the database after its return. */
  firstSuccessAfterMs: number | undefined;
  completedAfterRestart: number;
  samePid: boolean;
  consistency: ConsistencyReport;
  violations: string[];
  seconds: number;
}

const UNAVAILABLE = 'Service temporairement indisponible';

/** Polls /readyz every 100 ms, keeping each answer's instant and status. */
function pollReadiness(url: string): { stop(): Promise<Array<[number, number]>> } {
  const seen: Array<[number, number]> = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = performance.now();
      const status = await request(`${url}/readyz`, { headersTimeout: 5000, bodyTimeout: 5000 })
        .then(async (r) => {
          await r.body.dump();
          return r.statusCode;
        })
        .catch(() => 0);
      seen.push([at, status]);
      await sleep(100);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return seen;
    },
  };
}

export async function databaseOutageScenario(
  o: DatabaseOutageOptions,
): Promise<DatabaseOutageResult> {
  const started = performance.now();
  const cluster: PrivatePostgres = await startPrivatePostgres();
  const sink = new SmtpSink();
  let d: Deployment | undefined;
  try {
    const url = await cluster.createDatabase('candidat');
    await sink.start();
    d = await Deployment.start({ postgresUrl: url, smtpUrl: sink.url, entry: o.entry });
    const deployment = d;
    const pid = deployment.node().pid;
    const ledger = new Ledger();
    const statuses: Record<string, number> = {};
    let unavailablePages = 0;
    const other: string[] = [];
    // When the cluster accepts connections again (set once, read by the observer).
    const restart: { at?: number } = {};
    let firstSuccessAfterMs: number | undefined;
    const observer = (step: string, outcome: Reply | Error): void => {
      if (outcome instanceof Error) {
        statuses.error = (statuses.error ?? 0) + 1;
        other.push(outcome.message);
        return;
      }
      statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
      if (outcome.status === 503 && outcome.text.includes(UNAVAILABLE)) unavailablePages += 1;
      else if (outcome.status >= 500) other.push(`${step}: ${outcome.status}`);
      else if (
        restart.at !== undefined &&
        firstSuccessAfterMs === undefined &&
        step.startsWith('POST') &&
        outcome.status < 400
      )
        // A form accepted: written to the database again.
        firstSuccessAfterMs = Math.round(performance.now() - restart.at);
    };
    const tag = Math.random().toString(36).slice(2, 8);
    const load = new JourneyLoad(o.concurrency, (i) =>
      durableJourney(
        {
          bases: deployment.bases,
          dispatcher: deployment.dispatcher,
          outbox: deployment.outbox(),
          ledger,
          observer,
        },
        `base.${tag}.${i}@exemple.fr`,
        { files: o.files, resaves: 1 },
      ),
    );
    const readiness = pollReadiness(deployment.bases[0] ?? '');
    load.start();
    await sleep(o.beforeMs);
    const stopAt = performance.now();
    await cluster.stop();
    o.log(`database: PostgreSQL stopped in ${Math.round(performance.now() - stopAt)} ms`);
    await sleep(o.downMs);
    // Down at least until a candidate's request has met the outage.
    await waitUntil(() => Promise.resolve(unavailablePages > 0), 60_000, 100);
    await cluster.start();
    const back = performance.now();
    restart.at = back;
    const completedBefore = load.snapshot.completed;
    o.log(`database: PostgreSQL back after ${Math.round(back - stopAt)} ms`);
    await sleep(o.afterMs);
    await waitUntil(() => Promise.resolve(load.snapshot.completed > completedBefore), 180_000);
    const figures = await load.stop();
    const timeline = await readiness.stop();

    const notReady = timeline.find(([at, s]) => at >= stopAt && s !== 200);
    const readyAgain = timeline.find(([at, s]) => at >= back && s === 200);
    const database = deployment.openDatabase();
    let consistency: ConsistencyReport;
    try {
      consistency = await checkConsistency(database.db, deployment.uploadDir, ledger, {
        orphansAllowed: false,
      });
    } finally {
      await database.close();
    }
    const samePid = deployment.node().pid === pid && isAlive(pid);
    const completedAfterRestart = figures.completed - completedBefore;
    const violations = [...consistency.violations];
    if (other.length > 0)
      violations.push(
        `${other.length} failure(s) other than the 503 page: ${other.slice(0, 3).join('; ')}`,
      );
    if (unavailablePages === 0) violations.push('no request met the outage (no 503 page)');
    if (!notReady) violations.push('/readyz never said « not ready »');
    if (!readyAgain) violations.push('/readyz did not say « ready » again');
    if (completedAfterRestart === 0) violations.push('no journey completed after the restart');
    if (!samePid) violations.push('the portal process did not survive the outage');
    const ms = (n: number | undefined): number | undefined =>
      n === undefined ? undefined : Math.round(n);
    o.log(
      `database: ${unavailablePages} × 503 page, ${other.length} other failure(s), ` +
        `/readyz ready again ${ms(readyAgain && readyAgain[0] - back)} ms after the restart`,
    );
    return {
      outageMs: Math.round(back - stopAt),
      load: figures,
      statuses,
      unavailablePages,
      otherFailures: other.length,
      otherFailureExamples: other.slice(0, 5),
      notReadyMs: ms(notReady && readyAgain && readyAgain[0] - notReady[0]) ?? 0,
      readyAgainAfterMs: ms(readyAgain && readyAgain[0] - back),
      firstSuccessAfterMs,
      completedAfterRestart,
      samePid,
      consistency,
      violations,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } catch (error) {
    console.error(d?.output() ?? '', cluster.logTail());
    throw error;
  } finally {
    await d?.close();
    await sink.stop();
    await cluster.destroy();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
