/**
 * The staff's deadlines, rate limits and rights. A setup link is good for 24 hours and once;
 * after the password, the second factor must follow within 10 minutes; a signed-in session
 * lasts 8 hours (a working day), after which both factors are asked again.
 */
import type { RateLimitRule } from '../accounts/ports.js';
import { HOUR_MS } from '../clock.js';
import type { StaffMember, StaffRole } from './ports.js';

const MINUTE = 60_000;

export const SETUP_LINK_PERIOD_MS = 24 * HOUR_MS;
export const SECOND_FACTOR_PERIOD_MS = 10 * MINUTE;
export const STAFF_SESSION_PERIOD_MS = 8 * HOUR_MS;

/**
 * Counted with the candidates' mechanism (accounts/rate-limits.ts), in buckets of their own.
 * Staff are few and sign in once a day: the per-account figures are tighter than candidates'.
 */
export const STAFF_RATE_LIMITS = {
  signInByAddress: { bucket: 'staff-sign-in:address', limit: 30, windowMs: 15 * MINUTE },
  signInByAccount: { bucket: 'staff-sign-in:account', limit: 10, windowMs: 15 * MINUTE },
  codeByAddress: { bucket: 'staff-code:address', limit: 30, windowMs: 15 * MINUTE },
  codeByAccount: { bucket: 'staff-code:account', limit: 10, windowMs: 15 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export const ROLE_LABELS: Record<StaffRole, string> = {
  admin: 'Administrateur',
  gestionnaire: 'Gestionnaire',
};

export interface StaffRequirement {
  /** Only this role passes (administrators pass every requirement anyway). */
  role?: StaffRole;
  /** Only gestionnaires of this pôle (desk code) pass. */
  desk?: string;
}

/** Whether `member` may do what `need` describes: administrators may do everything. */
export function hasRights(member: StaffMember, need: StaffRequirement = {}): boolean {
  if (member.disabledAt) return false;
  if (member.role === 'admin') return true;
  if (need.role && need.role !== member.role) return false;
  if (need.desk !== undefined && !member.desks.includes(need.desk)) return false;
  return true;
}
