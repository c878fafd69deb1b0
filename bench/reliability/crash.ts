/**
 * Guarantee 1, « crash »: while virtual candidates do the whole journey, the server is killed
 * with SIGKILL at random moments and started again. Right after each kill, before the
 * restart, the database and the upload folder are checked as the dead process left them:
 * every acknowledged write there and identical, nothing half-written, no row without its
 * file (a file without its row is allowed then, and counted: the upload wrote its file and
 * died before its commit). At the end, once the orphan sweep's grace period has passed, the
 * same check with no orphan allowed.
 */
import { SmtpSink } from '../lib/smtp-sink.js';
import type { Entry } from '../lib/server.js';
import type { UploadFile } from '../lib/files.js';
import { type ConsistencyReport, checkConsistency } from './lib/consistency.js';
import { Deployment } from './lib/deployment.js';
import { JourneyLoad, type LoadFigures, durableJourney } from './lib/journey.js';
import { Ledger } from './lib/ledger.js';
import { sleep, waitUntil } from './lib/time.js';

export interface CrashOptions {
  entry: Entry;
  /** PostgreSQL database URL; SQLite without it. */
  postgresUrl?: string | undefined;
  kills: number;
  /** Each kill comes at a random moment this long after the server was ready ([min, max] ms). */
  killAfterMs: [number, number];
  concurrency: number;
  /** How long the load goes on after the last restart. */
  tailMs: number;
  /** ORPHAN_GRACE_SECONDS of the server. */
  graceSeconds: number;
  files: readonly UploadFile[];
  resaves: number;
  log: (message: string) => void;
}

export interface KillRecord {
  /** When the kill came, after the server was ready. */
  afterMs: number;
  /** Acknowledged writes in the ledger at the kill. */
  acknowledged: number;
  orphanFiles: number;
  temporaryFiles: number;
  /** The check of the database and the folder as the dead process left them. */
  checkMs: number;
  /** From the new process's start to /readyz answering 200. */
  restartMs: number;
}

export interface CrashResult {
  dialect: 'sqlite' | 'postgres';
  kills: KillRecord[];
  load: LoadFigures;
  /** Journeys completed after the last restart (the server works again). */
  completedAfterLastRestart: number;
  final: ConsistencyReport;
  violations: string[];
  seconds: number;
}

async function check(
  d: Deployment,
  ledger: Ledger,
  orphansAllowed: boolean,
): Promise<ConsistencyReport> {
  const database = d.openDatabase();
  try {
    return await checkConsistency(database.db, d.uploadDir, ledger, { orphansAllowed });
  } finally {
    await database.close();
  }
}

export async function crashScenario(o: CrashOptions): Promise<CrashResult> {
  const started = performance.now();
  const sink = new SmtpSink();
  await sink.start();
  const d = await Deployment.start({
    postgresUrl: o.postgresUrl,
    smtpUrl: sink.url,
    entry: o.entry,
    env: { JOB_INTERVAL_SECONDS: '1', ORPHAN_GRACE_SECONDS: String(o.graceSeconds) },
  });
  const ledger = new Ledger();
  const violations: string[] = [];
  const tag = Math.random().toString(36).slice(2, 8);
  // A journey cut by a kill is given up; its worker waits a second before the next one, so
  // the workers do not spin against the port while the server is down.
  const load = new JourneyLoad(
    o.concurrency,
    (i) =>
      durableJourney(
        { bases: d.bases, dispatcher: d.dispatcher, outbox: d.outbox(), ledger },
        `crash.${tag}.${i}@exemple.fr`,
        { files: o.files, resaves: o.resaves },
      ),
    1000,
  );
  const kills: KillRecord[] = [];
  try {
    load.start();
    let lastReady = performance.now();
    for (let k = 0; k < o.kills; k += 1) {
      const [min, max] = o.killAfterMs;
      const afterMs = Math.round(min + Math.random() * (max - min));
      await sleep(afterMs);
      await d.killNode();
      const killedAt = performance.now();
      const acknowledged = ledger.total;
      const after = await check(d, ledger, true);
      for (const v of after.violations) violations.push(`after kill ${k + 1}: ${v}`);
      const restartAt = performance.now();
      await d.startNode();
      lastReady = performance.now();
      const kill: KillRecord = {
        afterMs,
        acknowledged,
        orphanFiles: after.orphanFiles,
        temporaryFiles: after.temporaryFiles,
        checkMs: Math.round(restartAt - killedAt),
        restartMs: Math.round(lastReady - restartAt),
      };
      kills.push(kill);
      o.log(
        `crash ${d.dialect}: kill ${k + 1} after ${afterMs} ms: ${acknowledged} acknowledged, ` +
          `${after.orphanFiles} orphan file(s), ${after.temporaryFiles} temporary, ` +
          `${after.violations.length} violation(s) (checked in ${kill.checkMs} ms); ` +
          `ready again in ${kill.restartMs} ms`,
      );
    }
    // The load goes on for `tailMs`, and at least until a journey made after the last restart
    // has completed: the restarted server must work, not only answer /readyz.
    const completedAtLastRestart = load.snapshot.completed;
    await sleep(o.tailMs);
    await waitUntil(
      () => Promise.resolve(load.snapshot.completed > completedAtLastRestart),
      180_000,
    );
    const figures = await load.stop();
    // The orphans of the last crash are swept once older than the grace period.
    await sleep(Math.max(0, lastReady + o.graceSeconds * 1000 + 2500 - performance.now()));
    const final = await check(d, ledger, false);
    for (const v of final.violations) violations.push(`at the end: ${v}`);
    const completedAfterLastRestart = figures.completed - completedAtLastRestart;
    if (completedAfterLastRestart === 0)
      violations.push('no journey completed after the last restart');
    return {
      dialect: d.dialect,
      kills,
      load: figures,
      completedAfterLastRestart,
      final,
      violations,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } catch (error) {
    console.error(d.output());
    throw error;
  } finally {
    await load.stop();
    await d.close();
    await sink.stop();
  }
}
