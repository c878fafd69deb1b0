/**
 * Links sent by mail and session cookies carry a random secret; the database keeps only its
 * SHA-256, so a copy of the database lets nobody activate, reset or sign in as anyone.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token we issued is 43 base64url characters; anything else is refused before any lookup. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
