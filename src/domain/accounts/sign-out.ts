/** « Se déconnecter »: the session's row goes, so the cookie is worthless even if kept. */
import type { AccountsContext } from './ports.js';
import { hashToken, looksLikeToken } from './secret-token.js';

export async function signOut(ctx: AccountsContext, sessionToken: unknown): Promise<void> {
  if (!looksLikeToken(sessionToken)) return;
  await ctx.store.transaction((unit) => unit.sessions.delete(hashToken(sessionToken)));
}
