/**
 * What a candidate's password must be: 12 characters or more (ANSSI and OWASP advise length
 * over composition rules), at most 128 so hashing stays bounded, not the email address, not a
 * single repeated character, and not one of the common long passwords.
 */
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Returns a French message when the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, normalizedEmail: string): string | null {
  const length = [...password].length;
  if (length === 0) return 'Indiquez un mot de passe.';
  if (length < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Le mot de passe ne peut pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`;
  }
  const lower = password.toLowerCase();
  const local = normalizedEmail.split('@')[0] ?? '';
  if (lower === normalizedEmail || (local.length >= 4 && lower === local)) {
    return 'Le mot de passe ne doit pas être votre adresse électronique.';
  }
  if (/^(.)\1+$/u.test(password) || COMMON_PASSWORDS.has(lower)) {
    return 'Ce mot de passe est trop courant. Choisissez-en un autre, par exemple une phrase de plusieurs mots.';
  }
  return null;
}
