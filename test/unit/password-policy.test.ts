import { describe, expect, it } from 'vitest';
import { passwordFieldErrors } from '../../src/domain/accounts/credentials-form.js';
import { passwordProblem } from '../../src/domain/accounts/password-policy.js';

const email = 'jeanne.martin@exemple.fr';

describe('password policy', () => {
  it.each([
    ['', 'Indiquez un mot de passe.'],
    ['onze-caract', 'au moins 12 caractères'],
    ['x'.repeat(129), 'ne peut pas dépasser 128 caractères'],
    [email, 'ne doit pas être votre adresse électronique'],
    ['JEANNE.MARTIN@exemple.fr', 'ne doit pas être votre adresse électronique'],
    ['jeanne.martin', 'ne doit pas être votre adresse électronique'],
    ['motdepasse123', 'trop courant'],
    ['AZERTYUIOP123', 'trop courant'],
    ['aaaaaaaaaaaaaaaa', 'trop courant'],
  ])('refuses %j', (password, message) => {
    expect(passwordProblem(password, email)).toContain(message);
  });

  it.each(['une phrase assez longue', 'Tr0ub4dor&3xyz', 'été à la plage 2025', '12 caractères'])(
    'accepts %j',
    (password) => {
      expect(passwordProblem(password, email)).toBeNull();
    },
  );

  it('counts characters, not bytes: twelve accented letters are enough', () => {
    expect(passwordProblem('éèêëàâäôöûüç', email)).toBeNull();
  });

  it('asks for the same password twice', () => {
    expect(
      passwordFieldErrors('une phrase assez longue', 'une phrase assez longuE', email),
    ).toEqual({
      passwordConfirmation: 'Les deux mots de passe saisis ne sont pas identiques.',
    });
    expect(
      passwordFieldErrors('une phrase assez longue', 'une phrase assez longue', email),
    ).toEqual({});
  });
});
