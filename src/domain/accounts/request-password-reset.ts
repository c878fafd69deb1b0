/**
 * « Mot de passe oublié »: mails a link valid one hour to an active account. Same answer
 * whatever the address. An account still waiting for activation gets its activation link
 * again instead, since it has no password worth resetting yet.
 */
import { RESET_LINK_PERIOD_MS, activationDeadline, canStillActivate } from './account-rules.js';
import { issueActivationToken } from './activation-token.js';
import { acceptLinkRequest } from './link-request.js';
import type { AccountsContext } from './ports.js';
import { hashToken, newSecretToken } from './secret-token.js';

export async function requestPasswordReset(
  ctx: AccountsContext,
  input: { email: string; clientAddress: string },
): Promise<void> {
  const { email, now } = await acceptLinkRequest(ctx, input);
  await ctx.store.transaction(async (unit) => {
    const account = await unit.accounts.findByEmail(email);
    if (!account) return;
    if (!account.activatedAt) {
      if (!canStillActivate(account.createdAt, now)) return;
      const token = await issueActivationToken(unit, account, now);
      await unit.outbox.enqueue(
        ctx.mails.activation(email, token, activationDeadline(account.createdAt)),
        account.id,
        now,
      );
      return;
    }
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + RESET_LINK_PERIOD_MS);
    await unit.tokens.insert({
      tokenHash: hashToken(token),
      accountId: account.id,
      purpose: 'reset',
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    await unit.outbox.enqueue(ctx.mails.passwordReset(email, token, expiresAt), account.id, now);
  });
}
