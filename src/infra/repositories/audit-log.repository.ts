/**
 * The audit log over Kysely: `record` inserts, `latest` and `forSubject` read; nothing here (or anywhere in
 * the application) updates or deletes an entry, and the table's triggers refuse it anyway.
 * The client's address is kept as an HMAC-SHA256 under a key derived from SESSION_SECRET:
 * entries from one address can be told apart, the address cannot be read back from the table.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type {
  AuditActorKind,
  AuditJournal,
  AuditLog,
  RecordedAuditEntry,
} from '../../domain/audit/ports.js';
import { deriveKey } from '../../domain/staff/secret-box.js';
import { fromDb, toDb } from '../db/instants.js';
import type { AuditLogTable } from '../db/schema.js';
import type { Executor } from './executor.js';

let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): the process's wall-clock milliseconds, then a 12-bit counter,
 * then random bits. Entries of one instant (`at` comes from the Clock port, which tests fix)
 * still list in the order they were written.
 */
export function timeOrderedId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else sequence = (sequence + 1) & 0xfff;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const AUDIT_ADDRESS_KEY_LABEL = 'candidat/audit-client-address/hmac-sha256/v1';

/**
 * The key of the client addresses' HMAC, derived from SESSION_SECRET: every store that writes
 * the log (staff, registrations, documents…) must hash with the same key, or entries from one
 * address could not be told apart across them.
 */
export function auditAddressKey(sessionSecret: string): Buffer {
  return deriveKey(sessionSecret, AUDIT_ADDRESS_KEY_LABEL);
}

export function auditLog(db: Executor, addressKey: Buffer): AuditLog {
  return {
    async record(entry) {
      await db
        .insertInto('audit_log')
        .values({
          id: timeOrderedId(),
          at: toDb(entry.at),
          actor_kind: entry.actor.kind,
          actor_id: entry.actor.id,
          action: entry.action,
          subject_type: entry.subject?.type ?? null,
          subject_id: entry.subject?.id ?? null,
          before_state: entry.before ? JSON.stringify(entry.before) : null,
          after_state: entry.after ? JSON.stringify(entry.after) : null,
          client_hash: entry.clientAddress
            ? createHmac('sha256', addressKey)
                .update(entry.clientAddress)
                .digest('hex')
                .slice(0, 16)
            : null,
        })
        .execute();
    },
  };
}

export function auditJournal(db: Executor): AuditJournal {
  return {
    async latest(offset, limit) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .offset(offset)
        .limit(limit)
        .execute();
      const count = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { entries: rows.map(toEntry), total: Number(count.n) };
    },
    // Served by audit_log_subject_idx (subject_type, subject_id, at).
    async forSubject(type, id) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', type)
        .where('subject_id', '=', id)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toEntry);
    },
  };
}

function toEntry(row: AuditLogTable): RecordedAuditEntry {
  return {
    id: row.id,
    at: fromDb(row.at),
    actor: { kind: row.actor_kind as AuditActorKind, id: row.actor_id },
    action: row.action,
    subject:
      row.subject_type && row.subject_id ? { type: row.subject_type, id: row.subject_id } : null,
    before: row.before_state ? (JSON.parse(row.before_state) as Record<string, unknown>) : null,
    after: row.after_state ? (JSON.parse(row.after_state) as Record<string, unknown>) : null,
    clientHash: row.client_hash,
  };
}
