/**
 * Delivers the outbox over SMTP. Due mails are claimed by batch (so another node skips them),
 * sent in parallel, then the accepted ones are marked sent together; a failure puts that mail
 * back with an exponential delay (30 s, 1 min, 2 min … up to 1 h), so with SMTP down nothing is
 * lost and everything goes when it returns. Claiming and marking by batch is two commits a
 * batch instead of two a mail: on SQLite each commit is an fsync that holds the whole process.
 * If a node dies between the SMTP acceptance and the mark, the claim expires and the batch's
 * accepted mails are sent again: at-least-once, with the outbox id as Message-ID so a duplicate
 * is visible.
 */
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Clock } from '../../domain/clock.js';
import { withDurability } from '../db/durability.js';
import type { Schema } from '../db/schema.js';
import type { Executor } from '../repositories/executor.js';
import {
  type OutboxMail,
  claimDueMails,
  markFailed,
  markSent,
} from '../repositories/outbox.repository.js';

export interface MailTransport {
  send(mail: {
    id: string;
    to: string;
    subject: string;
    text: string;
    html: string;
  }): Promise<void>;
  close(): void;
}

export function smtpTransport(
  smtpUrl: string,
  from: string,
  messageIdDomain: string,
): MailTransport {
  // Pooled: a few SMTP connections kept open and shared by the mails sent in parallel,
  // instead of a new conversation per mail.
  const transporter = nodemailer.createTransport(withPool(smtpUrl));
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@${messageIdDomain}>`,
      });
    },
    close: () => transporter.close(),
  };
}

function withPool(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return url.toString();
}

const CLAIM_MS = 120_000;
const BATCH = 50;

export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Sends what is due now, batch after batch, the mails of a batch in parallel over the pooled
 * connections; returns how many were sent and how many failed. Stops between batches when
 * `signal` is aborted (a node shutting down leaves the rest to the others, or to its restart).
 */
export async function deliverDueMails(
  db: Kysely<Schema>,
  transport: MailTransport,
  clock: Clock,
  signal?: AbortSignal,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  while (!signal?.aborted) {
    const batch = await claimDueMails(db, clock.now(), CLAIM_MS, BATCH, bookkeeping);
    const outcomes = await Promise.all(batch.map((mail) => deliverOne(db, transport, clock, mail)));
    const accepted = batch.filter((_mail, i) => outcomes[i]).map((mail) => mail.id);
    await bookkeeping(db, (trx) => markSent(trx, accepted, clock.now()));
    sent += accepted.length;
    failed += batch.length - accepted.length;
    // A short batch means the outbox is empty; a failure means SMTP is down: wait for the next run.
    if (batch.length < BATCH || outcomes.some((ok) => !ok)) break;
  }
  return { sent, failed };
}

/**
 * The outbox's own writes (one statement each, no transaction) commit without waiting for the
 * disk on SQLite (durability.ts): a power cut that loses a claim or a mark only sends a mail
 * again, which at-least-once allows already. On PostgreSQL they stay ordinary autocommits:
 * a transaction to relax them would cost more round trips than the wait it saves.
 */
function bookkeeping<T>(db: Executor, work: (ex: Executor) => Promise<T>): Promise<T> {
  return withDurability('relaxed', () => work(db));
}

async function deliverOne(
  db: Kysely<Schema>,
  transport: MailTransport,
  clock: Clock,
  mail: OutboxMail,
): Promise<boolean> {
  try {
    await transport.send({
      id: mail.id,
      to: mail.recipient,
      subject: mail.subject,
      text: mail.text_body,
      html: mail.html_body,
    });
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await markFailed(
      db,
      mail.id,
      new Date(clock.now().getTime() + retryDelayMs(mail.attempts)),
      reason,
    );
    return false;
  }
}
