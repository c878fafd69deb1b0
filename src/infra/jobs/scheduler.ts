/**
 * Runs the recurring tasks of `candidat serve` (mail delivery, purge of unactivated accounts,
 * cleanup of expired sessions and counters). A task never overlaps itself; a failing run is
 * logged and the next one comes at its time. On PostgreSQL every node runs them: each task is
 * written to be safe when two nodes run it at once (conditional claims, idempotent deletes).
 */
export interface ScheduledTask {
  name: string;
  everyMs: number;
  /** `signal` is aborted when the node stops: a long run ends at its next safe point. */
  run(signal: AbortSignal): Promise<unknown>;
}

export interface SchedulerLogger {
  error(details: { task: string; err: unknown }, message: string): void;
}

export class Scheduler {
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Set<Promise<unknown>>();
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly tasks: readonly ScheduledTask[],
    private readonly logger: SchedulerLogger,
  ) {}

  start(): void {
    for (const task of this.tasks) this.schedule(task, 0);
  }

  private schedule(task: ScheduledTask, delay: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const run = task
        .run(this.stopping.signal)
        .catch((err: unknown) =>
          this.logger.error({ task: task.name, err }, 'scheduled task failed'),
        )
        .finally(() => {
          this.running.delete(run);
          this.schedule(task, task.everyMs);
        });
      this.running.add(run);
    }, delay);
    timer.unref();
    this.timers.set(task.name, timer);
  }

  /** Stops scheduling and waits for the runs in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.allSettled([...this.running]);
  }
}
