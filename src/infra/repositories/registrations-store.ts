/**
 * The transaction runner the registration use cases get: one transaction, its repositories, and
 * the audit log (client addresses hashed with `auditAddressKey`, see audit-log.repository.ts).
 */
import type { Kysely } from 'kysely';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import type { RegistrationsUnit } from '../../domain/registrations/ports.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { auditLog } from './audit-log.repository.js';
import { identityRepository } from './candidate-identity.repository.js';
import { findWindowNow } from './catalogue.repository.js';
import { counterRepository } from './counter.repository.js';
import { draftRepository } from './draft.repository.js';
import { requestRepository } from './office-request.repository.js';
import { outbox } from './outbox.repository.js';
import { declarationRepository } from './registration-completion.repository.js';
import { registrationRepository } from './registration.repository.js';
import { requiredDocumentRepository } from './required-document.repository.js';

export function registrationsStore(
  db: Kysely<Schema>,
  auditAddressKey: Buffer,
): TransactionRunner<RegistrationsUnit> {
  return unitRunner(db, (trx) => ({
    drafts: draftRepository(trx),
    documents: requiredDocumentRepository(trx),
    declarations: declarationRepository(trx),
    registrations: registrationRepository(trx),
    identities: identityRepository(trx),
    counters: counterRepository(trx),
    requests: requestRepository(trx),
    outbox: outbox(trx),
    audit: auditLog(trx, auditAddressKey),
    findWindow: (sessionCode, examCode) => findWindowNow(trx, sessionCode, examCode),
  }));
}
