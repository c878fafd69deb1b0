/**
 * (4) save: signed-in candidates re-saving their registration, each save a new version
 * (« Modifier » then « Enregistrer »: two POSTs, two transactions), one candidate per loop.
 */
import { resave } from '../lib/candidate.js';
import { closedLoop } from '../lib/drive.js';
import { Samples, StepRecorder, round } from '../lib/stats.js';
import {
  type Candidate,
  type ScenarioResult,
  type Target,
  countCommits,
  toMB,
  withRss,
} from './common.js';

export interface SaveOptions {
  durationS: number;
  warmupS: number;
  idleMs: number;
}

export async function saveScenario(
  target: Target,
  candidates: readonly Candidate[],
  o: SaveOptions,
): Promise<ScenarioResult> {
  const loop = (durationS: number, recorder: StepRecorder, saves: Samples) =>
    closedLoop(candidates.length, durationS * 1000, recorder, async (_i, worker) => {
      const c = candidates[worker];
      if (!c) return;
      const started = performance.now();
      await resave(c.browser, c.csrf);
      saves.add(performance.now() - started);
    });
  if (o.warmupS > 0) await loop(o.warmupS, new StepRecorder(), new Samples());

  const recorder = new StepRecorder();
  const saves = new Samples();
  const {
    result: { result, commits },
    idle,
    peak,
  } = await withRss(target, o.idleMs, () =>
    countCommits(target, () => loop(o.durationS, recorder, saves)),
  );
  return {
    name: 'save',
    unit: 'saves/s',
    throughput: round(result.perSecond),
    seconds: round(result.seconds, 2),
    ...saves.summary(),
    errors: result.failed,
    errorExamples: recorder.errorExamples,
    steps: recorder.bySteps(),
    connections: candidates.length,
    ...(commits !== undefined && saves.count > 0
      ? { transactionsPerUnit: round(commits / saves.count, 1) }
      : {}),
    idleRssMB: toMB(idle),
    peakRssMB: toMB(peak),
  };
}
