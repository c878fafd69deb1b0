/** The transaction runner the account use cases get: one Kysely transaction, its repositories. */
import type { Kysely } from 'kysely';
import type { AccountsUnit, TransactionRunner } from '../../domain/accounts/ports.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { accountRepository } from './account.repository.js';
import { auditLog } from './audit-log.repository.js';
import { outbox } from './outbox.repository.js';
import { sessionRepository } from './session.repository.js';
import { tokenRepository } from './token.repository.js';

export function accountsStore(
  db: Kysely<Schema>,
  auditAddressKey: Buffer,
): TransactionRunner<AccountsUnit> {
  return unitRunner(db, (trx) => ({
    accounts: accountRepository(trx),
    tokens: tokenRepository(trx),
    sessions: sessionRepository(trx),
    outbox: outbox(trx),
    audit: auditLog(trx, auditAddressKey),
  }));
}
