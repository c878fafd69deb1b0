/**
 * Latency samples kept whole (a bench run records at most a few hundred thousand), so the
 * percentiles are exact rather than bucketed.
 */

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export class Samples {
  private readonly values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  /** The raw samples, in the order recorded. */
  all(): readonly number[] {
    return this.values;
  }

  summary(): LatencySummary {
    const sorted = [...this.values].sort((a, b) => a - b);
    return {
      count: sorted.length,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    };
  }
}

/** Nearest-rank percentile of an ascending array (0 when empty). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** Latencies by step name, plus the errors seen at each step. */
export class StepRecorder {
  readonly steps = new Map<string, Samples>();
  readonly errors = new Map<string, number>();
  readonly errorExamples: string[] = [];

  record(step: string, ms: number): void {
    let samples = this.steps.get(step);
    if (!samples) {
      samples = new Samples();
      this.steps.set(step, samples);
    }
    samples.add(ms);
  }

  fail(step: string, detail: string): void {
    this.errors.set(step, (this.errors.get(step) ?? 0) + 1);
    if (this.errorExamples.length < 5) this.errorExamples.push(`${step}: ${detail}`);
  }

  get errorCount(): number {
    let total = 0;
    for (const n of this.errors.values()) total += n;
    return total;
  }

  /** Every request of every step together. */
  all(): LatencySummary {
    const merged = new Samples();
    for (const samples of this.steps.values()) {
      for (const v of samples.all()) merged.add(v);
    }
    return merged.summary();
  }

  bySteps(): Array<{ step: string } & LatencySummary> {
    return [...this.steps].map(([step, samples]) => ({ step, ...samples.summary() }));
  }
}

export const round = (value: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
