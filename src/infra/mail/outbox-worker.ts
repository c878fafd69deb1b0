/**
 * Delivers the outbox over SMTP. Each due mail is claimed (so another node skips it), sent,
 * then marked sent; a failure puts it back with an exponential delay (30 s, 1 min, 2 min …
 * up to 1 h), so with SMTP down nothing is lost and everything goes when it returns.
 * If a node dies between the SMTP acceptance and the mark, the claim expires and the mail
 * is sent again: at-least-once, with the outbox id as Message-ID so a duplicate is visible.
 */
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Clock } from '../../domain/clock.js';
import type { Schema } from '../db/schema.js';
import { claimDueMails, markFailed, markSent } from '../repositories/outbox.repository.js';

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
  const transporter = nodemailer.createTransport(smtpUrl);
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

const CLAIM_MS = 120_000;
const BATCH = 20;

export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Sends what is due now; returns how many were sent and how many failed. */
export async function deliverDueMails(
  db: Kysely<Schema>,
  transport: MailTransport,
  clock: Clock,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimDueMails(db, clock.now(), CLAIM_MS, BATCH);
    for (const mail of batch) {
      try {
        await transport.send({
          id: mail.id,
          to: mail.recipient,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body,
        });
        await markSent(db, mail.id, clock.now());
        sent += 1;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await markFailed(
          db,
          mail.id,
          new Date(clock.now().getTime() + retryDelayMs(mail.attempts)),
          reason,
        );
        failed += 1;
      }
    }
    if (batch.length < BATCH || failed > 0) return { sent, failed };
  }
}
