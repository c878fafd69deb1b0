/**
 * Deletes the accounts not activated within 48 hours of their creation, with everything
 * attached (links, sessions, mails), as the notice announces. Run by the scheduler inside
 * `candidat serve` and by `candidat purge-accounts`; running it twice changes nothing more.
 */
import { purgeCutoff } from './account-rules.js';
import type { AccountsContext } from './ports.js';

export async function purgeUnactivatedAccounts(ctx: AccountsContext): Promise<{ deleted: number }> {
  const cutoff = purgeCutoff(ctx.clock.now());
  const deleted = await ctx.store.transaction((unit) =>
    unit.accounts.deleteUnactivatedCreatedAtOrBefore(cutoff),
  );
  return { deleted };
}
