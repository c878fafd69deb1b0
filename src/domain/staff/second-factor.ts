/**
 * « Espace gestionnaire », second step: a 6-digit code from the member's authenticator app
 * (TOTP). At the first sign-in the member has no confirmed secret: the step shows a new one
 * (as a QR code and in text) and a valid code confirms it. A code is good once: the last
 * accepted time step is stored, and a code of that step or an earlier one is refused.
 * Success replaces the short session by a signed-in one (8 hours), audited.
 */
import { enforceRateLimits } from '../accounts/rate-limits.js';
import { hashToken, looksLikeToken } from '../accounts/secret-token.js';
import { DomainError } from '../errors.js';
import type { StaffContext, StaffMember } from './ports.js';
import { STAFF_RATE_LIMITS } from './staff-rules.js';
import { openStaffSession, staffBehind } from './staff-session.js';
import { matchTotp, newTotpSecret, totpUri } from './totp.js';

export interface SecondFactorStep {
  member: StaffMember;
  /** Present at the first sign-in: what the app must learn before a code can be given. */
  setup: { secret: string; uri: string } | null;
}

/** What the second-factor page shows, or undefined when there is no pending sign-in. */
export async function secondFactorStep(
  ctx: StaffContext,
  pendingToken: unknown,
): Promise<SecondFactorStep | undefined> {
  const member = await staffBehind(ctx, pendingToken, 'password');
  if (!member) return undefined;
  if (member.totpConfirmedAt) return { member, setup: null };
  // The secret is kept (sealed) until confirmed, so reloading the page shows the same one.
  const sealed = await ctx.store.transaction((unit) =>
    unit.staff.keepUnconfirmedSecret(member.id, ctx.secrets.seal(newTotpSecret(), member.id)),
  );
  const secret = openSecret(ctx, sealed, member.id);
  return { member, setup: { secret, uri: totpUri(secret, member.email, ctx.issuer()) } };
}

export interface VerifyCodeInput {
  pendingToken: unknown;
  code: string;
  clientAddress: string;
}

export async function verifySecondFactor(
  ctx: StaffContext,
  input: VerifyCodeInput,
): Promise<{ sessionToken: string; member: StaffMember }> {
  const member = await staffBehind(ctx, input.pendingToken, 'password');
  if (!member || !looksLikeToken(input.pendingToken)) throw noPendingSignIn();
  const now = ctx.clock.now();
  await enforceRateLimits(ctx.limiter, now, [
    [STAFF_RATE_LIMITS.codeByAddress, input.clientAddress],
    [STAFF_RATE_LIMITS.codeByAccount, member.id],
  ]);
  if (!member.totpSecret) throw noPendingSignIn(); // the setup page was never shown
  const secret = openSecret(ctx, member.totpSecret, member.id);
  const code = input.code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) throw wrongCode('Le code doit comporter 6 chiffres.');
  const step = matchTotp(secret, code, now);
  if (step === null)
    throw wrongCode('Ce code n’est pas valide. Saisissez le code affiché en ce moment.');
  const pendingHash = hashToken(input.pendingToken);

  return ctx.store.transaction(async (unit) => {
    const setup = member.totpConfirmedAt === null;
    if (!(await unit.staff.acceptStep(member.id, step, setup ? now : null)))
      throw wrongCode('Ce code a déjà servi. Attendez le code suivant de votre application.');
    await unit.sessions.delete(pendingHash);
    if (setup)
      await unit.audit.record({
        at: now,
        actor: { kind: 'staff', id: member.id },
        action: 'staff.totp_confirmed',
        subject: { type: 'staff', id: member.id },
        clientAddress: input.clientAddress,
      });
    await unit.audit.record({
      at: now,
      actor: { kind: 'staff', id: member.id },
      action: 'staff.signed_in',
      subject: { type: 'staff', id: member.id },
      clientAddress: input.clientAddress,
    });
    return {
      sessionToken: await openStaffSession(unit.sessions, member.id, 'signed-in', now),
      member,
    };
  });
}

/** A secret sealed under another key (TOTP_KEY or SESSION_SECRET changed) cannot be used. */
function openSecret(ctx: StaffContext, sealed: string, staffId: string): string {
  try {
    return ctx.secrets.open(sealed, staffId);
  } catch {
    throw new DomainError(
      'conflict',
      'Votre double authentification ne peut pas être vérifiée. Demandez à un administrateur un nouveau lien d’activation.',
    );
  }
}

function noPendingSignIn(): DomainError {
  return new DomainError(
    'invalid_token',
    'Votre connexion a expiré : saisissez à nouveau votre adresse électronique et votre mot de passe.',
  );
}

function wrongCode(message: string): DomainError {
  return new DomainError('bad_credentials', message);
}
