/**
 * A request to the office about a registration, routed to the pôle that handles its exam and
 * specialty: an identity correction (identity is locked once registered), or an address
 * change after the close (before it, the candidate edits the registration), or a question.
 * The candidate gets a mail saying where it went; the pôle answers from its inbox. The audit log
 * gets the request's id and kind, not its text (which stays in the request itself).
 */
import { randomUUID } from 'node:crypto';
import { deskFor, findWindow } from '../catalogue/catalogue.js';
import { windowState } from '../catalogue/registration-window.js';
import { DomainError, validationError } from '../errors.js';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../free-text.js';
import { currentCatalogue } from './current-catalogue.js';
import { catalogueEntries } from './draft-validation.js';
import type { OfficeRequest, RegistrationsContext, RequestKind } from './ports.js';
import { type RawFields, parseAddress } from './registration-form.js';

export interface RequestChangeInput {
  accountId: string;
  accountEmail: string;
  registrationNumber: string;
  kind: RequestKind;
  message: string;
  /** For an address change: the address fields, as on the registration form. */
  address?: RawFields;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

const MAX_MESSAGE = 2000;

export async function requestChange(
  ctx: RegistrationsContext,
  input: RequestChangeInput,
): Promise<OfficeRequest> {
  const catalogue = currentCatalogue(ctx);
  const message = input.message.trim();
  const errors: Record<string, string> = {};
  let payload: Record<string, string> = {};
  if (input.kind === 'address') {
    const { value, errors: addressErrors } = parseAddress(input.address ?? {});
    Object.assign(errors, addressErrors);
    payload = { ...value };
  } else if (!message) {
    errors.message =
      input.kind === 'identity'
        ? 'Indiquez la correction demandée et sa raison.'
        : 'Écrivez votre message.';
  }
  if ([...message].length > MAX_MESSAGE)
    errors.message = `Le message ne peut pas dépasser ${MAX_MESSAGE} caractères.`;
  else if (hasControlCharacters(message)) errors.message = CONTROL_CHARACTERS_MESSAGE;
  if (Object.keys(errors).length > 0) throw validationError(errors);

  return ctx.store.transaction(async (unit) => {
    const registration = await unit.registrations.findByNumber(input.registrationNumber);
    if (!registration || registration.accountId !== input.accountId)
      throw new DomainError('not_found', 'Cette inscription n’existe pas.');
    const now = ctx.clock.now();
    const window = findWindow(catalogue, registration.sessionCode, registration.examCode);
    if (input.kind === 'address' && window && windowState(window, now) === 'open') {
      throw new DomainError(
        'conflict',
        'Les inscriptions sont encore ouvertes : modifiez directement votre adresse dans votre inscription.',
      );
    }
    const { specialty } = catalogueEntries(
      catalogue,
      registration.sessionCode,
      registration.examCode,
      registration.specialtyCode,
    );
    const desk = deskFor(catalogue, specialty);
    if (!desk)
      throw new DomainError(
        'not_found',
        'Aucun pôle ne gère cet examen : contactez le service des examens.',
      );
    const request: OfficeRequest = {
      id: randomUUID(),
      accountId: input.accountId,
      registrationId: registration.id,
      deskCode: desk.code,
      kind: input.kind,
      message,
      payload,
      state: 'open',
      createdAt: now,
      answer: null,
      answeredAt: null,
    };
    await unit.requests.insert(request);
    await unit.outbox.enqueue(
      ctx.mails.requestReceived(input.accountEmail, request, registration, catalogue),
      input.accountId,
      now,
    );
    await unit.audit.record({
      at: now,
      actor: { kind: 'candidate', id: input.accountId },
      action: 'request.sent',
      subject: { type: 'registration', id: registration.id },
      before: null,
      after: { request: request.id, kind: request.kind },
      clientAddress: input.clientAddress,
    });
    return request;
  });
}
