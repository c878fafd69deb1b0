/**
 * Reminders before the close: candidates whose file is not declared complete get a mail at
 * configurable offsets before their window closes (7 days and 1 day by default), each once,
 * naming what is still missing. A node that starts late sends only the nearest reminder
 * due: a candidate never gets the « 7 days » mail the day before the close. That schedule,
 * `remindBeforeClose`, is shared with the reminders to unsaved drafts
 * (`registrations/unsaved-draft-reminders.ts`).
 */
import type { Outbox, TransactionRunner } from '../accounts/ports.js';
import type { Catalogue, RegistrationWindow } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { OutgoingMail } from '../mail/outgoing-mail.js';
import type { Registration } from '../registrations/registration.js';
import type { DocumentStatus } from './ports.js';
import { missingDocuments } from './upload-rules.js';

export interface ReminderCandidate {
  registration: Registration;
  email: string;
  documents: DocumentStatus[];
}

export interface RemindersUnit {
  /** Windows still open at `now`. */
  openWindows(now: Date): Promise<RegistrationWindow[]>;
  /** Registrations of the window not set aside, whose file is not declared complete and not yet reminded for `offsetKey`. */
  incompleteNotReminded(
    sessionCode: string,
    examCode: string,
    offsetKey: string,
  ): Promise<ReminderCandidate[]>;
  /** Records the reminder; false when another node recorded it first. */
  markReminded(registrationId: string, offsetKey: string, at: Date): Promise<boolean>;
  outbox: Outbox;
}

export interface RemindersContext {
  store: TransactionRunner<RemindersUnit>;
  catalogue(): Catalogue | undefined;
  clock: Clock;
  /** Offsets before the close, in milliseconds. */
  offsetsMs: readonly number[];
  mail(
    to: string,
    registration: Registration,
    missing: readonly DocumentStatus[],
    closesAt: Date,
    catalogue: Catalogue,
  ): OutgoingMail;
}

export function offsetKey(ms: number): string {
  return ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : `${Math.round(ms / 60_000)}m`;
}

/**
 * One kind of reminder before the close, as `remindBeforeClose` runs it: who is due for a
 * window at an offset, how a reminder is claimed (once, even with several nodes), its mail.
 */
export interface BeforeCloseReminder<U extends { outbox: Outbox }, C> {
  store: TransactionRunner<U>;
  clock: Clock;
  /** Offsets before the close, in milliseconds. */
  offsetsMs: readonly number[];
  openWindows(unit: U, now: Date): Promise<RegistrationWindow[]>;
  /** The candidates of the window not yet reminded for `offsetKey`. */
  due(unit: U, window: RegistrationWindow, offsetKey: string): Promise<C[]>;
  /** Records the reminder; false when another node recorded it first. */
  claim(unit: U, candidate: C, offsetKey: string, at: Date): Promise<boolean>;
  mail(candidate: C, window: RegistrationWindow): { mail: OutgoingMail; accountId: string };
}

/** Queues, for each open window, the nearest reminder due to each candidate not yet reminded. */
export async function remindBeforeClose<U extends { outbox: Outbox }, C>(
  r: BeforeCloseReminder<U, C>,
): Promise<{ sent: number }> {
  if (r.offsetsMs.length === 0) return { sent: 0 };
  let sent = 0;
  const now = r.clock.now();
  const windows = await r.store.transaction((unit) => r.openWindows(unit, now));
  for (const window of windows) {
    const due = [...r.offsetsMs]
      .filter((ms) => window.closesAt.getTime() - ms <= now.getTime())
      .sort((a, b) => a - b);
    const [nearest, ...passed] = due;
    if (nearest === undefined) continue;
    const candidates = await r.store.transaction((unit) => r.due(unit, window, offsetKey(nearest)));
    for (const candidate of candidates) {
      const delivered = await r.store.transaction(async (unit) => {
        if (!(await r.claim(unit, candidate, offsetKey(nearest), now))) return false;
        // The earlier reminders that were never sent are now pointless: mark them as done.
        for (const ms of passed) await r.claim(unit, candidate, offsetKey(ms), now);
        const { mail, accountId } = r.mail(candidate, window);
        await unit.outbox.enqueue(mail, accountId, now);
        return true;
      });
      if (delivered) sent += 1;
    }
  }
  return { sent };
}

export async function sendReminders(ctx: RemindersContext): Promise<{ sent: number }> {
  const catalogue = ctx.catalogue();
  if (!catalogue) return { sent: 0 };
  return remindBeforeClose<RemindersUnit, ReminderCandidate>({
    store: ctx.store,
    clock: ctx.clock,
    offsetsMs: ctx.offsetsMs,
    openWindows: (unit, now) => unit.openWindows(now),
    due: (unit, window, key) =>
      unit.incompleteNotReminded(window.sessionCode, window.examCode, key),
    claim: (unit, candidate, key, at) => unit.markReminded(candidate.registration.id, key, at),
    mail: (candidate, window) => ({
      mail: ctx.mail(
        candidate.email,
        candidate.registration,
        missingDocuments(candidate.documents),
        window.closesAt,
        catalogue,
      ),
      accountId: candidate.registration.accountId,
    }),
  });
}
