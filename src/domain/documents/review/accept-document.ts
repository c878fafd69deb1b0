/**
 * « Valider »: the office accepts a document that has at least one file. Its refusal and
 * reopening, if any, are cleared: the candidate can no longer change its files. One transaction
 * with the audit entry; no mail (the candidate sees « Validé » in « Mes justificatifs »).
 */
import {
  type DocumentDecision,
  documentToDecide,
  registrationForOffice,
} from './office-registration.js';
import type { ReviewContext } from './ports.js';
import { recordReview } from './record-review.js';
import { acceptRefusal } from './review-rules.js';

export type AcceptDocumentInput = DocumentDecision;

export async function acceptDocument(
  ctx: ReviewContext,
  input: AcceptDocumentInput,
): Promise<void> {
  await ctx.store.transaction(async (unit) => {
    const { registration } = await registrationForOffice(
      unit,
      ctx.catalogue(),
      input.staff,
      input.registrationNumber,
    );
    const { document } = await documentToDecide(unit, registration.id, input, acceptRefusal);
    const now = ctx.clock.now();
    const review = {
      state: 'valide',
      refusalReason: null,
      reopenedUntil: null,
      waiverReason: null,
      at: now,
      by: input.staff.id,
    } as const;
    await recordReview(unit, {
      registrationId: registration.id,
      document,
      review,
      action: 'document.accepted',
      clientAddress: input.clientAddress,
    });
  });
}
