/**
 * The staff use cases' ports over the database: one Kysely transaction and its repositories
 * (the audit log among them, so an entry is written with the change it describes), and the
 * whole StaffContext as `candidat serve` and `candidat staff add` build it.
 */
import type { Kysely } from 'kysely';
import type {
  PasswordHasher,
  RateLimiter,
  TransactionRunner,
} from '../../domain/accounts/ports.js';
import type { Clock } from '../../domain/clock.js';
import type { StaffContext, StaffMails, StaffUnit } from '../../domain/staff/ports.js';
import { TOTP_KEY_LABEL, aesGcmSecretBox, deriveKey } from '../../domain/staff/secret-box.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { auditAddressKey, auditJournal, auditLog } from './audit-log.repository.js';
import { outbox } from './outbox.repository.js';
import {
  staffRepository,
  staffSessionRepository,
  staffTokenRepository,
} from './staff.repository.js';

export function staffStore(
  db: Kysely<Schema>,
  auditAddressKey: Buffer,
): TransactionRunner<StaffUnit> {
  return unitRunner(db, (trx) => ({
    staff: staffRepository(trx),
    tokens: staffTokenRepository(trx),
    sessions: staffSessionRepository(trx),
    async knownDesks(codes) {
      if (codes.length === 0) return [];
      const rows = await trx
        .selectFrom('desks')
        .select('code')
        .where('code', 'in', [...codes])
        .execute();
      return rows.map((r) => r.code);
    },
    outbox: outbox(trx),
    audit: auditLog(trx, auditAddressKey),
  }));
}

export interface StaffContextOptions {
  db: Kysely<Schema>;
  /** SESSION_SECRET: the audit address key is derived from it (HKDF), and the TOTP key too
   * unless `totpKey` (TOTP_KEY) is set. */
  sessionSecret: string;
  totpKey?: string | undefined;
  publicUrl: URL;
  hasher: PasswordHasher;
  /** The attempt counters of the staff's sign-in (shared with the candidates' on one node). */
  limiter: RateLimiter;
  clock: Clock;
  mails: StaffMails;
  issuer(): string;
}

export function buildStaffContext(options: StaffContextOptions): StaffContext {
  return {
    store: staffStore(options.db, auditAddressKey(options.sessionSecret)),
    hasher: options.hasher,
    limiter: options.limiter,
    secrets: aesGcmSecretBox(deriveKey(options.totpKey ?? options.sessionSecret, TOTP_KEY_LABEL)),
    mails: options.mails,
    clock: options.clock,
    setupLink(token) {
      const url = new URL('/gestion/activation', options.publicUrl);
      url.searchParams.set('jeton', token);
      return url.toString();
    },
    issuer: () => options.issuer(),
    journal: auditJournal(options.db),
  };
}
