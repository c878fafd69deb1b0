/** A repository works on the database or inside a transaction alike. */
import type { Kysely, Transaction } from 'kysely';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import { withDurability } from '../db/durability.js';
import type { Schema } from '../db/schema.js';

export type Executor = Kysely<Schema> | Transaction<Schema>;

/**
 * The use cases' runner over one set of repositories: `transaction` builds them on a Kysely
 * transaction, `read` on one connection without a transaction. A page that only reads needs
 * no BEGIN and COMMIT (on PostgreSQL two round trips saved per use case), and its queries share
 * one pooled connection instead of taking and giving back one each.
 */
export function unitRunner<U>(
  db: Kysely<Schema>,
  build: (ex: Executor) => U,
): TransactionRunner<U> {
  return {
    transaction: (work, options) =>
      withDurability(options?.relaxed ? 'relaxed' : 'durable', () =>
        db.transaction().execute((trx) => work(build(trx))),
      ),
    read: (work) => db.connection().execute((connection) => work(build(connection))),
  };
}
