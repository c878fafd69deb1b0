/**
 * A candidate's file for the office: administrators, and the gestionnaires of the pôle that
 * handles the registration's specialty. Anyone else on the staff is refused; an unknown file
 * does not exist.
 */
import type { Readable } from 'node:stream';
import { deskFor, findSpecialty } from '../catalogue/catalogue.js';
import { DomainError } from '../errors.js';
import type { StaffMember } from '../staff/ports.js';
import { hasRights } from '../staff/staff-rules.js';
import type { DocumentsContext, Upload } from './ports.js';

export async function openUploadForOffice(
  ctx: DocumentsContext,
  input: { staff: StaffMember; uploadId: string },
): Promise<{ upload: Upload; content: Readable }> {
  const found = await ctx.store.transaction(async (unit) => {
    const upload = await unit.uploads.find(input.uploadId);
    const registration = upload && (await unit.registrations.findById(upload.registrationId));
    return upload && registration ? { upload, registration } : undefined;
  });
  if (!found) throw new DomainError('not_found', 'Ce fichier n’existe pas.');
  const catalogue = ctx.catalogue();
  const specialty =
    catalogue &&
    findSpecialty(catalogue, found.registration.examCode, found.registration.specialtyCode);
  const desk = catalogue && specialty ? deskFor(catalogue, specialty) : undefined;
  if (!hasRights(input.staff, { desk: desk?.code ?? '' })) {
    throw new DomainError(
      'forbidden',
      'Ce fichier concerne un pôle dont vous n’êtes pas gestionnaire.',
    );
  }
  return { upload: found.upload, content: await ctx.files.read(found.upload.storageKey) };
}
