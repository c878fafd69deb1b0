/**
 * (6) two app nodes on one PostgreSQL: « Mes inscriptions » loaded on both at once (half the
 * connections each, the same candidates' cookies on both), then journeys whose requests
 * alternate between the nodes (created on one, activated on the other…): zero errors means
 * sessions and CSRF tokens hold across nodes. The mail check (each mail once) is in run.ts.
 */
import { closedLoop } from '../lib/drive.js';
import { cannon } from '../lib/load.js';
import { Samples, StepRecorder, round } from '../lib/stats.js';
import { type Candidate, type ScenarioResult, type Target, toMB, withRss } from './common.js';
import { journey } from './journey.js';
import type { UploadFile } from '../lib/files.js';

export interface TwoNodesOptions {
  connections: number;
  durationS: number;
  journeyConcurrency: number;
  /** How many journeys alternate between the nodes. */
  journeys: number;
  idleMs: number;
  files: readonly UploadFile[];
}

export async function twoNodesScenario(
  target: Target,
  candidates: readonly Candidate[],
  o: TwoNodesOptions,
): Promise<ScenarioResult> {
  const cookies = candidates.map((c) => c.browser.cookieHeader());
  const perNode = Math.max(1, Math.floor(o.connections / target.bases.length));
  const {
    result: reads,
    idle,
    peak,
  } = await withRss(target, o.idleMs, () =>
    Promise.all(
      target.bases.map((url) =>
        cannon({ url, path: '/espace', connections: perNode, durationS: o.durationS, cookies }),
      ),
    ),
  );

  const recorder = new StepRecorder();
  const journeys = new Samples();
  const across = await closedLoop(
    o.journeyConcurrency,
    10 * 60_000,
    recorder,
    async (i) => {
      const started = performance.now();
      await journey(target, recorder, `deux.${target.tag}.${i}@exemple.fr`, o.files);
      journeys.add(performance.now() - started);
    },
    o.journeys,
  );

  const rps = reads.reduce((sum, r) => sum + r.rps, 0);
  const worstP99 = Math.max(...reads.map((r) => r.p99));
  return {
    name: 'two nodes',
    unit: 'req/s',
    throughput: round(rps),
    seconds: o.durationS,
    count: reads.reduce((sum, r) => sum + r.count, 0),
    p50: Math.max(...reads.map((r) => r.p50)),
    p99: worstP99,
    max: Math.max(...reads.map((r) => r.max)),
    errors: reads.reduce((sum, r) => sum + r.errors, 0) + across.failed,
    perNodeRps: reads.map((r) => round(r.rps)),
    readErrors: reads.reduce((sum, r) => sum + r.errors, 0),
    journeysAcrossNodes: across.completed,
    journeyErrors: across.failed,
    journeyP99: journeys.summary().p99,
    errorExamples: recorder.errorExamples,
    idleRssMB: toMB(idle),
    peakRssMB: toMB(peak),
  };
}
