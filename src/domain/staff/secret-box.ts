/**
 * Small secrets at rest (the staff's TOTP secrets) are sealed with AES-256-GCM. The key is
 * derived from SESSION_SECRET by HKDF-SHA256 with a label of its own, so one configured
 * secret serves several purposes without one key ever doing two jobs. The member's id is the
 * additional data: a sealed secret copied onto another row does not open.
 * Format: `v1.` + base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretBox } from './ports.js';

export const TOTP_KEY_LABEL = 'candidat/staff-totp-secret/aes-256-gcm/v1';

/** A 32-byte key for `label`, derived from the configured secret. */
export function deriveKey(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), label, 32));
}

export function aesGcmSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    open(sealed, context) {
      if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format');
      const bytes = Buffer.from(sealed.slice(3), 'base64url');
      if (bytes.length < 12 + 16) throw new Error('sealed text too short');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(12, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
