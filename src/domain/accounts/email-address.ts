/**
 * Email addresses are trimmed and compared case-insensitively: the stored form is lower case,
 * so "Marie.Dupont@Example.fr " and "marie.dupont@example.fr" are one account.
 */
const MAX_LENGTH = 254;
// Deliberately simple (RFC 5321 local part without quotes, a dotted domain with a TLD): it
// refuses what no mail server would deliver, and the activation mail proves the rest.
const SHAPE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Returns a French message when the address cannot be one, or null when it can. */
export function emailProblem(normalized: string): string | null {
  if (normalized.length === 0) return 'Indiquez votre adresse électronique.';
  if (normalized.length > MAX_LENGTH)
    return `L’adresse électronique ne peut pas dépasser ${MAX_LENGTH} caractères.`;
  const [local = ''] = normalized.split('@');
  if (
    !SHAPE.test(normalized) ||
    local.length > 64 ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..')
  ) {
    return 'L’adresse électronique n’est pas valide. Exemple : prenom.nom@exemple.fr';
  }
  return null;
}
