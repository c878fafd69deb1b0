/**
 * « Appliquer le changement » of an address change: the address the candidate asked for (as
 * checked when they sent it) becomes the registration's contact address, as a new version made
 * by the office. Once only: the request is marked applied by a conditional update first, so a
 * double click or two gestionnaires at once apply it once. The candidate is told by mail; the
 * log keeps the versions before and after and which lines changed (the values are in the
 * versions).
 */
import { DomainError } from '../errors.js';
import type { PostalAddress } from '../registrations/registration.js';
import type { StaffMember } from '../staff/ports.js';
import { catalogueFor } from './answer-request.js';
import { saveOfficeVersion } from './office-version.js';
import type { OfficeRequestsContext } from './ports.js';
import {
  assertNotApplied,
  assertNotClosed,
  changedMeanwhile,
  requestForStaff,
} from './request-access.js';

/** The address asked for, as `requestChange` stored it (`parseAddress`'s value). */
export function requestedAddress(payload: Record<string, string>): PostalAddress {
  return {
    line1: payload.line1 ?? '',
    line2: payload.line2 ?? '',
    postalCode: payload.postalCode ?? '',
    city: payload.city ?? '',
    country: payload.country ?? '',
  };
}

export async function applyAddressChange(
  ctx: OfficeRequestsContext,
  input: { staff: StaffMember; requestId: string; clientAddress?: string | undefined },
): Promise<{ version: number }> {
  const catalogue = catalogueFor(ctx);
  return ctx.store.transaction(async (unit) => {
    const request = await requestForStaff(unit, input.staff, input.requestId);
    if (request.kind !== 'address')
      throw new DomainError('conflict', 'Cette demande n’est pas un changement d’adresse.');
    assertNotClosed(request);
    assertNotApplied(request);
    const now = ctx.clock.now();
    if (!(await unit.requests.markApplied(request.id, now))) throw changedMeanwhile();
    await unit.registrations.lockAccountRegistrations(request.accountId);
    const registration = await unit.registrations.findById(request.registrationId);
    if (!registration) throw new DomainError('not_found', 'Cette demande n’existe pas.');
    const { data } = registration;
    const { saved, changed } = await saveOfficeVersion(
      unit,
      registration,
      { ...data, contact: { ...data.contact, address: requestedAddress(request.payload) } },
      now,
      catalogue,
      { staffId: input.staff.id, clientAddress: input.clientAddress },
    );
    const email = await unit.accountEmail(request.accountId);
    if (email)
      await unit.outbox.enqueue(
        ctx.mails.applied(email, request, [saved], changed, catalogue),
        request.accountId,
        now,
      );
    await unit.audit.record({
      at: now,
      actor: { kind: 'staff', id: input.staff.id },
      action: 'registration.address_applied',
      subject: { type: 'registration', id: registration.id },
      before: { version: registration.version },
      after: { version: saved.version, request: request.id, changed },
      clientAddress: input.clientAddress,
    });
    return { version: saved.version };
  });
}
