/**
 * The clock of the deadline race, injected into the application (never waited for). It
 * stands still, except for the readings that stamp a write: the `now` that « Enregistrer »
 * (save-registration.ts) and « J'ai fourni toutes mes pièces » (declare-complete.ts) take
 * inside their transaction, check against the window and store. Each of those moves the
 * clock on by `stepMs` and is kept, so the race knows every stamp the server gave: armed at
 * `close − n × step`, exactly the first n stamps fall before the close, whatever order the
 * concurrent requests reach their transaction in. A reading is told apart by its caller's
 * file in the stack; the race checks that it saw exactly one stamp per write, so a change
 * in how the use cases read the clock fails the race loudly instead of fooling it.
 */
import type { Clock } from '../../../src/domain/clock.js';

const STAMPING = /[/\\](save-registration|declare-complete)\.[jt]s:/;

export interface Stamp {
  at: Date;
  useCase: 'save-registration' | 'declare-complete';
}

export class RaceClock implements Clock {
  private current: number;
  private armed = false;
  private stepMs = 1;
  readonly stamps: Stamp[] = [];

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    if (!this.armed) return new Date(this.current);
    const caller = STAMPING.exec(new Error().stack ?? '')?.[1];
    if (caller !== 'save-registration' && caller !== 'declare-complete')
      return new Date(this.current);
    const at = new Date(this.current);
    this.current += this.stepMs;
    this.stamps.push({ at, useCase: caller });
    return at;
  }

  /** From now on the stamps start at `close − before × step`, one step apart. */
  arm(close: Date, before: number, stepMs = 1): void {
    this.stepMs = stepMs;
    this.current = close.getTime() - before * stepMs;
    this.armed = true;
  }

  disarm(): void {
    this.armed = false;
  }
}
