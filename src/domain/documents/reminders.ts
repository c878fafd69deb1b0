/**
 * Reminders before the close: candidates whose file is not declared complete get a mail at
 * configurable offsets before their window closes (7 days and 1 day by default), each once,
 * naming what is still missing. A node that starts late sends only the nearest reminder
 * due: a candidate never gets the « 7 days » mail the day before the close.
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

export async function sendReminders(ctx: RemindersContext): Promise<{ sent: number }> {
  const catalogue = ctx.catalogue();
  if (!catalogue || ctx.offsetsMs.length === 0) return { sent: 0 };
  let sent = 0;
  const now = ctx.clock.now();
  const windows = await ctx.store.transaction((unit) => unit.openWindows(now));
  for (const window of windows) {
    const due = [...ctx.offsetsMs]
      .filter((ms) => window.closesAt.getTime() - ms <= now.getTime())
      .sort((a, b) => a - b);
    const [nearest, ...passed] = due;
    if (nearest === undefined) continue;
    const candidates = await ctx.store.transaction((unit) =>
      unit.incompleteNotReminded(window.sessionCode, window.examCode, offsetKey(nearest)),
    );
    for (const candidate of candidates) {
      const delivered = await ctx.store.transaction(async (unit) => {
        if (!(await unit.markReminded(candidate.registration.id, offsetKey(nearest), now)))
          return false;
        // The earlier reminders that were never sent are now pointless: mark them as done.
        for (const ms of passed)
          await unit.markReminded(candidate.registration.id, offsetKey(ms), now);
        const mail = ctx.mail(
          candidate.email,
          candidate.registration,
          missingDocuments(candidate.documents),
          window.closesAt,
          catalogue,
        );
        await unit.outbox.enqueue(mail, candidate.registration.accountId, now);
        return true;
      });
      if (delivered) sent += 1;
    }
  }
  return { sent };
}
