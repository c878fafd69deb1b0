/**
 * « Choisir un nouveau mot de passe »: spends a reset link (one hour, single use; using one
 * spends every other reset link of the account), sets the new password, ends every session
 * of the account and opens a fresh one for this browser, and tells the owner by mail.
 */
import { DomainError, validationError } from '../errors.js';
import { passwordFieldErrors } from './credentials-form.js';
import { openSession } from './open-session.js';
import type { AccountToken, AccountsContext, AccountsUnit } from './ports.js';
import { hashToken, looksLikeToken } from './secret-token.js';

export type ResetLinkState =
  { state: 'valid'; email: string } | { state: 'expired' } | { state: 'unknown' };

export async function inspectResetLink(
  ctx: AccountsContext,
  token: unknown,
): Promise<ResetLinkState> {
  if (!looksLikeToken(token)) return { state: 'unknown' };
  return ctx.store.transaction(async (unit) => {
    const found = await usableToken(unit, token, ctx.clock.now());
    if (found === 'expired') return { state: 'expired' };
    if (!found) return { state: 'unknown' };
    const account = await unit.accounts.findById(found.accountId);
    return account ? { state: 'valid', email: account.email } : { state: 'unknown' };
  });
}

export interface ResetPasswordInput {
  token: unknown;
  password: string;
  passwordConfirmation: string;
}

export async function resetPassword(
  ctx: AccountsContext,
  input: ResetPasswordInput,
): Promise<{ sessionToken: string }> {
  const link = await inspectResetLink(ctx, input.token);
  if (link.state === 'unknown') throw unknownLink();
  if (link.state === 'expired') throw expiredLink();
  const errors = passwordFieldErrors(input.password, input.passwordConfirmation, link.email);
  if (Object.keys(errors).length > 0) throw validationError(errors);
  const passwordHash = await ctx.hasher.hash(input.password);

  return ctx.store.transaction(async (unit) => {
    const now = ctx.clock.now();
    const found = await usableToken(unit, input.token as string, now);
    if (found === 'expired') throw expiredLink();
    if (!found) throw unknownLink(); // spent by a concurrent submit meanwhile
    if ((await unit.tokens.consumeAll(found.accountId, 'reset', now)) === 0) throw unknownLink();
    // A change of address asked by whoever knew the old password must not survive the reset.
    await unit.tokens.consumeAll(found.accountId, 'email-change', now);
    await unit.accounts.setPasswordHash(found.accountId, passwordHash);
    await unit.sessions.deleteForAccount(found.accountId);
    await unit.outbox.enqueue(ctx.mails.passwordChanged(link.email), found.accountId, now);
    return { sessionToken: await openSession(unit.sessions, found.accountId, now) };
  });
}

async function usableToken(
  unit: AccountsUnit,
  token: string,
  now: Date,
): Promise<AccountToken | 'expired' | undefined> {
  const found = await unit.tokens.find(hashToken(token), 'reset');
  if (!found || found.usedAt) return undefined;
  if (now.getTime() >= found.expiresAt.getTime()) return 'expired';
  return found;
}

function unknownLink(): DomainError {
  return new DomainError(
    'invalid_token',
    'Ce lien de réinitialisation n’est pas valide ou a déjà servi.',
  );
}

function expiredLink(): DomainError {
  return new DomainError(
    'expired_token',
    'Ce lien de réinitialisation a expiré : il n’est valable qu’une heure.',
  );
}
