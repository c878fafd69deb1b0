/**
 * The transaction runner of the office's review and of the published documents: one
 * transaction, its repositories, the outbox and the audit log (client addresses hashed with
 * `auditAddressKey`, see audit-log.repository.ts).
 */
import type { Kysely } from 'kysely';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import type { ReviewUnit } from '../../domain/documents/review/ports.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { auditLog } from './audit-log.repository.js';
import { documentReviewRepository } from './document-review.repository.js';
import { outbox } from './outbox.repository.js';
import { pendingActionsRepository } from './pending-actions.repository.js';
import { publishedDocumentRepository } from './published-document.repository.js';
import { registrationCompletionRepository } from './registration-completion.repository.js';
import { uploadRepository } from './upload.repository.js';

export function reviewStore(
  db: Kysely<Schema>,
  auditAddressKey: Buffer,
): TransactionRunner<ReviewUnit> {
  return unitRunner(db, (trx) => ({
    registrations: registrationCompletionRepository(trx),
    async accountEmail(accountId) {
      const row = await trx
        .selectFrom('accounts')
        .select('email')
        .where('id', '=', accountId)
        .executeTakeFirst();
      return row?.email;
    },
    documents: documentReviewRepository(trx),
    uploads: uploadRepository(trx),
    published: publishedDocumentRepository(trx),
    pending: pendingActionsRepository(trx),
    outbox: outbox(trx),
    audit: auditLog(trx, auditAddressKey),
  }));
}
