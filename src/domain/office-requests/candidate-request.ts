/**
 * A request as its candidate follows it: what they sent, its state, the pôle's answers. Another
 * candidate's request is answered like one that does not exist. The names of the staff who
 * answered stay in the office: the candidate deals with the pôle.
 */
import { DomainError } from '../errors.js';
import type { Registration } from '../registrations/registration.js';
import type { HandledRequest, OfficeRequestsContext } from './ports.js';

export interface CandidateRequest {
  request: HandledRequest;
  registration: Registration;
  answers: { answer: string; answeredAt: Date }[];
}

export async function candidateRequest(
  ctx: OfficeRequestsContext,
  input: { accountId: string; requestId: string },
): Promise<CandidateRequest> {
  return ctx.store.read(async (unit) => {
    const request = await unit.requests.find(input.requestId);
    const registration = request && (await unit.registrations.findById(request.registrationId));
    if (!request || !registration || request.accountId !== input.accountId)
      throw new DomainError('not_found', 'Cette demande n’existe pas.');
    const answers = await unit.requests.answers(request.id);
    return {
      request,
      registration,
      answers: answers.map((a) => ({ answer: a.answer, answeredAt: a.answeredAt })),
    };
  });
}
