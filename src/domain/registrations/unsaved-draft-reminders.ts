/**
 * Reminders to registrations started but never saved: the notice says a registration exists
 * only once « Enregistrer » is pressed, so a candidate who left the wizard before it would
 * simply not be registered at the close. At the same offsets before the close as the other
 * reminders (the nearest one due only), an activated account with a draft for an open window
 * and no registration for that session and exam gets a mail, once per offset.
 */
import type { Outbox, TransactionRunner } from '../accounts/ports.js';
import type { Catalogue, RegistrationWindow } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import { remindBeforeClose } from '../documents/reminders.js';
import type { OutgoingMail } from '../mail/outgoing-mail.js';

export interface UnsavedDraft {
  accountId: string;
  email: string;
  sessionCode: string;
  examCode: string;
  specialtyCode: string;
}

export interface DraftRemindersUnit {
  /** Windows still open at `now`. */
  openWindows(now: Date): Promise<RegistrationWindow[]>;
  /**
   * Drafts of the window, of activated accounts, with no registration for the same session
   * and exam, not yet reminded for `offsetKey`.
   */
  unsavedNotReminded(
    sessionCode: string,
    examCode: string,
    offsetKey: string,
  ): Promise<UnsavedDraft[]>;
  /** Records the reminder; false when another node recorded it first. */
  markReminded(draft: UnsavedDraft, offsetKey: string, at: Date): Promise<boolean>;
  outbox: Outbox;
}

export interface DraftRemindersContext {
  store: TransactionRunner<DraftRemindersUnit>;
  catalogue(): Catalogue | undefined;
  clock: Clock;
  /** Offsets before the close, in milliseconds (the other reminders' own). */
  offsetsMs: readonly number[];
  mail(draft: UnsavedDraft, closesAt: Date, catalogue: Catalogue): OutgoingMail;
}

export async function sendUnsavedDraftReminders(
  ctx: DraftRemindersContext,
): Promise<{ sent: number }> {
  const catalogue = ctx.catalogue();
  if (!catalogue) return { sent: 0 };
  return remindBeforeClose<DraftRemindersUnit, UnsavedDraft>({
    store: ctx.store,
    clock: ctx.clock,
    offsetsMs: ctx.offsetsMs,
    openWindows: (unit, now) => unit.openWindows(now),
    due: (unit, window, key) => unit.unsavedNotReminded(window.sessionCode, window.examCode, key),
    claim: (unit, draft, key, at) => unit.markReminded(draft, key, at),
    mail: (draft, window) => ({
      mail: ctx.mail(draft, window.closesAt, catalogue),
      accountId: draft.accountId,
    }),
  });
}
