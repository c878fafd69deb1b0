/**
 * The transaction runner of the office's work on requests: one Kysely transaction, the
 * requests, the registrations and identity they change, the documents, the outbox and the audit
 * log (client addresses hashed with `auditAddressKey`, see audit-log.repository.ts).
 */
import type { Kysely } from 'kysely';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import type { OfficeRequestsUnit } from '../../domain/office-requests/ports.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { accountRepository } from './account.repository.js';
import { auditLog } from './audit-log.repository.js';
import { correctIdentity, identityRepository } from './candidate-identity.repository.js';
import { findWindowNow } from './catalogue.repository.js';
import { handledRequestRepository } from './handled-request.repository.js';
import { outbox } from './outbox.repository.js';
import {
  declarationRepository,
  registrationCompletionRepository,
} from './registration-completion.repository.js';
import { registrationRepository } from './registration.repository.js';
import { requiredDocumentRepository } from './required-document.repository.js';

export function officeRequestsStore(
  db: Kysely<Schema>,
  auditAddressKey: Buffer,
): TransactionRunner<OfficeRequestsUnit> {
  return unitRunner(db, (trx) => {
    const registrations = registrationRepository(trx);
    return {
      requests: handledRequestRepository(trx),
      registrations: {
        listByAccount: (accountId) => registrations.listByAccount(accountId),
        saveNewVersion: (id, savedAt, specialtyCode, data) =>
          registrations.saveNewVersion(id, savedAt, specialtyCode, data),
        insertVersion: (id, version) => registrations.insertVersion(id, version),
        findById: (id) => registrationCompletionRepository(trx).findById(id),
        async lockAccountRegistrations(accountId) {
          await trx
            .updateTable('registrations')
            .set((eb) => ({ version: eb.ref('version') }))
            .where('account_id', '=', accountId)
            .execute();
        },
      },
      identities: {
        find: (accountId) => identityRepository(trx).find(accountId),
        findForUpdate: (accountId) => identityRepository(trx).findForUpdate(accountId),
        correct: (accountId, identity, at) => correctIdentity(trx, accountId, identity, at),
      },
      documents: requiredDocumentRepository(trx),
      declarations: declarationRepository(trx),
      findWindow: (sessionCode, examCode) => findWindowNow(trx, sessionCode, examCode),
      accountEmail: async (accountId) => (await accountRepository(trx).findById(accountId))?.email,
      outbox: outbox(trx),
      audit: auditLog(trx, auditAddressKey),
    };
  });
}
