/**
 * Opening a session is part of activation, sign-in and password reset: a new random token
 * for the cookie, its hash in the database, so several app nodes share sessions.
 */
import { SESSION_PERIOD_MS } from './account-rules.js';
import type { SessionRepository } from './ports.js';
import { hashToken, newSecretToken } from './secret-token.js';

export async function openSession(
  sessions: SessionRepository,
  accountId: string,
  now: Date,
): Promise<string> {
  const token = newSecretToken();
  await sessions.insert({
    idHash: hashToken(token),
    accountId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_PERIOD_MS),
  });
  return token;
}
