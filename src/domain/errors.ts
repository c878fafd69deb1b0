/**
 * Every refusal of a use case is a DomainError with a stable `code`; the web layer maps the
 * code to an HTTP status and shows `message`, which is written for the candidate, in French.
 */
export type DomainErrorCode =
  | 'validation' // a field is wrong: 422, the form is shown again with `fieldErrors`
  | 'invalid_token' // a link that is forged, already used or unknown: 400
  | 'expired_token' // a genuine link past its validity: 410
  | 'bad_credentials' // sign-in refused without saying which part is wrong: 401
  | 'account_not_active' // right password, account not activated yet: 403
  | 'rate_limited' // too many attempts: 429, with `retryAt`
  | 'window_closed' // the registration window has closed: 409, whatever the form says
  | 'window_not_open' // the registration window has not opened yet: 409
  | 'conflict' // the thing already exists or changed meanwhile: 409
  | 'not_found' // 404
  | 'forbidden' // 403
  | 'too_large' // an uploaded file over the size limit: 413
  | 'unsupported_media'; // an uploaded file whose content is not an accepted type: 415

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: {
      fieldErrors?: Record<string, string>;
      retryAt?: Date;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function validationError(fieldErrors: Record<string, string>): DomainError {
  return new DomainError('validation', 'Le formulaire contient des erreurs.', { fieldErrors });
}
