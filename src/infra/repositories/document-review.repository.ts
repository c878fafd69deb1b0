/** The office's review of the required documents: their state with who decided, and the decision. */
import type {
  DocumentReviewRepository,
  ReviewedDocument,
} from '../../domain/documents/review/ports.js';
import { fromDbNullable, toDb } from '../db/instants.js';
import type { Executor } from './executor.js';
import { toStatus } from './required-document.repository.js';

export function documentReviewRepository(db: Executor): DocumentReviewRepository {
  return {
    async list(registrationId) {
      const rows = await db
        .selectFrom('required_documents')
        .leftJoin('staff', 'staff.id', 'required_documents.reviewed_by')
        .selectAll('required_documents')
        .select('staff.name as reviewer_name')
        .where('required_documents.registration_id', '=', registrationId)
        .where('required_documents.required', '=', 1)
        .orderBy('required_documents.position')
        .execute();
      return rows.map((row): ReviewedDocument => ({
        ...toStatus(row),
        reviewedAt: fromDbNullable(row.reviewed_at),
        reviewedBy: row.reviewed_by,
        reviewerName: row.reviewer_name,
      }));
    },
    async record(registrationId, key, review) {
      await db
        .updateTable('required_documents')
        .set({
          state: review.state,
          refusal_reason: review.refusalReason,
          reopened_until: review.reopenedUntil && toDb(review.reopenedUntil),
          waiver_reason: review.waiverReason,
          reviewed_at: toDb(review.at),
          reviewed_by: review.by,
          updated_at: toDb(review.at),
        })
        .where('registration_id', '=', registrationId)
        .where('key', '=', key)
        .execute();
    },
  };
}
