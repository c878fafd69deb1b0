/**
 * « Réclamer la pièce »: the office asks the candidate for a document that has no file and
 * that they cannot provide on their own: the window is closed, or the file was declared
 * complete (« J'ai fourni toutes mes pièces » locks the files). That happens when the office's
 * correction of an identity after the close makes a new document required, or when it cancels
 * a « Non concerné » after the declaration. Until then only a refusal reopened a document, and
 * a refusal needs a file. The claim reopens the document exactly as a refusal does
 * (`reopened_until`, upload-rules.ts), until the deadline the office sets, with its message
 * (optional) instead of a refusal's reason; the document stays « attendu » (nothing was
 * refused). Row, audit entry (`document.claimed`: key, state and reopening, never the
 * message) and the candidate's mail in one transaction; claimed once per reopening.
 */
import { validationError } from '../../errors.js';
import {
  type DocumentDecision,
  candidateToMail,
  documentToDecide,
  registrationForOffice,
} from './office-registration.js';
import type { Review, ReviewContext } from './ports.js';
import { recordReview } from './record-review.js';
import { type TypedReopening, readReopening } from './reopening-form.js';
import { claimRefusal } from './review-rules.js';

export interface ClaimDocumentInput extends DocumentDecision, TypedReopening {}

export async function claimDocument(
  ctx: ReviewContext,
  input: ClaimDocumentInput,
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
    const errors: Record<string, string> = {};
    const { text, reopenedUntil } = readReopening(input, now, 'Le message', errors);
    if (!reopenedUntil || Object.keys(errors).length > 0) throw validationError(errors);

    const { document } = await documentToDecide(unit, registration.id, input, (d, fileCount) =>
      claimRefusal(d, fileCount, now),
    );
    const { email, catalogue: known } = await candidateToMail(unit, catalogue, registration);

    const message = text === '' ? null : text;
    const review: Review = {
      state: 'attendu',
      refusalReason: message,
      reopenedUntil,
      waiverReason: null,
      at: now,
      by: input.staff.id,
    };
    await recordReview(unit, {
      registrationId: registration.id,
      document,
      review,
      action: 'document.claimed',
      clientAddress: input.clientAddress,
    });
    await unit.outbox.enqueue(
      ctx.mails.claimed(
        email,
        registration,
        { label: document.label, reason: document.reason, message, reopenedUntil },
        known,
      ),
      registration.accountId,
      now,
    );
    return { reopenedUntil };
  });
}
