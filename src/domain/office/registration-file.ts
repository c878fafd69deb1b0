/**
 * The office's page of one registration: every field of the current version (the lines of the
 * récapitulatif), each version with what changed from the one before, the documents with their
 * files, the candidate's requests about it and its history in the audit log. Read in one
 * transaction, after the rights check (handled-registration.ts).
 */
import type { RecordedAuditEntry } from '../audit/ports.js';
import type { Desk } from '../desks/desk.js';
import type { DocumentStatus, Upload } from '../documents/ports.js';
import { DomainError } from '../errors.js';
import type { Change, OfficeRequest, RegistrationVersion } from '../registrations/ports.js';
import {
  type SummaryLine,
  changesBetween,
  summarize,
} from '../registrations/registration-summary.js';
import type { StaffMember } from '../staff/ports.js';
import { handledRegistration } from './handled-registration.js';
import type { OfficeRegistration, RegistrationFileContext } from './registration-file-ports.js';

export interface VersionChanges {
  version: number;
  savedAt: Date;
  /** What differs from the version before; empty for the first (and for a save of the same). */
  changes: Change[];
}

export interface DocumentWithFiles {
  document: DocumentStatus;
  /** Oldest first. */
  uploads: Upload[];
}

export interface RegistrationFile {
  registration: OfficeRegistration;
  desk: Desk | undefined;
  /** The current version, as the récapitulatif lists it. */
  lines: SummaryLine[];
  /** Newest first. */
  versions: VersionChanges[];
  documents: DocumentWithFiles[];
  /** Newest first. */
  requests: OfficeRequest[];
  /** The audit entries about the registration, newest first. */
  history: RecordedAuditEntry[];
}

export async function registrationFile(
  ctx: RegistrationFileContext,
  input: { staff: StaffMember; number: string },
): Promise<RegistrationFile> {
  const catalogue = ctx.catalogue();
  if (!catalogue)
    throw new DomainError('not_found', 'Le catalogue des examens n’est pas disponible.');
  return ctx.store.transaction(async (unit) => {
    const { registration, desk } = await handledRegistration(ctx, unit, input.staff, input.number);
    const stored = await unit.registrations.listVersions(registration.id);
    const subject = (v: RegistrationVersion) => ({
      sessionCode: registration.sessionCode,
      examCode: registration.examCode,
      specialtyCode: v.specialtyCode,
      data: v.data,
    });
    const summaries = stored.map((v) => summarize(subject(v), catalogue));
    const versions = stored.map((v, i) => {
      const before = summaries[i - 1];
      const after = summaries[i];
      return {
        version: v.version,
        savedAt: v.savedAt,
        changes: before && after ? changesBetween(before, after) : [],
      };
    });
    const uploads = await unit.uploads.list(registration.id);
    const documents = (await unit.documents.list(registration.id)).map((document) => ({
      document,
      uploads: uploads.filter((u) => u.documentKey === document.key),
    }));
    return {
      registration,
      desk,
      lines: summarize(registration, catalogue),
      versions: versions.reverse(),
      documents,
      requests: await unit.registrations.listRequests(registration.id),
      history: await unit.journal.forSubject('registration', registration.id),
    };
  });
}
