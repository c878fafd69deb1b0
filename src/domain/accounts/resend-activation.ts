/**
 * « Recevoir un nouveau lien d'activation »: mails a fresh link to an account that is not yet
 * active and still within its 48 hours. Same answer whatever the address, so the form tells
 * nobody whether an account exists. The 48 hours keep counting from the account's creation.
 */
import { activationDeadline, canStillActivate } from './account-rules.js';
import { issueActivationToken } from './activation-token.js';
import { acceptLinkRequest } from './link-request.js';
import type { AccountsContext } from './ports.js';

export async function resendActivation(
  ctx: AccountsContext,
  input: { email: string; clientAddress: string },
): Promise<void> {
  const { email, now } = await acceptLinkRequest(ctx, input);
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
