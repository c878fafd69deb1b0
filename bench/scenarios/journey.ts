/**
 * (1) journey: virtual candidates each doing the whole thing on fresh accounts: create an
 * account, activate it (link read from the outbox), sign in from a new browser, register with
 * the wizard, upload two 300 KB PDFs and a 1 MB JPEG, « J'ai fourni toutes mes pièces », and
 * download the récapitulatif. Run twice: a closed loop (as many journeys as the server gives:
 * journeys/s) and an open loop at the target rate (each step's latency at that load).
 */
import { Browser } from '../lib/browser.js';
import {
  createAndActivate,
  downloadReceipt,
  registerWithWizard,
  signIn,
  uploadAndDeclare,
} from '../lib/candidate.js';
import { ownCpuMs, processCpuMs } from '../lib/cpu.js';
import { type DriveResult, closedLoop, openLoop } from '../lib/drive.js';
import type { UploadFile } from '../lib/files.js';
import { Samples, StepRecorder, round } from '../lib/stats.js';
import { type ScenarioResult, type Target, toMB, withRss } from './common.js';

export interface JourneyOptions {
  /** Closed loop: candidates at once, and how long. */
  concurrency: number;
  durationS: number;
  /** Open loop: journeys started per second, how long, and the cap on those running. */
  pacedRate: number;
  pacedDurationS: number;
  maxInFlight: number;
  idleMs: number;
  files: readonly UploadFile[];
}

/** One candidate's whole journey; `recorder` times every request. */
export async function journey(
  target: Target,
  recorder: StepRecorder,
  email: string,
  files: readonly UploadFile[],
): Promise<void> {
  const browser = new Browser(target.bases, target.dispatcher, undefined, recorder);
  await createAndActivate(browser, email, target.outbox);
  // Later, in another browser (same place): « Se connecter ».
  browser.forgetCookies();
  await signIn(browser, email);
  const number = await registerWithWizard(browser);
  await uploadAndDeclare(browser, number, files);
  await downloadReceipt(browser, number);
}

function summarize(
  name: string,
  drive: DriveResult,
  recorder: StepRecorder,
  journeys: Samples,
  idle: number,
  peak: number,
  extra: Record<string, unknown>,
): ScenarioResult {
  return {
    name,
    unit: 'journeys/s',
    throughput: round(drive.perSecond, 2),
    seconds: round(drive.seconds, 2),
    ...journeys.summary(),
    errors: drive.failed,
    errorExamples: recorder.errorExamples,
    shed: drive.shed,
    steps: recorder.bySteps(),
    idleRssMB: toMB(idle),
    peakRssMB: toMB(peak),
    ...extra,
  };
}

export async function journeyScenario(
  target: Target,
  o: JourneyOptions,
): Promise<{ saturation: ScenarioResult; paced: ScenarioResult }> {
  const task = (phase: string, recorder: StepRecorder, journeys: Samples) => async (i: number) => {
    const started = performance.now();
    await journey(target, recorder, `parcours.${target.tag}.${phase}.${i}@exemple.fr`, o.files);
    journeys.add(performance.now() - started);
  };

  const closedRecorder = new StepRecorder();
  const closedJourneys = new Samples();
  const mailTotal = async (): Promise<number> => {
    const { sent, pending } = await target.outbox.mailCounts();
    return sent + pending;
  };
  const mailsBefore = await mailTotal();
  const commitsBefore = await target.outbox.committedTransactions();
  const serverCpuBefore = processCpuMs(target.pids());
  const benchCpuBefore = ownCpuMs();
  const closed = await withRss(target, o.idleMs, () =>
    closedLoop(
      o.concurrency,
      o.durationS * 1000,
      closedRecorder,
      task('c', closedRecorder, closedJourneys),
    ),
  );
  const serverCpu = processCpuMs(target.pids()) - serverCpuBefore;
  const benchCpu = ownCpuMs() - benchCpuBefore;
  await new Promise((resolve) => setTimeout(resolve, 1500)); // PostgreSQL's statistics lag
  const commitsAfter = await target.outbox.committedTransactions();
  const finished = closedJourneys.count + closed.result.failed;
  const mailsPerJourney =
    finished > 0 ? round(((await mailTotal()) - mailsBefore) / finished, 1) : 0;
  const perJourney =
    commitsBefore !== undefined && commitsAfter !== undefined && finished > 0
      ? // the bench's own reads of the outbox (one per journey) are not the portal's
        round((commitsAfter - commitsBefore - finished) / finished, 1)
      : undefined;
  const saturation = summarize(
    'journey (closed loop)',
    closed.result,
    closedRecorder,
    closedJourneys,
    closed.idle,
    closed.peak,
    {
      concurrency: o.concurrency,
      mailsPerJourney,
      ...(finished > 0
        ? {
            serverCpuMsPerJourney: round(serverCpu / finished, 1),
            benchCpuMsPerJourney: round(benchCpu / finished, 1),
          }
        : {}),
      ...(perJourney !== undefined ? { transactionsPerJourney: perJourney } : {}),
    },
  );

  const pacedRecorder = new StepRecorder();
  const pacedJourneys = new Samples();
  const paced = await withRss(target, o.idleMs, () =>
    openLoop(
      o.pacedRate,
      o.pacedDurationS * 1000,
      o.maxInFlight,
      pacedRecorder,
      task('p', pacedRecorder, pacedJourneys),
    ),
  );
  return {
    saturation,
    paced: summarize(
      'journey (open loop at the target rate)',
      paced.result,
      pacedRecorder,
      pacedJourneys,
      paced.idle,
      paced.peak,
      { offeredRate: round(o.pacedRate, 2) },
    ),
  };
}
