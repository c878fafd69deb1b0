/**
 * Mails counted on the real SMTP server against the outbox: each outbox row's id is the
 * Message-ID the portal sends (`<id@host>`), so every mail that was due is found on the
 * SMTP side by its id, and a mail received twice is seen as such.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../../src/infra/db/schema.js';
import type { SmtpSink } from '../../lib/smtp-sink.js';

export interface MailCount {
  /** Rows of the outbox (every mail due). */
  due: number;
  /** Of them, delivered: received exactly once. */
  deliveredOnce: number;
  /** Received more than once (an SMTP conversation cut after the server took the mail). */
  duplicates: number;
  /** Due, not received. */
  missing: number;
  /** Still pending in the outbox. */
  pending: number;
  /** Mails that failed at least once before going (attempts > 1). */
  retried: number;
}

const idOf = (messageId: string): string => /^<([^@>]+)@/.exec(messageId)?.[1] ?? messageId;

export async function countMails(
  db: Kysely<Schema>,
  sink: SmtpSink,
  subject?: string,
): Promise<MailCount> {
  let query = db.selectFrom('outbox').select(['id', 'status', 'attempts']);
  if (subject !== undefined) query = query.where('subject', 'like', `${subject}%`);
  const rows = await query.execute();
  const received = new Map<string, number>();
  for (const [messageId, n] of sink.messageIds) received.set(idOf(messageId), n);
  let deliveredOnce = 0;
  let duplicates = 0;
  let missing = 0;
  for (const row of rows) {
    const n = received.get(row.id) ?? 0;
    if (n === 1) deliveredOnce += 1;
    else if (n > 1) duplicates += 1;
    else missing += 1;
  }
  return {
    due: rows.length,
    deliveredOnce,
    duplicates,
    missing,
    pending: rows.filter((r) => r.status === 'pending').length,
    retried: rows.filter((r) => Number(r.attempts) > 1).length,
  };
}
