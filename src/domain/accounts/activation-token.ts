/**
 * Issues an activation link's token. Every link of an account expires 48 hours after the
 * account's creation, whenever it was sent: asking for a new mail never extends the delay.
 */
import { activationDeadline } from './account-rules.js';
import type { Account, AccountsUnit } from './ports.js';
import { hashToken, newSecretToken } from './secret-token.js';

export async function issueActivationToken(
  unit: AccountsUnit,
  account: Account,
  now: Date,
): Promise<string> {
  const token = newSecretToken();
  await unit.tokens.insert({
    tokenHash: hashToken(token),
    accountId: account.id,
    purpose: 'activation',
    createdAt: now,
    expiresAt: activationDeadline(account.createdAt),
    usedAt: null,
  });
  return token;
}
