/** Who is behind a session cookie: the active account of an unexpired session, or nobody. */
import type { Account, AccountsContext } from './ports.js';
import { hashToken, looksLikeToken } from './secret-token.js';

export async function currentAccount(
  ctx: AccountsContext,
  sessionToken: unknown,
): Promise<Account | undefined> {
  if (!looksLikeToken(sessionToken)) return undefined;
  return ctx.store.transaction(async (unit) => {
    const session = await unit.sessions.findActive(hashToken(sessionToken), ctx.clock.now());
    if (!session) return undefined;
    const account = await unit.accounts.findById(session.accountId);
    return account?.activatedAt ? account : undefined;
  });
}
