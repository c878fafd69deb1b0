/**
 * The staff's pure rules: rights (administrators pass everything, a gestionnaire only their
 * pôles), the sealing of TOTP secrets (AES-256-GCM bound to the member, key by HKDF), TOTP
 * codes and their ±1 step window, and the optional TOTP_KEY setting.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { TOTP_KEY_LABEL, aesGcmSecretBox, deriveKey } from '../../src/domain/staff/secret-box.js';
import { hasRights } from '../../src/domain/staff/staff-rules.js';
import {
  matchTotp,
  newTotpSecret,
  totpCode,
  totpStep,
  totpUri,
} from '../../src/domain/staff/totp.js';
import { totpAt } from '../support/staff.js';

const member = (role: StaffMember['role'], desks: string[] = []): StaffMember => ({
  id: 'id',
  email: 'a@ac-poitiers.fr',
  name: 'A',
  role,
  desks,
  passwordHash: null,
  totpSecret: null,
  totpConfirmedAt: null,
  totpLastStep: null,
  createdAt: new Date(0),
  disabledAt: null,
});

describe('staff rights', () => {
  it('lets an administrator do everything', () => {
    const admin = member('admin');
    expect(hasRights(admin)).toBe(true);
    expect(hasRights(admin, { role: 'admin' })).toBe(true);
    expect(hasRights(admin, { desk: 'bac-pro' })).toBe(true);
  });

  it('lets a gestionnaire act on their pôles only, never as an administrator', () => {
    const g = member('gestionnaire', ['bac-pro', 'sah']);
    expect(hasRights(g)).toBe(true);
    expect(hasRights(g, { desk: 'sah' })).toBe(true);
    expect(hasRights(g, { desk: 'industriel-tertiaire' })).toBe(false);
    expect(hasRights(g, { role: 'admin' })).toBe(false);
    expect(hasRights(g, { role: 'gestionnaire', desk: 'bac-pro' })).toBe(true);
  });

  it('gives a disabled member nothing', () => {
    expect(hasRights({ ...member('admin'), disabledAt: new Date(0) })).toBe(false);
  });
});

describe('sealed TOTP secrets', () => {
  const box = aesGcmSecretBox(deriveKey('a session secret of at least 32 chars', TOTP_KEY_LABEL));

  it('opens what it sealed, for the same member only', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'member-1');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'member-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'member-2')).toThrow();
    expect(box.seal('JBSWY3DPEHPK3PXP', 'member-1')).not.toBe(sealed); // a new IV each time
  });

  it('does not open with another key, nor a tampered text', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'member-1');
    const other = aesGcmSecretBox(
      deriveKey('another secret of at least 32 characters', TOTP_KEY_LABEL),
    );
    expect(() => other.open(sealed, 'member-1')).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    expect(() => box.open(`v1.${bytes.toString('base64url')}`, 'member-1')).toThrow();
  });

  it('derives different keys for different labels', () => {
    expect(deriveKey('s'.repeat(32), 'a').equals(deriveKey('s'.repeat(32), 'b'))).toBe(false);
    expect(deriveKey('s'.repeat(32), 'a')).toHaveLength(32);
  });
});

describe('TOTP codes (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it('matches the RFC 6238 test vector (SHA-1, T = 59 s)', () => {
    // The RFC's secret "12345678901234567890" in base32; its 8-digit code 94287082 → 287082.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(secret, new Date(59_000))).toBe('287082');
    expect(totpAt(secret, new Date(59_000))).toBe('287082');
  });

  it('accepts the step before, the step and the step after, and tells which', () => {
    const secret = newTotpSecret();
    const now = new Date('2024-11-13T10:00:15Z');
    const step = totpStep(now);
    expect(matchTotp(secret, totpAt(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(matchTotp(secret, totpAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(matchTotp(secret, totpAt(secret, new Date(now.getTime() - 60_000)), now)).toBeNull();
    expect(matchTotp(secret, '12345', now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
  });

  it('writes the otpauth URI apps scan', () => {
    const uri = new URL(totpUri('JBSWY3DPEHPK3PXP', 'a@ac-poitiers.fr', 'Académie de Poitiers'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
    expect(uri.searchParams.get('issuer')).toBe('Académie de Poitiers');
  });
});

describe('TOTP_KEY', () => {
  it('is optional, and refused when shorter than 32 characters', () => {
    expect(loadConfig({}, {}, { serve: false }).totpKey).toBeUndefined();
    expect(loadConfig({ TOTP_KEY: 't'.repeat(32) }, {}, { serve: false }).totpKey).toBe(
      't'.repeat(32),
    );
    expect(() => loadConfig({ TOTP_KEY: 'court' }, {}, { serve: false })).toThrow(
      /Invalid configuration: TOTP_KEY/,
    );
  });
});
