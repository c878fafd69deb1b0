/**
 * Time-based one-time passwords (RFC 6238) with the `otpauth` package: SHA-1, 6 digits,
 * 30-second steps, as every authenticator app reads them. A code is accepted in its own step
 * or the one before or after (clock drift); the caller refuses a step already used.
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD_SECONDS = 30;
const WINDOW = 1;

/** A new random 160-bit secret, in base32 (what apps take for manual entry). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = 'gestion', issuer = 'Candidat'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The `otpauth://totp/…` URI an app scans from the QR code. */
export function totpUri(secretBase32: string, label: string, issuer: string): string {
  return totp(secretBase32, label, issuer).toString();
}

/** The time step (30-second counter) of `now`. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/** The code of `secret` at `now` (tests, and nothing else, compute codes). */
export function totpCode(secretBase32: string, now: Date): string {
  return totp(secretBase32).generate({ timestamp: now.getTime() });
}

/** The step `code` belongs to, within ±1 step of `now`; null when it matches none. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({
    token: code,
    timestamp: now.getTime(),
    window: WINDOW,
  });
  return delta === null ? null : totpStep(now) + delta;
}
