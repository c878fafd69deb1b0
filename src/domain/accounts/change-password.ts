/**
 * « Modifier mon mot de passe » (« Mon compte »): the current password, then a new one under
 * the rules of account creation, typed twice. Once changed, every session of the account ends
 * and a new one is opened for this browser (its cookie is replaced, as at sign-in); links
 * still pending are spent (a reset link, or a change of address asked by whoever knew the old
 * password); the account's address is told by mail; the journal records it, without secrets.
 */
import { validationError } from '../errors.js';
import { passwordFieldErrors } from './credentials-form.js';
import { WRONG_CURRENT_PASSWORD, currentPasswordMatches } from './current-password.js';
import { openSession } from './open-session.js';
import type { Account, AccountsContext } from './ports.js';

export interface ChangePasswordInput {
  /** The signed-in account, as the session resolved it for this request. */
  account: Account;
  currentPassword: string;
  newPassword: string;
  newPasswordConfirmation: string;
  clientAddress: string;
}

export async function changePassword(
  ctx: AccountsContext,
  input: ChangePasswordInput,
): Promise<{ sessionToken: string }> {
  const { account } = input;
  const fieldErrors: Record<string, string> = {};
  if (!input.currentPassword) fieldErrors.currentPassword = 'Indiquez votre mot de passe actuel.';
  const rules = passwordFieldErrors(
    input.newPassword,
    input.newPasswordConfirmation,
    account.email,
  );
  if (rules.password) fieldErrors.newPassword = rules.password;
  if (rules.passwordConfirmation) fieldErrors.newPasswordConfirmation = rules.passwordConfirmation;
  // Refused before the current password is checked: a form that breaks the rules tells
  // nothing about the current password, and is not counted as an attempt.
  if (Object.keys(fieldErrors).length > 0) throw validationError(fieldErrors);
  if (!(await currentPasswordMatches(ctx, account, input.currentPassword, input.clientAddress)))
    throw validationError({ currentPassword: WRONG_CURRENT_PASSWORD });
  const passwordHash = await ctx.hasher.hash(input.newPassword);

  return ctx.store.transaction(async (unit) => {
    const now = ctx.clock.now();
    await unit.accounts.setPasswordHash(account.id, passwordHash);
    await unit.sessions.deleteForAccount(account.id);
    await unit.tokens.consumeAll(account.id, 'reset', now);
    await unit.tokens.consumeAll(account.id, 'email-change', now);
    await unit.outbox.enqueue(ctx.mails.passwordChanged(account.email), account.id, now);
    await unit.audit.record({
      at: now,
      actor: { kind: 'candidate', id: account.id },
      action: 'account.password_changed',
      subject: { type: 'account', id: account.id },
      clientAddress: input.clientAddress,
    });
    return { sessionToken: await openSession(unit.sessions, account.id, now) };
  });
}
