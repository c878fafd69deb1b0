/** What every scenario gets (the server under test) and gives back (its figures). */
import type { Agent } from 'undici';
import { Browser } from '../lib/browser.js';
import { createAndActivate, registerWithWizard } from '../lib/candidate.js';
import type { OutboxView } from '../lib/database.js';
import { closedLoop } from '../lib/drive.js';
import { MB, RssSampler, idleRss } from '../lib/rss.js';
import { type LatencySummary, StepRecorder, round } from '../lib/stats.js';

export interface Target {
  /** The app nodes' base URLs (one, or two in the two-node run). */
  bases: string[];
  pids: () => number[];
  dispatcher: Agent;
  outbox: OutboxView;
  /** Makes the addresses unique to this run and database. */
  tag: string;
}

export interface ScenarioResult extends LatencySummary {
  name: string;
  /** What the throughput counts, per second (requests, saves, journeys, uploads). */
  unit: string;
  throughput: number;
  seconds: number;
  errors: number;
  idleRssMB: number;
  peakRssMB: number;
  errorExamples?: string[];
  steps?: Array<{ step: string } & LatencySummary>;
  /** Load shape: connections or candidates at once, rounds, the open loop's offered rate. */
  connections?: number;
  concurrency?: number;
  rounds?: number;
  offeredRate?: number;
  /** Open loop: arrivals not started because too many journeys were still running. */
  shed?: number;
  statuses?: Record<string, number>;
  bytesPerAnswer?: number;
  /** PostgreSQL: transactions committed per journey (pg_stat_database). */
  transactionsPerJourney?: number;
  /** Mails queued per journey (activation, confirmation, « pièces fournies »…). */
  mailsPerJourney?: number;
  /** Closed loop: CPU milliseconds per journey of the server(s), and of the bench itself. */
  serverCpuMsPerJourney?: number;
  benchCpuMsPerJourney?: number;
  /** PostgreSQL: transactions committed per request (read, public) or per save. */
  transactionsPerUnit?: number;
  /** Upload: the file's size, the bytes per second received, the RSS over idle. */
  fileMB?: number;
  megabytesPerSecond?: number;
  growthMB?: number;
  /** Two nodes: each node's req/s, and the journeys whose requests alternated between them. */
  perNodeRps?: number[];
  readErrors?: number;
  journeysAcrossNodes?: number;
  journeyErrors?: number;
  journeyP99?: number;
}

/** A signed-in candidate with one saved registration, made in the (untimed) setup. */
export interface Candidate {
  browser: Browser;
  email: string;
  number: string;
  /** A CSRF token valid with the browser's CSRF cookie, for its forms. */
  csrf: string;
}

export const toMB = (bytes: number): number => round(bytes / MB, 1);

/** Runs `body` while sampling the servers' RSS; returns its result with idle and peak. */
export async function withRss<T>(
  target: Target,
  idleMs: number,
  body: () => Promise<T>,
): Promise<{ result: T; idle: number; peak: number }> {
  const idle = await idleRss(target.pids, idleMs);
  const sampler = new RssSampler(target.pids).start();
  try {
    const result = await body();
    return { result, idle, peak: sampler.stop() };
  } finally {
    sampler.stop();
  }
}

/**
 * PostgreSQL only: the transactions the database committed while `body` ran (its statistics
 * reach pg_stat_database within a second of a backend going idle, hence the wait).
 */
export async function countCommits<T>(
  target: Target,
  body: () => Promise<T>,
): Promise<{ result: T; commits: number | undefined }> {
  const before = await target.outbox.committedTransactions();
  const result = await body();
  if (before === undefined) return { result, commits: undefined };
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const after = await target.outbox.committedTransactions();
  return { result, commits: after === undefined ? undefined : after - before };
}

/**
 * Candidates made through the real pages (create, activation link from the outbox, activate,
 * « M'inscrire » to « Enregistrer »), `concurrency` at a time: the accounts the read, save
 * and upload scenarios use. Not timed as a scenario (argon2 makes it slow on purpose).
 */
export async function makeCandidates(
  target: Target,
  count: number,
  concurrency: number,
): Promise<{ candidates: Candidate[]; seconds: number }> {
  const candidates: Candidate[] = [];
  const recorder = new StepRecorder();
  const started = performance.now();
  const run = await closedLoop(
    concurrency,
    10 * 60_000,
    recorder,
    async (i) => {
      const browser = new Browser(target.bases, target.dispatcher);
      const email = `lecteur.${target.tag}.${i}@exemple.fr`;
      await createAndActivate(browser, email, target.outbox);
      const number = await registerWithWizard(browser);
      const space = await browser.get('GET /espace', '/espace');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(space.text)?.[1] ?? '';
      candidates.push({ browser, email, number, csrf });
    },
    count,
  );
  if (run.failed > 0 || candidates.length < count)
    throw new Error(
      `setup: ${run.failed} of ${count} candidates could not be made: ${recorder.errorExamples.join('; ')}`,
    );
  return { candidates, seconds: (performance.now() - started) / 1000 };
}
