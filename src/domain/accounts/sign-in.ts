/**
 * « Se connecter »: checks the password with argon2id and opens a new session (the cookie is
 * renewed at every sign-in, so a session id planted before cannot be reused). An unknown email
 * is checked against a dummy hash so the answer takes as long as for a real account, and the
 * refusal never says which of the email or the password was wrong.
 */
import { DomainError } from '../errors.js';
import { emailProblem, normalizeEmail } from './email-address.js';
import { openSession } from './open-session.js';
import type { AccountsContext } from './ports.js';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';
import { RATE_LIMITS, enforceRateLimits } from './rate-limits.js';

export interface SignInInput {
  email: string;
  password: string;
  clientAddress: string;
}

let dummyHash: Promise<string> | undefined;

export async function signIn(
  ctx: AccountsContext,
  input: SignInInput,
): Promise<{ sessionToken: string; accountId: string }> {
  const email = normalizeEmail(input.email);
  // No account can have an address that account creation refuses: no lookup for it (on
  // PostgreSQL, a NUL character in a query parameter would even fail the query).
  if (emailProblem(email) || !input.password || [...input.password].length > PASSWORD_MAX_LENGTH) {
    throw badCredentials();
  }
  const now = ctx.clock.now();
  await enforceRateLimits(ctx.limiter, now, [
    [RATE_LIMITS.signInByAddress, input.clientAddress],
    [RATE_LIMITS.signInByAccount, email],
  ]);

  const account = await ctx.store.read((unit) => unit.accounts.findByEmail(email));
  dummyHash ??= ctx.hasher.hash('candidat: a password nobody has');
  const passwordOk = await ctx.hasher.verify(
    account?.passwordHash ?? (await dummyHash),
    input.password,
  );
  if (!account || !passwordOk) throw badCredentials();
  if (!account.activatedAt) {
    throw new DomainError('account_not_active', 'Votre compte n’est pas encore activé.');
  }
  // A power cut may lose a session (never half of one): the candidate signs in again.
  const sessionToken = await ctx.store.transaction(
    (unit) => openSession(unit.sessions, account.id, ctx.clock.now()),
    { relaxed: true },
  );
  return { sessionToken, accountId: account.id };
}

function badCredentials(): DomainError {
  return new DomainError('bad_credentials', 'Adresse électronique ou mot de passe incorrect.');
}
