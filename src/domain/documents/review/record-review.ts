/**
 * Writes a decision on a document (« Valider », « Refuser », « Réclamer la pièce », « Non
 * concerné », « Annuler “Non concerné” ») and its audit entry, which keeps the facts only
 * (review-facts.ts), in the caller's transaction.
 */
import type { DocumentStatus } from '../ports.js';
import type { Review, ReviewUnit } from './ports.js';
import { reviewFacts } from './review-facts.js';

export async function recordReview(
  unit: Pick<ReviewUnit, 'documents' | 'audit'>,
  decision: {
    registrationId: string;
    document: DocumentStatus;
    review: Review;
    action:
      | 'document.accepted'
      | 'document.refused'
      | 'document.claimed'
      | 'document.waived'
      | 'document.waiver_cancelled';
    clientAddress: string | undefined;
    /** A refusal's reason code, kept in the log (never the office's text). */
    reasonCode?: string;
  },
): Promise<void> {
  const { registrationId, document, review } = decision;
  await unit.documents.record(registrationId, document.key, review);
  await unit.audit.record({
    at: review.at,
    actor: { kind: 'staff', id: review.by },
    action: decision.action,
    subject: { type: 'registration', id: registrationId },
    before: reviewFacts(document),
    after: reviewFacts({ key: document.key, ...review }, decision.reasonCode),
    clientAddress: decision.clientAddress,
  });
}
