/**
 * The mail outbox. `enqueue` runs inside the caller's transaction, so a mail exists exactly
 * when the change that causes it is committed. The worker side claims due mails with a
 * conditional update (portable, no row locks): two nodes never hold the same mail at once.
 */
import { randomUUID } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { Outbox } from '../../domain/accounts/ports.js';
import { toDb } from '../db/instants.js';
import type { OutboxTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function outbox(db: Executor): Outbox {
  return {
    async enqueue(mail, accountId, at) {
      await db
        .insertInto('outbox')
        .values({
          id: randomUUID(),
          account_id: accountId,
          recipient: mail.to,
          subject: mail.subject,
          text_body: mail.text,
          html_body: mail.html,
          created_at: toDb(at),
          status: 'pending',
          next_attempt_at: toDb(at),
        })
        .execute();
    },
  };
}

export type OutboxMail = Pick<
  Selectable<OutboxTable>,
  'id' | 'recipient' | 'subject' | 'text_body' | 'html_body' | 'attempts'
>;

/** Claims up to `limit` due mails for `lockMs`; returns those this call won. */
export async function claimDueMails(
  db: Executor,
  now: Date,
  lockMs: number,
  limit: number,
  /** Runs the claim's update (the outbox worker commits it without waiting for the disk). */
  write: <T>(db: Executor, work: (ex: Executor) => Promise<T>) => Promise<T> = (ex, work) =>
    work(ex),
): Promise<OutboxMail[]> {
  const nowText = toDb(now);
  const candidates = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowText)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowText)]))
    .orderBy('created_at')
    .limit(limit)
    .execute();
  if (candidates.length === 0) return [];
  // One conditional update for the whole batch: one commit (one fsync on SQLite) instead of one
  // per mail. A row another node claimed since the select fails the conditions and is skipped.
  const claimed = await write(db, (ex) =>
    ex
      .updateTable('outbox')
      .set({
        locked_until: toDb(new Date(now.getTime() + lockMs)),
        attempts: sql<number>`attempts + 1`,
      })
      .where(
        'id',
        'in',
        candidates.map((c) => c.id),
      )
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowText)]))
      .returning(['id', 'recipient', 'subject', 'text_body', 'html_body', 'attempts'])
      .execute(),
  );
  // Oldest first, as selected: RETURNING gives no order.
  const order = new Map(candidates.map((c, i) => [c.id, i]));
  return claimed.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
}

/** Marks mails the SMTP server accepted, all in one statement. */
export async function markSent(db: Executor, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: toDb(at), locked_until: null, last_error: null })
    .where('id', 'in', [...ids])
    .execute();
}

export async function markFailed(
  db: Executor,
  id: string,
  nextAttemptAt: Date,
  error: string,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      next_attempt_at: toDb(nextAttemptAt),
      locked_until: null,
      last_error: error.slice(0, 500),
    })
    .where('id', '=', id)
    .execute();
}

/** The latest mails, newest first: the demo mailbox page shows them. */
export async function latestMails(db: Executor, limit: number): Promise<Selectable<OutboxTable>[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findMail(
  db: Executor,
  id: string,
): Promise<Selectable<OutboxTable> | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
