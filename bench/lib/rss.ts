/**
 * The resident memory of a process, read from /proc/<pid>/status (VmRSS, in kB), sampled on a
 * timer while a scenario runs: its peak, and the idle level before it starts.
 */
import { readFileSync } from 'node:fs';

export const MB = 1024 * 1024;

/** The process's resident set in bytes, or undefined once it has exited. */
export function readRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  peak = 0;
  samples = 0;

  constructor(
    private readonly pids: () => number[],
    private readonly everyMs = 20,
  ) {}

  start(): this {
    this.peak = 0;
    this.samples = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  /** Stops and returns the peak (bytes) seen, the last reading included. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
    return this.peak;
  }

  private sample(): void {
    // With several processes (two app nodes), the peak of their sum.
    let total = 0;
    for (const pid of this.pids()) total += readRss(pid) ?? 0;
    this.samples += 1;
    if (total > this.peak) this.peak = total;
  }
}

/** The resident set after `ms` of quiet: the median of readings every 50 ms. */
export async function idleRss(pids: () => number[], ms: number): Promise<number> {
  const readings: number[] = [];
  const end = Date.now() + ms;
  do {
    let total = 0;
    for (const pid of pids()) total += readRss(pid) ?? 0;
    readings.push(total);
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < end);
  readings.sort((a, b) => a - b);
  return readings[Math.floor(readings.length / 2)] ?? 0;
}
