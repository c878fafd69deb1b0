import type { Account, AccountRepository } from '../../domain/accounts/ports.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { AccountsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function accountRepository(db: Executor): AccountRepository {
  return {
    async findByEmail(email) {
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      return row && toAccount(row);
    },
    async findById(id) {
      const row = await db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAccount(row);
    },
    async findBySession(sessionIdHash, now) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .selectAll('accounts')
        .where('sessions.id_hash', '=', sessionIdHash)
        .where('sessions.expires_at', '>', toDb(now))
        .executeTakeFirst();
      return row && toAccount(row);
    },
    async insert(account) {
      const result = await db
        .insertInto('accounts')
        .values({
          id: account.id,
          email: account.email,
          password_hash: account.passwordHash,
          created_at: toDb(account.createdAt),
          activated_at: account.activatedAt && toDb(account.activatedAt),
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async activate(id, at) {
      const result = await db
        .updateTable('accounts')
        .set({ activated_at: toDb(at) })
        .where('id', '=', id)
        .where('activated_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setPasswordHash(id, passwordHash) {
      await db
        .updateTable('accounts')
        .set({ password_hash: passwordHash })
        .where('id', '=', id)
        .execute();
    },
    async changeEmail(id, email) {
      try {
        const result = await db
          .updateTable('accounts')
          .set({ email })
          .where('id', '=', id)
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('accounts as other')
                  .select('other.id')
                  .where('other.email', '=', email),
              ),
            ),
          )
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      } catch (error) {
        // An account created with that address by a transaction that had not committed when
        // ours looked: the unique index refuses the update (PostgreSQL; SQLite has one writer).
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async deleteUnactivatedCreatedAtOrBefore(cutoff) {
      const result = await db
        .deleteFrom('accounts')
        .where('activated_at', 'is', null)
        .where('created_at', '<=', toDb(cutoff))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function toAccount(row: AccountsTable): Account {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    createdAt: fromDb(row.created_at),
    activatedAt: fromDbNullable(row.activated_at),
  };
}
