/**
 * The setup link (« Activer mon accès gestionnaire »): valid 24 hours and once. Its page asks
 * for a password (the candidates' policy, 12 characters or more); its POST spends the link,
 * sets the password, ends any session of the member and opens the second-factor step, where
 * the person sets up their TOTP app. The GET only shows the form: mail scanners that follow
 * links spend nothing.
 */
import { passwordFieldErrors } from '../accounts/credentials-form.js';
import { hashToken, looksLikeToken } from '../accounts/secret-token.js';
import { DomainError, validationError } from '../errors.js';
import type { StaffContext, StaffMember, StaffUnit } from './ports.js';
import { openStaffSession } from './staff-session.js';

export type SetupLinkState =
  | { state: 'valid'; member: StaffMember; expiresAt: Date }
  | { state: 'expired' }
  | { state: 'used' }
  | { state: 'unknown' };

export async function inspectSetupLink(ctx: StaffContext, token: unknown): Promise<SetupLinkState> {
  if (!looksLikeToken(token)) return { state: 'unknown' };
  return ctx.store.transaction((unit) => linkState(unit, token, ctx.clock.now()));
}

export interface CompleteSetupInput {
  token: unknown;
  password: string;
  passwordConfirmation: string;
  clientAddress: string;
}

/** Sets the password; returns the token of the second-factor step's session. */
export async function completeSetup(
  ctx: StaffContext,
  input: CompleteSetupInput,
): Promise<{ pendingToken: string }> {
  const link = await inspectSetupLink(ctx, input.token);
  if (link.state !== 'valid') throw linkError(link.state);
  const errors = passwordFieldErrors(input.password, input.passwordConfirmation, link.member.email);
  if (Object.keys(errors).length > 0) throw validationError(errors);
  const passwordHash = await ctx.hasher.hash(input.password);

  return ctx.store.transaction(async (unit) => {
    const now = ctx.clock.now();
    const again = await linkState(unit, input.token as string, now);
    if (again.state !== 'valid') throw linkError(again.state);
    const member = again.member;
    if ((await unit.tokens.consumeAll(member.id, now)) === 0) throw linkError('used');
    await unit.staff.setPassword(member.id, passwordHash);
    await unit.sessions.deleteForStaff(member.id);
    await unit.audit.record({
      at: now,
      actor: { kind: 'staff', id: member.id },
      action: 'staff.password_set',
      subject: { type: 'staff', id: member.id },
      clientAddress: input.clientAddress,
    });
    return { pendingToken: await openStaffSession(unit.sessions, member.id, 'password', now) };
  });
}

async function linkState(unit: StaffUnit, token: string, now: Date): Promise<SetupLinkState> {
  const found = await unit.tokens.find(hashToken(token));
  if (!found) return { state: 'unknown' };
  const member = await unit.staff.findById(found.staffId);
  if (!member || member.disabledAt) return { state: 'unknown' };
  if (found.usedAt) return { state: 'used' };
  if (now.getTime() >= found.expiresAt.getTime()) return { state: 'expired' };
  return { state: 'valid', member, expiresAt: found.expiresAt };
}

function linkError(state: 'expired' | 'used' | 'unknown'): DomainError {
  if (state === 'expired')
    return new DomainError(
      'expired_token',
      'Ce lien a expiré : il n’est valable que 24 heures. Demandez-en un nouveau à un administrateur.',
    );
  if (state === 'used')
    return new DomainError(
      'invalid_token',
      'Ce lien a déjà servi. Connectez-vous avec le mot de passe que vous avez choisi.',
    );
  return new DomainError('invalid_token', 'Ce lien n’est pas valide.');
}
