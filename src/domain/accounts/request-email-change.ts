/**
 * « Modifier mon adresse électronique » (« Mon compte »): the new address and the current
 * password. Nothing changes yet: a link valid 48 hours goes to the new address, and the change
 * is made when it is opened (`confirm-email-change.ts`), so the account never takes an address
 * its owner cannot read. The current address is told that a change was asked.
 *
 * An address that already has an account is refused without saying so, as account creation
 * does: the answer is the same, and that address's owner gets a mail instead of the link. Both
 * mails share their subject and are filed under the asking account, whose personal-data
 * download lists its mails by subject: nothing there tells the two cases apart either.
 */
import { validationError } from '../errors.js';
import { EMAIL_CHANGE_LINK_PERIOD_MS } from './account-rules.js';
import { WRONG_CURRENT_PASSWORD, currentPasswordMatches } from './current-password.js';
import { emailProblem, normalizeEmail } from './email-address.js';
import type { Account, AccountsContext } from './ports.js';
import { RATE_LIMITS, enforceRateLimits } from './rate-limits.js';
import { hashToken, newSecretToken } from './secret-token.js';

export interface RequestEmailChangeInput {
  /** The signed-in account, as the session resolved it for this request. */
  account: Account;
  email: string;
  password: string;
  clientAddress: string;
}

export async function requestEmailChange(
  ctx: AccountsContext,
  input: RequestEmailChangeInput,
): Promise<{ email: string; expiresAt: Date }> {
  const { account } = input;
  const email = normalizeEmail(input.email);
  const fieldErrors: Record<string, string> = {};
  const badEmail = emailProblem(email);
  if (badEmail) fieldErrors.email = badEmail;
  else if (email === account.email)
    fieldErrors.email = 'C’est déjà l’adresse électronique de votre compte.';
  if (!input.password) fieldErrors.password = 'Indiquez votre mot de passe actuel.';
  if (Object.keys(fieldErrors).length > 0) throw validationError(fieldErrors);
  if (!(await currentPasswordMatches(ctx, account, input.password, input.clientAddress)))
    throw validationError({ password: WRONG_CURRENT_PASSWORD });
  // Two mails per request: counted like the other « send me a link » forms, for the new
  // address and for the account's, so that neither mailbox can be flooded from here.
  await enforceRateLimits(ctx.limiter, ctx.clock.now(), [
    [RATE_LIMITS.mailByAddress, input.clientAddress],
    [RATE_LIMITS.mailByAccount, email],
    [RATE_LIMITS.mailByAccount, account.email],
  ]);

  return ctx.store.transaction(async (unit) => {
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_LINK_PERIOD_MS);
    await unit.tokens.consumeAll(account.id, 'email-change', now); // only the latest link works
    if (await unit.accounts.findByEmail(email)) {
      await unit.outbox.enqueue(ctx.mails.emailChangeTaken(email), account.id, now);
    } else {
      const token = newSecretToken();
      await unit.tokens.insert({
        tokenHash: hashToken(token),
        accountId: account.id,
        purpose: 'email-change',
        createdAt: now,
        expiresAt,
        usedAt: null,
        newEmail: email,
      });
      await unit.outbox.enqueue(
        ctx.mails.emailChangeLink(email, token, expiresAt),
        account.id,
        now,
      );
    }
    await unit.outbox.enqueue(ctx.mails.emailChangeRequested(account.email), account.id, now);
    await unit.audit.record({
      at: now,
      actor: { kind: 'candidate', id: account.id },
      action: 'account.email_change_requested',
      subject: { type: 'account', id: account.id },
      clientAddress: input.clientAddress,
    });
    return { email, expiresAt };
  });
}
