/**
 * « Espace gestionnaire », first step: email and password, checked with argon2id as for
 * candidates (a dummy hash for an unknown address, so the time tells nothing either, and one
 * message whatever was wrong). A disabled member, or one who never chose a password, is
 * refused the same way. Success opens a short session at the `password` stage: the second
 * factor is still to come.
 */
import { enforceRateLimits } from '../accounts/rate-limits.js';
import { emailProblem, normalizeEmail } from '../accounts/email-address.js';
import { PASSWORD_MAX_LENGTH } from '../accounts/password-policy.js';
import { DomainError } from '../errors.js';
import type { StaffContext } from './ports.js';
import { STAFF_RATE_LIMITS } from './staff-rules.js';
import { openStaffSession } from './staff-session.js';

export interface StaffSignInInput {
  email: string;
  password: string;
  clientAddress: string;
}

let dummyHash: Promise<string> | undefined;

export async function signInStaff(
  ctx: StaffContext,
  input: StaffSignInInput,
): Promise<{ pendingToken: string; needsSetup: boolean }> {
  const email = normalizeEmail(input.email);
  if (emailProblem(email) || !input.password || [...input.password].length > PASSWORD_MAX_LENGTH)
    throw badCredentials();
  const now = ctx.clock.now();
  await enforceRateLimits(ctx.limiter, now, [
    [STAFF_RATE_LIMITS.signInByAddress, input.clientAddress],
    [STAFF_RATE_LIMITS.signInByAccount, email],
  ]);

  const member = await ctx.store.transaction((unit) => unit.staff.findByEmail(email));
  dummyHash ??= ctx.hasher.hash('candidat: a staff password nobody has');
  const hash = member?.passwordHash ?? (await dummyHash);
  const passwordOk = await ctx.hasher.verify(hash, input.password);
  if (!member || !member.passwordHash || member.disabledAt || !passwordOk) throw badCredentials();

  const pendingToken = await ctx.store.transaction(async (unit) => {
    const at = ctx.clock.now();
    return openStaffSession(unit.sessions, member.id, 'password', at);
  });
  return { pendingToken, needsSetup: member.totpConfirmedAt === null };
}

function badCredentials(): DomainError {
  return new DomainError('bad_credentials', 'Adresse électronique ou mot de passe incorrect.');
}
