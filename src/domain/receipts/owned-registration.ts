/**
 * The registration `number` if it belongs to `accountId`: another candidate's registration is
 * answered exactly like one that does not exist, so numbers cannot be probed.
 */
import { DomainError } from '../errors.js';
import type { RegistrationsUnit } from '../registrations/ports.js';
import type { Registration } from '../registrations/registration.js';

export async function ownedRegistration(
  unit: RegistrationsUnit,
  accountId: string,
  number: string,
): Promise<Registration> {
  const registration = await unit.registrations.findByNumber(number);
  if (!registration || registration.accountId !== accountId)
    throw new DomainError('not_found', 'Cette inscription n’existe pas.');
  return registration;
}
