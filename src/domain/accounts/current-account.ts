/** Who is behind a session cookie: the active account of an unexpired session, or nobody. */
import type { Account, AccountsContext } from './ports.js';
import { hashToken, looksLikeToken } from './secret-token.js';

export async function currentAccount(
  ctx: AccountsContext,
  sessionToken: unknown,
): Promise<Account | undefined> {
  if (!looksLikeToken(sessionToken)) return undefined;
  const account = await ctx.store.read((unit) =>
    unit.accounts.findBySession(hashToken(sessionToken), ctx.clock.now()),
  );
  return account?.activatedAt ? account : undefined;
}
