/**
 * The transaction runner the document use cases get: one transaction, its repositories, and
 * the audit log (client addresses hashed with `auditAddressKey`, see audit-log.repository.ts).
 */
import type { Kysely } from 'kysely';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import type { DocumentsUnit } from '../../domain/documents/ports.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { auditLog } from './audit-log.repository.js';
import { findWindowNow } from './catalogue.repository.js';
import { outbox } from './outbox.repository.js';
import { registrationCompletionRepository } from './registration-completion.repository.js';
import { requiredDocumentRepository } from './required-document.repository.js';
import { uploadRepository } from './upload.repository.js';

export function documentsStore(
  db: Kysely<Schema>,
  auditAddressKey: Buffer,
): TransactionRunner<DocumentsUnit> {
  return unitRunner(db, (trx) => ({
    registrations: registrationCompletionRepository(trx),
    documents: requiredDocumentRepository(trx),
    uploads: uploadRepository(trx),
    outbox: outbox(trx),
    audit: auditLog(trx, auditAddressKey),
    findWindow: (sessionCode, examCode) => findWindowNow(trx, sessionCode, examCode),
  }));
}
