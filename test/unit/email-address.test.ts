import { describe, expect, it } from 'vitest';
import { emailProblem, normalizeEmail } from '../../src/domain/accounts/email-address.js';

describe('email addresses', () => {
  it('are trimmed and compared in lower case', () => {
    expect(normalizeEmail('  Marie.Dupont@Example.FR \t')).toBe('marie.dupont@example.fr');
  });

  it.each([
    'marie.dupont@exemple.fr',
    'm+inscription@sous.domaine.gouv.fr',
    "o'neil@exemple.ie",
    'a@b.co',
  ])('accept %s', (email) => {
    expect(emailProblem(email)).toBeNull();
  });

  it.each([
    ['', 'Indiquez votre adresse électronique.'],
    ['marie.dupont', 'n’est pas valide'],
    ['marie dupont@exemple.fr', 'n’est pas valide'],
    ['marie@@exemple.fr', 'n’est pas valide'],
    ['marie@exemple', 'n’est pas valide'],
    ['.marie@exemple.fr', 'n’est pas valide'],
    ['marie..dupont@exemple.fr', 'n’est pas valide'],
    ['marie\u0000@exemple.fr', 'n’est pas valide'],
    ['marie@exemple.fr\nbcc:x@y.fr', 'n’est pas valide'],
    [`${'a'.repeat(65)}@exemple.fr`, 'n’est pas valide'],
    [`a@${'b'.repeat(250)}.fr`, 'ne peut pas dépasser 254 caractères'],
  ])('refuse %j', (email, message) => {
    expect(emailProblem(email)).toContain(message);
  });
});
