/**
 * The transaction runner of the office's registration page and of « Écarter » / « Réintégrer »:
 * one transaction, its repositories, the audit log (client addresses hashed with
 * `auditAddressKey`) and its reading side, so a page's history matches the rest of the page,
 * and the outbox, so the candidate's mail is committed with the act.
 */
import type { Kysely } from 'kysely';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import type { RegistrationFileUnit } from '../../domain/office/registration-file-ports.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { auditJournal, auditLog } from './audit-log.repository.js';
import { outbox } from './outbox.repository.js';
import { registrationFileRepository } from './registration-file.repository.js';
import { requiredDocumentRepository } from './required-document.repository.js';
import { uploadRepository } from './upload.repository.js';

export function registrationFileStore(
  db: Kysely<Schema>,
  auditAddressKey: Buffer,
): TransactionRunner<RegistrationFileUnit> {
  return unitRunner(db, (trx) => ({
    registrations: registrationFileRepository(trx),
    documents: requiredDocumentRepository(trx),
    uploads: uploadRepository(trx),
    journal: auditJournal(trx),
    audit: auditLog(trx, auditAddressKey),
    outbox: outbox(trx),
  }));
}
