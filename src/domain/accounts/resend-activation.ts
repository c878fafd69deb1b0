/**
 * « Recevoir un nouveau lien d'activation »: mails a fresh link to an account that is not yet
 * active and still within its 48 hours. Same answer whatever the address, so the form tells
 * nobody whether an account exists. The 48 hours keep counting from the account's creation.
 */
import { validationError } from '../errors.js';
import { activationDeadline, canStillActivate } from './account-rules.js';
import { issueActivationToken } from './activation-token.js';
import { emailProblem, normalizeEmail } from './email-address.js';
import type { AccountsContext } from './ports.js';
import { RATE_LIMITS, enforceRateLimits } from './rate-limits.js';

export async function resendActivation(
  ctx: AccountsContext,
  input: { email: string; clientAddress: string },
): Promise<void> {
  const email = normalizeEmail(input.email);
  const problem = emailProblem(email);
  if (problem) throw validationError({ email: problem });
  const now = ctx.clock.now();
  await enforceRateLimits(ctx.limiter, now, [
    [RATE_LIMITS.mailByAddress, input.clientAddress],
    [RATE_LIMITS.mailByAccount, email],
  ]);
  await ctx.store.transaction(async (unit) => {
    const account = await unit.accounts.findByEmail(email);
    if (!account || account.activatedAt || !canStillActivate(account.createdAt, now)) return;
    const token = await issueActivationToken(unit, account, now);
    await unit.outbox.enqueue(
      ctx.mails.activation(email, token, activationDeadline(account.createdAt)),
      account.id,
      now,
    );
  });
}
