/**
 * « Mon compte » asks for the current password before a change, so that a session left open
 * on a shared computer is not enough to take the account. Each check is counted by the
 * sign-in limits, per client address and per account (the same counters as « Se connecter »):
 * these forms are no faster a way to guess a password than the sign-in page.
 */
import type { Account, AccountsContext } from './ports.js';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';
import { RATE_LIMITS, enforceRateLimits } from './rate-limits.js';

export const WRONG_CURRENT_PASSWORD = 'Le mot de passe actuel est incorrect.';

/** Whether `password` is the account's password; refuses (429) past the sign-in limits. */
export async function currentPasswordMatches(
  ctx: AccountsContext,
  account: Account,
  password: string,
  clientAddress: string,
): Promise<boolean> {
  await enforceRateLimits(ctx.limiter, ctx.clock.now(), [
    [RATE_LIMITS.signInByAddress, clientAddress],
    [RATE_LIMITS.signInByAccount, account.email],
  ]);
  if ([...password].length > PASSWORD_MAX_LENGTH) return false; // no account has one: no hashing
  return ctx.hasher.verify(account.passwordHash, password);
}
