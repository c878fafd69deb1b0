/**
 * What every « send me a link » form does first (new activation link, forgotten password):
 * a valid address, counted against the per-address and per-account limits of mail requests,
 * so nobody can flood a mailbox through the portal.
 */
import { validationError } from '../errors.js';
import { emailProblem, normalizeEmail } from './email-address.js';
import type { AccountsContext } from './ports.js';
import { RATE_LIMITS, enforceRateLimits } from './rate-limits.js';

export async function acceptLinkRequest(
  ctx: AccountsContext,
  input: { email: string; clientAddress: string },
): Promise<{ email: string; now: Date }> {
  const email = normalizeEmail(input.email);
  const problem = emailProblem(email);
  if (problem) throw validationError({ email: problem });
  const now = ctx.clock.now();
  await enforceRateLimits(ctx.limiter, now, [
    [RATE_LIMITS.mailByAddress, input.clientAddress],
    [RATE_LIMITS.mailByAccount, email],
  ]);
  return { email, now };
}
