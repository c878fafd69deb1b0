/**
 * The checks shared by every form that sets a password (account creation, reset): the policy,
 * and the confirmation typed twice. Messages are the French ones shown next to the fields.
 */
import { passwordProblem } from './password-policy.js';

export function passwordFieldErrors(
  password: string,
  confirmation: string,
  normalizedEmail: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const problem = passwordProblem(password, normalizedEmail);
  if (problem) errors.password = problem;
  else if (password !== confirmation) {
    errors.passwordConfirmation = 'Les deux mots de passe saisis ne sont pas identiques.';
  }
  return errors;
}
