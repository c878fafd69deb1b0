/**
 * Two ways to drive scripted virtual candidates: a closed loop (N candidates, each starting
 * its next task when the previous one ends: the throughput the server can give) and an open
 * loop (tasks started at a fixed rate whatever the server does: the latency at that load).
 */
import { StepError } from './browser.js';
import type { StepRecorder } from './stats.js';

export interface DriveResult {
  /** Tasks that ended without error within the measured window. */
  completed: number;
  failed: number;
  /** Open loop only: arrivals not started because `maxInFlight` tasks were still running. */
  shed: number;
  seconds: number;
  /** Completed tasks per second over the window. */
  perSecond: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function noteFailure(recorder: StepRecorder, error: unknown): void {
  if (error instanceof StepError) recorder.fail(error.step, error.message);
  else recorder.fail('(bench)', error instanceof Error ? error.message : String(error));
}

/**
 * `concurrency` loops (workers) running `task(i, worker)` until `durationMs` has passed (the tasks running then
 * finish, and count if they end within the window). `limit` caps the number of tasks.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  recorder: StepRecorder,
  task: (index: number, worker: number) => Promise<void>,
  limit = Number.POSITIVE_INFINITY,
): Promise<DriveResult> {
  let next = 0;
  let completed = 0;
  let failed = 0;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < end && next < limit) {
        const index = next++;
        try {
          await task(index, worker);
          if (performance.now() <= end) completed += 1;
        } catch (error) {
          failed += 1;
          noteFailure(recorder, error);
        }
      }
    }),
  );
  const seconds = Math.min(performance.now(), end) / 1000 - started / 1000;
  return { completed, failed, shed: 0, seconds, perSecond: completed / seconds };
}

/**
 * Starts `task(i)` `ratePerSecond` times a second for `durationMs`, whatever the answers,
 * then waits for all of them; at most `maxInFlight` at once (an arrival beyond is shed).
 */
export async function openLoop(
  ratePerSecond: number,
  durationMs: number,
  maxInFlight: number,
  recorder: StepRecorder,
  task: (index: number) => Promise<void>,
): Promise<DriveResult> {
  let completed = 0;
  let failed = 0;
  let shed = 0;
  let inFlight = 0;
  const running: Promise<void>[] = [];
  const started = performance.now();
  const interval = 1000 / ratePerSecond;
  for (let index = 0; ; index += 1) {
    const at = started + index * interval;
    if (at >= started + durationMs) break;
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    if (inFlight >= maxInFlight) {
      shed += 1;
      continue;
    }
    inFlight += 1;
    running.push(
      task(index).then(
        () => {
          completed += 1;
          inFlight -= 1;
        },
        (error: unknown) => {
          failed += 1;
          inFlight -= 1;
          noteFailure(recorder, error);
        },
      ),
    );
  }
  await Promise.all(running);
  // Served per second: over the time from the first arrival to the last answer.
  const seconds = Math.max(durationMs, performance.now() - started) / 1000;
  return { completed, failed, shed, seconds, perSecond: completed / seconds };
}
