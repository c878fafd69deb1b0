/**
 * « Non concerné »: the office decides that a document the candidate's answers require does
 * not apply to this candidate (an exemption it saw), with a reason the candidate reads in
 * « Mes justificatifs ». The document stays listed but leaves what the candidate must provide:
 * not missing, no reminder, no file accepted (document-waiver.ts); a later save keeps it
 * waived. Any refusal and reopening are cleared. One transaction with the audit entry (the
 * document's key and state, never the reason's text); no mail, as for « Valider ».
 */
import { validationError } from '../../errors.js';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../../free-text.js';
import {
  type DocumentDecision,
  documentToDecide,
  registrationForOffice,
} from './office-registration.js';
import type { Review, ReviewContext } from './ports.js';
import { MAX_REFUSAL_TEXT } from './refusal-reasons.js';
import { recordReview } from './record-review.js';
import { waiveRefusal } from './review-rules.js';

/** The waiver form's field: the office's reason, for the candidate. */
export const WAIVER_FIELD = 'raison';
export const MAX_WAIVER_TEXT = MAX_REFUSAL_TEXT;

export interface WaiveDocumentInput extends DocumentDecision {
  /** Why the document does not apply, as typed. */
  reason: string;
}

export async function waiveDocument(ctx: ReviewContext, input: WaiveDocumentInput): Promise<void> {
  await ctx.store.transaction(async (unit) => {
    const { registration } = await registrationForOffice(
      unit,
      ctx.catalogue(),
      input.staff,
      input.registrationNumber,
    );
    const reason = readReason(input.reason);
    const { document } = await documentToDecide(unit, registration.id, input, waiveRefusal);
    const now = ctx.clock.now();
    const review: Review = {
      state: 'non_concerne',
      refusalReason: null,
      reopenedUntil: null,
      waiverReason: reason,
      at: now,
      by: input.staff.id,
    };
    await recordReview(unit, {
      registrationId: registration.id,
      document,
      review,
      action: 'document.waived',
      clientAddress: input.clientAddress,
    });
  });
}

function readReason(typed: string): string {
  const reason = typed.trim();
  let error: string | undefined;
  if (!reason) error = 'Indiquez pourquoi cette pièce ne concerne pas le candidat : il le lira.';
  else if ([...reason].length > MAX_WAIVER_TEXT)
    error = `La raison ne doit pas dépasser ${MAX_WAIVER_TEXT} caractères.`;
  else if (hasControlCharacters(reason)) error = CONTROL_CHARACTERS_MESSAGE;
  if (error) throw validationError({ [WAIVER_FIELD]: error });
  return reason;
}
