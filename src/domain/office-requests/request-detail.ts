/**
 * One request as the pôle treats it: the candidate's message and requested change, the
 * registration as it is now (its current address, the locked identity), the candidate's
 * address for a reply by other means, and the answers already given.
 */
import { DomainError } from '../errors.js';
import type { Identity, Registration } from '../registrations/registration.js';
import type { StaffMember } from '../staff/ports.js';
import type { HandledRequest, OfficeRequestsContext, RequestAnswer } from './ports.js';
import { requestForStaff } from './request-access.js';

export interface RequestDetail {
  request: HandledRequest;
  registration: Registration;
  /** The identity locked for the account (the registration's own copy if none is locked). */
  identity: Identity;
  accountEmail: string | undefined;
  answers: RequestAnswer[];
}

export async function requestDetail(
  ctx: OfficeRequestsContext,
  input: { staff: StaffMember; requestId: string },
): Promise<RequestDetail> {
  return ctx.store.transaction(async (unit) => {
    const request = await requestForStaff(unit, input.staff, input.requestId);
    const registration = await unit.registrations.findById(request.registrationId);
    if (!registration) throw new DomainError('not_found', 'Cette demande n’existe pas.');
    return {
      request,
      registration,
      identity: (await unit.identities.find(request.accountId)) ?? registration.data.identity,
      accountEmail: await unit.accountEmail(request.accountId),
      answers: await unit.requests.answers(request.id),
    };
  });
}
