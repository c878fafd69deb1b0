/**
 * The deadlines of the account life-cycle, as the notice states them: an activation link is
 * good for 48 hours counted from the account's creation (a new mail does not restart them),
 * after which the account is deleted; a password-reset link is good for one hour.
 */
import { HOUR_MS } from '../clock.js';

export const ACTIVATION_PERIOD_MS = 48 * HOUR_MS;
export const RESET_LINK_PERIOD_MS = 1 * HOUR_MS;
/** A link confirming a new email address: 48 hours from the request, as long as activation. */
export const EMAIL_CHANGE_LINK_PERIOD_MS = ACTIVATION_PERIOD_MS;
export const SESSION_PERIOD_MS = 12 * HOUR_MS;

/** The instant at which an account created at `createdAt` stops being activatable. */
export function activationDeadline(createdAt: Date): Date {
  return new Date(createdAt.getTime() + ACTIVATION_PERIOD_MS);
}

/** True while the account may still be activated: strictly before the 48th hour. */
export function canStillActivate(createdAt: Date, now: Date): boolean {
  return now.getTime() < activationDeadline(createdAt).getTime();
}

/** Accounts created at or before this instant and never activated are due for deletion. */
export function purgeCutoff(now: Date): Date {
  return new Date(now.getTime() - ACTIVATION_PERIOD_MS);
}
