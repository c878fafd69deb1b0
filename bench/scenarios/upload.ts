/**
 * (5) upload: `concurrency` candidates each sending a 5 MB PDF at the same instant, for a few
 * rounds, while the server's RSS is sampled every 20 ms: the peak minus the idle level
 * before says whether uploads are streamed (flat) or held in memory.
 */
import { uploadOne } from '../lib/candidate.js';
import type { UploadFile } from '../lib/files.js';
import { Samples, StepRecorder, round } from '../lib/stats.js';
import { StepError } from '../lib/browser.js';
import { type Candidate, type ScenarioResult, type Target, toMB, withRss } from './common.js';

export interface UploadOptions {
  concurrency: number;
  rounds: number;
  idleMs: number;
}

export async function uploadScenario(
  name: string,
  target: Target,
  candidates: readonly Candidate[],
  file: UploadFile,
  o: UploadOptions,
): Promise<ScenarioResult> {
  const recorder = new StepRecorder();
  const times = new Samples();
  let done = 0;
  const senders = candidates.slice(0, o.concurrency);
  let started = 0;
  const { idle, peak } = await withRss(target, o.idleMs, async () => {
    started = performance.now();
    for (let round = 0; round < o.rounds; round += 1) {
      await Promise.all(
        senders.map(async (c) => {
          const t0 = performance.now();
          try {
            await uploadOne(c.browser, c.number, c.csrf, file);
            times.add(performance.now() - t0);
            done += 1;
          } catch (error) {
            if (error instanceof StepError) recorder.fail(error.step, error.message);
            else recorder.fail('(bench)', String(error));
          }
        }),
      );
    }
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    name,
    unit: 'uploads/s',
    throughput: round(done / seconds),
    seconds: round(seconds, 2),
    ...times.summary(),
    errors: recorder.errorCount,
    errorExamples: recorder.errorExamples,
    concurrency: senders.length,
    rounds: o.rounds,
    fileMB: toMB(file.bytes.length),
    megabytesPerSecond: round((done * file.bytes.length) / 1024 / 1024 / seconds),
    idleRssMB: toMB(idle),
    peakRssMB: toMB(peak),
    growthMB: toMB(peak - idle),
  };
}
