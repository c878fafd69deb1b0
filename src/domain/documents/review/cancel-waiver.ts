/**
 * « Annuler “Non concerné” »: the office takes back a waiver decided by mistake. The document is
 * asked of the candidate again, its reason cleared, in the state it would have without the
 * waiver: `transmis` when it has files, `attendu` otherwise. That is how the domain states a
 * document no decision stands on (an upload makes it `transmis`, removing the last file
 * `attendu`, and `sync` brings a document required again back the same way), and why not the
 * state from before the waiver: the waiver cleared any refusal and reopening, the log keeps
 * neither the refusal's text nor the reason, and an earlier acceptance judged files the office
 * then said did not matter. So a document with files goes back to « Pièces à vérifier » and the
 * office decides on it afresh; one without is missing again (reminders, « Mes inscriptions »).
 * Same rights, staleness check and single transaction as the other decisions; logged as
 * `document.waiver_cancelled` (key and states, never the reason's text); no mail, as for the
 * waiver.
 */
import {
  type DocumentDecision,
  documentToDecide,
  registrationForOffice,
} from './office-registration.js';
import type { Review, ReviewContext } from './ports.js';
import { recordReview } from './record-review.js';
import { cancelWaiverRefusal } from './review-rules.js';

export type CancelWaiverInput = DocumentDecision;

export async function cancelWaiver(ctx: ReviewContext, input: CancelWaiverInput): Promise<void> {
  await ctx.store.transaction(async (unit) => {
    const { registration } = await registrationForOffice(
      unit,
      ctx.catalogue(),
      input.staff,
      input.registrationNumber,
    );
    const { document, files } = await documentToDecide(
      unit,
      registration.id,
      input,
      cancelWaiverRefusal,
    );
    const review: Review = {
      state: files.length > 0 ? 'transmis' : 'attendu',
      refusalReason: null,
      reopenedUntil: null,
      waiverReason: null,
      at: ctx.clock.now(),
      by: input.staff.id,
    };
    await recordReview(unit, {
      registrationId: registration.id,
      document,
      review,
      action: 'document.waiver_cancelled',
      clientAddress: input.clientAddress,
    });
  });
}
