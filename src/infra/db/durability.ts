/**
 * Two kinds of commit. Most writes are acts the portal answers for (a registration saved, a
 * file declared, an account activated): their commit reaches the disk before the answer
 * (SQLite `synchronous=FULL`, PostgreSQL `synchronous_commit=on`). A few may be lost to a power
 * cut without harm, because the candidate just does them again: the wizard's draft between two
 * steps, a new session (sign in again), the outbox's bookkeeping (a mail sent twice at worst).
 * Those are run `relaxed`: committed without waiting for the disk, and made durable by the
 * next ordinary commit. They are never half-written and a process crash loses nothing; only a
 * power cut within that moment can lose them.
 *
 * On SQLite each fsync holds the whole process, so this is about a third of the fsyncs of a
 * candidate's journey. On SQLite a write outside any transaction can be relaxed too (the
 * outbox worker's); on PostgreSQL only a transaction can (`set local`). The scope travels with the async context of the transaction's caller:
 * the driver reads it when the transaction begins (statement-cache.ts, named-statements.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const relaxedScope = new AsyncLocalStorage<boolean>();

export type Durability = 'durable' | 'relaxed';

/** Runs `work`, whose transactions commit without waiting for the disk. */
export function withDurability<T>(durability: Durability, work: () => Promise<T>): Promise<T> {
  return relaxedScope.run(durability === 'relaxed', work);
}

/** Whether the transaction beginning now may commit without waiting for the disk. */
export function relaxedNow(): boolean {
  return relaxedScope.getStore() === true;
}
