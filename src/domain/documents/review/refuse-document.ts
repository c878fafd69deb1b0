/**
 * « Refuser »: the office refuses a document, with a reason from the list (« Autre » needs its
 * own text) and the instant until which the candidate may upload it again. The refusal reopens
 * that document alone, even after the registration window closed or the file was declared
 * complete (upload-rules.ts: `reopened_until`); the candidate is told by mail which document,
 * why, until when, and whom to ask. Row, audit entry and mail in one transaction: a refusal
 * exists with its mail or not at all, and a second click is refused instead of mailing twice.
 */
import { validationError } from '../../errors.js';
import {
  type DocumentDecision,
  candidateToMail,
  documentToDecide,
  registrationForOffice,
} from './office-registration.js';
import type { Review, ReviewContext } from './ports.js';
import {
  OTHER_REASON,
  type RefusalReasonCode,
  findRefusalReason,
  refusalText,
} from './refusal-reasons.js';
import type { WallClockDeadline } from './reopening-deadline.js';
import { OFFICE_TEXT_FIELD, readReopening } from './reopening-form.js';
import { recordReview } from './record-review.js';
import { refuseRefusal } from './review-rules.js';

/** The refusal form's fields, besides the deadline's (reopening-deadline.ts). */
export const REFUSAL_FIELDS = { reason: 'motif', text: OFFICE_TEXT_FIELD } as const;

export interface RefuseDocumentInput extends DocumentDecision {
  /** A code of REFUSAL_REASONS, as posted. */
  reason: string;
  /** The office's own words, shown to the candidate after the reason. */
  text: string;
  /** « Pièce à redéposer avant le », Paris date and time as typed. */
  deadline: WallClockDeadline;
}

export async function refuseDocument(
  ctx: ReviewContext,
  input: RefuseDocumentInput,
): Promise<{ reopenedUntil: Date }> {
  return ctx.store.transaction(async (unit) => {
    const catalogue = ctx.catalogue();
    const { registration } = await registrationForOffice(
      unit,
      catalogue,
      input.staff,
      input.registrationNumber,
    );
    const now = ctx.clock.now();
    const { code, text, reopenedUntil } = readForm(input, now);

    const { document } = await documentToDecide(unit, registration.id, input, refuseRefusal);
    const { email, catalogue: known } = await candidateToMail(unit, catalogue, registration);

    const review: Review = {
      state: 'refuse',
      refusalReason: refusalText(code, text),
      reopenedUntil,
      waiverReason: null,
      at: now,
      by: input.staff.id,
    };
    await recordReview(unit, {
      registrationId: registration.id,
      document,
      review,
      action: 'document.refused',
      clientAddress: input.clientAddress,
      reasonCode: code,
    });
    await unit.outbox.enqueue(
      ctx.mails.refused(
        email,
        registration,
        { label: document.label, refusalReason: refusalText(code, text), reopenedUntil },
        known,
      ),
      registration.accountId,
      now,
    );
    return { reopenedUntil };
  });
}

/** The reason, the text and the deadline, or every field error at once. */
function readForm(
  input: RefuseDocumentInput,
  now: Date,
): { code: RefusalReasonCode; text: string; reopenedUntil: Date } {
  const errors: Record<string, string> = {};
  const reason = findRefusalReason(input.reason);
  if (!reason) errors[REFUSAL_FIELDS.reason] = 'Choisissez le motif du refus.';
  const { text, reopenedUntil } = readReopening(input, now, 'Le motif', errors);
  if (reason?.code === OTHER_REASON && !text)
    errors[REFUSAL_FIELDS.text] = 'Précisez le motif du refus : le candidat le lira.';
  if (!reason || !reopenedUntil || Object.keys(errors).length > 0) throw validationError(errors);
  return { code: reason.code, text, reopenedUntil };
}
