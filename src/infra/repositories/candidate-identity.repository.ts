import type { IdentityRepository } from '../../domain/registrations/ports.js';
import type { Identity } from '../../domain/registrations/registration.js';
import { toDb } from '../db/instants.js';
import type { Executor } from './executor.js';

export function identityRepository(db: Executor): IdentityRepository {
  return {
    async find(accountId) {
      const row = await db
        .selectFrom('candidate_identities')
        .select('identity')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row && (JSON.parse(row.identity) as Identity);
    },
    async findForUpdate(accountId) {
      // A no-op update, portable: PostgreSQL locks the row until the transaction ends and
      // returns its latest committed value; SQLite serialises writers anyway.
      const row = await db
        .updateTable('candidate_identities')
        .set((eb) => ({ identity: eb.ref('identity') }))
        .where('account_id', '=', accountId)
        .returning('identity')
        .executeTakeFirst();
      return row && (JSON.parse(row.identity) as Identity);
    },
    async lock(accountId, identity, at) {
      await db
        .insertInto('candidate_identities')
        .values({ account_id: accountId, identity: JSON.stringify(identity), locked_at: toDb(at) })
        .onConflict((oc) => oc.column('account_id').doNothing())
        .execute();
    },
  };
}

/** The office's correction of a locked identity (inserted if the account had none locked). */
export async function correctIdentity(
  db: Executor,
  accountId: string,
  identity: Identity,
  at: Date,
): Promise<void> {
  await db
    .insertInto('candidate_identities')
    .values({ account_id: accountId, identity: JSON.stringify(identity), locked_at: toDb(at) })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ identity: JSON.stringify(identity) }))
    .execute();
}
