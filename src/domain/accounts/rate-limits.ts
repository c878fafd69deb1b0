/**
 * How many attempts get through, per client address and per account (the email typed). The
 * counters live in the database, so every app node shares them. The figures leave room for a
 * family or a school sharing one address, and stop a password guesser after a few tries.
 */
import { DomainError } from '../errors.js';
import type { RateLimitRule, RateLimiter } from './ports.js';
import { hashToken } from './secret-token.js';

const MINUTE = 60_000;

export const RATE_LIMITS = {
  signInByAddress: { bucket: 'sign-in:address', limit: 30, windowMs: 15 * MINUTE },
  signInByAccount: { bucket: 'sign-in:account', limit: 10, windowMs: 15 * MINUTE },
  createByAddress: { bucket: 'create:address', limit: 20, windowMs: 60 * MINUTE },
  createByAccount: { bucket: 'create:account', limit: 3, windowMs: 60 * MINUTE },
  mailByAddress: { bucket: 'mail-request:address', limit: 20, windowMs: 60 * MINUTE },
  mailByAccount: { bucket: 'mail-request:account', limit: 3, windowMs: 60 * MINUTE },
} satisfies Record<string, RateLimitRule>;

/**
 * Counts one attempt against each rule and refuses with the latest instant at which all of
 * them allow again. Subjects are hashed: the counters hold no address or email in clear.
 */
export async function enforceRateLimits(
  limiter: RateLimiter,
  now: Date,
  checks: ReadonlyArray<readonly [RateLimitRule, string]>,
): Promise<void> {
  let retryAt: Date | null = null;
  for (const [rule, subject] of checks) {
    const result = await limiter.hit(rule, hashToken(subject), now);
    if (!result.allowed && (!retryAt || result.retryAt > retryAt)) retryAt = result.retryAt;
  }
  if (retryAt) {
    throw new DomainError('rate_limited', 'Trop de tentatives en peu de temps.', { retryAt });
  }
}
