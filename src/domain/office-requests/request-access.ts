/**
 * Who may see and act on a request: administrators, and the gestionnaires of the pôle it was
 * routed to when the candidate sent it (`desk_code`, kept: a later change of the catalogue
 * does not move requests already in an inbox). What can still be done on it: nothing once
 * closed.
 */
import { DomainError } from '../errors.js';
import type { StaffMember } from '../staff/ports.js';
import { hasRights } from '../staff/staff-rules.js';
import { formatParisDateTime } from '../time/paris-time.js';
import type { HandledRequest, OfficeRequestsUnit } from './ports.js';

export async function requestForStaff(
  unit: OfficeRequestsUnit,
  staff: StaffMember,
  requestId: string,
): Promise<HandledRequest> {
  const request = await unit.requests.find(requestId);
  if (!request) throw new DomainError('not_found', 'Cette demande n’existe pas.');
  if (!hasRights(staff, { desk: request.deskCode }))
    throw new DomainError(
      'forbidden',
      'Cette demande concerne un pôle dont vous n’êtes pas gestionnaire.',
    );
  return request;
}

export function assertNotClosed(request: HandledRequest): void {
  if (request.state === 'closed')
    throw new DomainError(
      'conflict',
      'Cette demande est close : elle ne peut plus recevoir de réponse ni de modification.',
    );
}

/** A change is applied once: a second « Appliquer » (a double click, a colleague) is refused. */
export function assertNotApplied(request: HandledRequest): void {
  if (request.appliedAt)
    throw new DomainError(
      'conflict',
      `Le changement demandé a déjà été appliqué le ${formatParisDateTime(request.appliedAt)}.`,
    );
}

/** A close or an answer that landed between reading the request and writing to it. */
export function changedMeanwhile(): DomainError {
  return new DomainError(
    'conflict',
    'Cette demande vient d’être traitée par quelqu’un d’autre : rechargez la page.',
  );
}
