/**
 * « Répondre »: the pôle's answer is kept with the request (every answer, the latest shown
 * first to the candidate), mailed to the candidate in the same transaction, and logged (its id:
 * the text stays in the request, not in the log nothing may correct). A closed request takes
 * no more answers.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { DomainError, validationError } from '../errors.js';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../free-text.js';
import type { StaffMember } from '../staff/ports.js';
import type {
  HandledRequest,
  OfficeRequestsContext,
  OfficeRequestsUnit,
  RequestAnswer,
} from './ports.js';
import { assertNotClosed, changedMeanwhile, requestForStaff } from './request-access.js';

export const MAX_ANSWER = 2000;

export interface AnswerInput {
  staff: StaffMember;
  requestId: string;
  answer: string;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

/** The answer as it will be kept: line ends unified, spaces around trimmed; 422 when unusable. */
export function checkAnswer(text: string, required: boolean): string {
  const answer = text.replace(/\r\n?/g, '\n').trim();
  if (!answer && required) throw validationError({ answer: 'Écrivez votre réponse.' });
  if ([...answer].length > MAX_ANSWER)
    throw validationError({
      answer: `La réponse ne peut pas dépasser ${MAX_ANSWER} caractères.`,
    });
  if (hasControlCharacters(answer)) throw validationError({ answer: CONTROL_CHARACTERS_MESSAGE });
  return answer;
}

/** The catalogue the mails describe registrations with. */
export function catalogueFor(ctx: OfficeRequestsContext): Catalogue {
  const catalogue = ctx.catalogue();
  if (!catalogue) throw new DomainError('not_found', 'Le catalogue des examens n’est pas chargé.');
  return catalogue;
}

export async function answerRequest(
  ctx: OfficeRequestsContext,
  input: AnswerInput,
): Promise<RequestAnswer> {
  const text = checkAnswer(input.answer, true);
  const catalogue = catalogueFor(ctx);
  return ctx.store.transaction(async (unit) => {
    const request = await requestForStaff(unit, input.staff, input.requestId);
    assertNotClosed(request);
    return recordAnswer(ctx, unit, {
      request,
      staff: input.staff,
      text,
      catalogue,
      clientAddress: input.clientAddress,
    });
  });
}

/** Keeps, mails and logs one answer to an open request, inside the caller's transaction. */
export async function recordAnswer(
  ctx: OfficeRequestsContext,
  unit: OfficeRequestsUnit,
  input: {
    request: HandledRequest;
    staff: StaffMember;
    text: string;
    catalogue: Catalogue;
    clientAddress: string | undefined;
  },
): Promise<RequestAnswer> {
  const { request } = input;
  const now = ctx.clock.now();
  const given = { answer: input.text, answeredAt: now, answeredBy: input.staff.id };
  const id = await unit.requests.answer(request.id, given);
  if (!id) throw changedMeanwhile();
  const answer: RequestAnswer = { ...given, id, answeredByName: input.staff.name };
  const registration = await unit.registrations.findById(request.registrationId);
  const email = await unit.accountEmail(request.accountId);
  if (registration && email)
    await unit.outbox.enqueue(
      ctx.mails.answered(email, request, registration, answer, input.catalogue),
      request.accountId,
      now,
    );
  await unit.audit.record({
    at: now,
    actor: { kind: 'staff', id: input.staff.id },
    action: 'request.answered',
    subject: { type: 'registration', id: request.registrationId },
    before: { request: request.id, state: request.state },
    after: { request: request.id, state: 'answered', answer: answer.id },
    clientAddress: input.clientAddress,
  });
  return answer;
}
