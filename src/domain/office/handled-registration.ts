/**
 * A registration as the office may open it: administrators, and the gestionnaires of the pôle
 * that handles its exam and specialty (the specialty's pôle, see `deskFor`). Anyone else on the
 * staff is refused in French (403); an unknown number does not exist (404). A registration
 * whose specialty left the catalogue has no pôle: only administrators may open it.
 */
import { deskFor, findSpecialty } from '../catalogue/catalogue.js';
import type { Desk } from '../desks/desk.js';
import { DomainError } from '../errors.js';
import type { StaffMember } from '../staff/ports.js';
import { hasRights } from '../staff/staff-rules.js';
import type {
  OfficeRegistration,
  RegistrationFileContext,
  RegistrationFileUnit,
} from './registration-file-ports.js';

export async function handledRegistration(
  ctx: RegistrationFileContext,
  unit: RegistrationFileUnit,
  staff: StaffMember,
  number: string,
): Promise<{ registration: OfficeRegistration; desk: Desk | undefined }> {
  const registration = await unit.registrations.findByNumber(number);
  if (!registration) throw new DomainError('not_found', 'Cette inscription n’existe pas.');
  const catalogue = ctx.catalogue();
  const specialty =
    catalogue && findSpecialty(catalogue, registration.examCode, registration.specialtyCode);
  const desk = catalogue && specialty ? deskFor(catalogue, specialty) : undefined;
  if (!hasRights(staff, { desk: desk?.code ?? '' }))
    throw new DomainError(
      'forbidden',
      'Cette inscription relève d’un pôle dont vous n’êtes pas gestionnaire.',
    );
  return { registration, desk };
}
