/**
 * « Créer votre compte »: checks the email and password, and either creates an inactive
 * account with its activation mail, or, when the email already has an account, mails its
 * owner instead. The answer is the same in both cases, so nobody learns who is registered.
 * The password is hashed before the transaction (argon2 is slow on purpose and must not hold
 * the database) and in both cases, so timing does not tell either.
 */
import { randomUUID } from 'node:crypto';
import { activationDeadline, canStillActivate } from './account-rules.js';
import { issueActivationToken } from './activation-token.js';
import { passwordFieldErrors } from './credentials-form.js';
import { emailProblem, normalizeEmail } from './email-address.js';
import { validationError } from '../errors.js';
import type { AccountsContext, AccountsUnit, Account } from './ports.js';
import { RATE_LIMITS, enforceRateLimits } from './rate-limits.js';

export interface CreateAccountInput {
  email: string;
  password: string;
  passwordConfirmation: string;
  clientAddress: string;
}

export async function createAccount(
  ctx: AccountsContext,
  input: CreateAccountInput,
): Promise<{ email: string }> {
  const email = normalizeEmail(input.email);
  const fieldErrors: Record<string, string> = {};
  const badEmail = emailProblem(email);
  if (badEmail) fieldErrors.email = badEmail;
  Object.assign(
    fieldErrors,
    passwordFieldErrors(input.password, input.passwordConfirmation, email),
  );
  if (Object.keys(fieldErrors).length > 0) throw validationError(fieldErrors);

  const now = ctx.clock.now();
  await enforceRateLimits(ctx.limiter, now, [
    [RATE_LIMITS.createByAddress, input.clientAddress],
    [RATE_LIMITS.createByAccount, email],
  ]);
  const passwordHash = await ctx.hasher.hash(input.password);

  await ctx.store.transaction(async (unit) => {
    const existing = await unit.accounts.findByEmail(email);
    if (existing) return mailExistingOwner(ctx, unit, existing, now);
    const account: Account = {
      id: randomUUID(),
      email,
      passwordHash,
      createdAt: now,
      activatedAt: null,
    };
    if (!(await unit.accounts.insert(account))) return; // a concurrent submit created it: its mail is on its way
    const token = await issueActivationToken(unit, account, now);
    await unit.outbox.enqueue(
      ctx.mails.activation(email, token, activationDeadline(now)),
      account.id,
      now,
    );
  });
  return { email };
}

async function mailExistingOwner(
  ctx: AccountsContext,
  unit: AccountsUnit,
  account: Account,
  now: Date,
): Promise<void> {
  let activation: { token: string; deadline: Date } | null = null;
  if (!account.activatedAt && canStillActivate(account.createdAt, now)) {
    activation = {
      token: await issueActivationToken(unit, account, now),
      deadline: activationDeadline(account.createdAt),
    };
  }
  await unit.outbox.enqueue(
    ctx.mails.alreadyRegistered(account.email, activation),
    account.id,
    now,
  );
}
