/**
 * Staff sessions: a random token in the `candidat_gestion` cookie, its SHA-256 in the
 * `staff_sessions` table (never the candidates' `sessions`). A session is first at the
 * `password` stage (10 minutes to give the code), then a new one at `signed-in` (8 hours):
 * the token changes when the second factor passes, so a token seen before it is worthless.
 */
import { hashToken, looksLikeToken, newSecretToken } from '../accounts/secret-token.js';
import type {
  StaffContext,
  StaffMember,
  StaffSessionRepository,
  StaffSessionStage,
} from './ports.js';
import { SECOND_FACTOR_PERIOD_MS, STAFF_SESSION_PERIOD_MS } from './staff-rules.js';

export async function openStaffSession(
  sessions: StaffSessionRepository,
  staffId: string,
  stage: StaffSessionStage,
  now: Date,
): Promise<string> {
  const token = newSecretToken();
  const period = stage === 'signed-in' ? STAFF_SESSION_PERIOD_MS : SECOND_FACTOR_PERIOD_MS;
  await sessions.insert({
    idHash: hashToken(token),
    staffId,
    stage,
    createdAt: now,
    expiresAt: new Date(now.getTime() + period),
  });
  return token;
}

/** The enabled member behind a session cookie at `stage`, or nobody. */
export async function staffBehind(
  ctx: StaffContext,
  token: unknown,
  stage: StaffSessionStage,
): Promise<StaffMember | undefined> {
  if (!looksLikeToken(token)) return undefined;
  return ctx.store.transaction(async (unit) => {
    const session = await unit.sessions.findActive(hashToken(token), ctx.clock.now());
    if (!session || session.stage !== stage) return undefined;
    const member = await unit.staff.findById(session.staffId);
    return member && !member.disabledAt ? member : undefined;
  });
}

/** Who is signed in to the office (both factors passed), or nobody. */
export function currentStaff(ctx: StaffContext, token: unknown): Promise<StaffMember | undefined> {
  return staffBehind(ctx, token, 'signed-in');
}

/** « Se déconnecter »: the session's row goes, so the cookie is worthless even if kept. */
export async function signOutStaff(
  ctx: StaffContext,
  token: unknown,
  clientAddress: string,
): Promise<void> {
  if (!looksLikeToken(token)) return;
  await ctx.store.transaction(async (unit) => {
    const now = ctx.clock.now();
    const session = await unit.sessions.findActive(hashToken(token), now);
    await unit.sessions.delete(hashToken(token));
    if (session?.stage === 'signed-in')
      await unit.audit.record({
        at: now,
        actor: { kind: 'staff', id: session.staffId },
        action: 'staff.signed_out',
        subject: { type: 'staff', id: session.staffId },
        clientAddress,
      });
  });
}
