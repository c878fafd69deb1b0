import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/infra/jobs/scheduler.js';

const silent = { error: () => undefined };

describe('the scheduler', () => {
  it('runs each task at once, then again after its period, never overlapping itself', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const scheduler = new Scheduler(
      [
        {
          name: 'count',
          everyMs: 5,
          run: async () => {
            runs += 1;
            concurrent += 1;
            maxConcurrent = Math.max(maxConcurrent, concurrent);
            await new Promise((resolve) => setTimeout(resolve, 10));
            concurrent -= 1;
          },
        },
      ],
      silent,
    );
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 80));
    await scheduler.stop();
    expect(runs).toBeGreaterThan(2);
    expect(maxConcurrent).toBe(1);
  });

  it('tells a long run to stop when the node stops, and waits for it', async () => {
    let finished = false;
    const scheduler = new Scheduler(
      [
        {
          name: 'long',
          everyMs: 1000,
          run: async (signal) => {
            while (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 5));
            finished = true;
          },
        },
      ],
      silent,
    );
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('keeps going after a failing run', async () => {
    let runs = 0;
    const errors: string[] = [];
    const scheduler = new Scheduler(
      [
        {
          name: 'flaky',
          everyMs: 5,
          run: () => {
            runs += 1;
            return Promise.reject(new Error('boom'));
          },
        },
      ],
      { error: (details) => errors.push(details.task) },
    );
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop();
    expect(runs).toBeGreaterThan(1);
    expect(errors[0]).toBe('flaky');
  });
});
