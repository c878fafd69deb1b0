/**
 * The office's server-side guard. Every /gestion route runs in the office scope, whose hook
 * resolves `request.staff` from the `candidat_gestion` cookie (staff sessions only: a
 * candidate's cookie never opens them) and refuses, before the handler, any route not marked
 * `officePublic` when nobody is signed in. Handlers then call `requireStaff(request, need)`
 * for their role or pôle: no session → 303 to /gestion/connexion; a gestionnaire outside
 * their rights → 403 French page; an administrator passes everything.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import type { StaffMember, StaffSessionStage } from '../../../domain/staff/ports.js';
import {
  SECOND_FACTOR_PERIOD_MS,
  STAFF_SESSION_PERIOD_MS,
  type StaffRequirement,
  hasRights,
} from '../../../domain/staff/staff-rules.js';
import { CSRF_COOKIE } from '../../plugins/page-context.js';
import type { WebDeps } from '../../web-deps.js';

export const STAFF_COOKIE = 'candidat_gestion';
/** The cookie goes only to the office's pages. */
export const OFFICE_PATH = '/gestion';
export const OFFICE_SIGN_IN = '/gestion/connexion';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member (both factors passed), on the office's routes only. */
    staff: StaffMember | undefined;
  }
  interface FastifyContextConfig {
    /** An office route that works without a staff session (sign-in, setup link). */
    officePublic?: boolean;
  }
}

/** Thrown when an office page is asked for without a staff session: answered by a 303. */
export class StaffSignInRequired extends Error {
  constructor() {
    super('staff sign-in required');
    this.name = 'StaffSignInRequired';
  }
}

export function requireStaff(request: FastifyRequest, need: StaffRequirement = {}): StaffMember {
  const staff = request.staff;
  if (!staff) throw new StaffSignInRequired();
  if (!hasRights(staff, need))
    throw new DomainError(
      'forbidden',
      need.role === 'admin'
        ? 'Cette page est réservée aux administrateurs.'
        : 'Cette page concerne un pôle dont vous n’êtes pas gestionnaire.',
    );
  return staff;
}

export function setStaffCookie(
  deps: WebDeps,
  reply: FastifyReply,
  token: string,
  stage: StaffSessionStage,
): void {
  reply.setCookie(STAFF_COOKIE, token, {
    path: OFFICE_PATH,
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.secure,
    maxAge: (stage === 'signed-in' ? STAFF_SESSION_PERIOD_MS : SECOND_FACTOR_PERIOD_MS) / 1000,
  });
  // A new CSRF secret with each new session: a token from before is worthless after.
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function clearStaffCookie(reply: FastifyReply): void {
  reply.clearCookie(STAFF_COOKIE, { path: OFFICE_PATH });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}
