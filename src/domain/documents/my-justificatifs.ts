/**
 * « Mes justificatifs »: the documents a registration requires, each with why it is asked, its
 * state and its files, what the candidate may do now (add, remove, declare the file complete),
 * what is still missing before the declaration, and when the file was declared complete (or
 * when a new version lifted that declaration).
 */
import type { RegistrationWindow } from '../catalogue/catalogue.js';
import { windowState } from '../catalogue/registration-window.js';
import type { Registration } from '../registrations/registration.js';
import type { DocumentStatus, DocumentsContext, Upload } from './ports.js';
import {
  MAX_FILES_PER_DOCUMENT,
  filesChangeable,
  isReopened,
  missingDocuments,
  ownRegistration,
} from './upload-rules.js';

export interface Justificatif {
  document: DocumentStatus;
  uploads: Upload[];
  /** The office reopened it after a refusal: files may change until `document.reopenedUntil`. */
  reopened: boolean;
  /** Files may be removed now. */
  changeable: boolean;
  /** A file may be added now (changeable, and room for one more). */
  canAdd: boolean;
}

export interface MyJustificatifs {
  registration: Registration;
  window: RegistrationWindow | undefined;
  documents: Justificatif[];
  completeDeclaredAt: Date | null;
  /** A new version asked for a document with no file and lifted the declaration then. */
  declarationLiftedAt: Date | null;
  /** What is still to provide: awaited, or refused (a new file needed), in order. */
  missing: DocumentStatus[];
  /** Nothing asked is missing. */
  allProvided: boolean;
  /** « J'ai fourni toutes mes pièces » may be pressed now. */
  canDeclare: boolean;
  maxUploadBytes: number;
}

export async function myJustificatifs(
  ctx: DocumentsContext,
  input: { accountId: string; registrationNumber: string },
): Promise<MyJustificatifs> {
  return ctx.store.read(async (unit) => {
    const registration = await ownRegistration(unit, input.registrationNumber, input.accountId);
    const window = await unit.findWindow(registration.sessionCode, registration.examCode);
    const completeDeclaredAt = await unit.registrations.completeDeclaredAt(registration.id);
    const now = ctx.clock.now();
    const uploads = await unit.uploads.list(registration.id);
    const required = (await unit.documents.list(registration.id)).filter((d) => d.required);
    const documents = required.map((document): Justificatif => {
      const files = uploads.filter((u) => u.documentKey === document.key);
      const changeable = filesChangeable(document, completeDeclaredAt, window, now);
      return {
        document,
        uploads: files,
        reopened: isReopened(document, now),
        changeable,
        canAdd:
          changeable &&
          (document.multipleFiles ? files.length < MAX_FILES_PER_DOCUMENT : files.length === 0),
      };
    });
    const missing = missingDocuments(required);
    const allProvided = missing.length === 0;
    return {
      registration,
      window,
      documents,
      completeDeclaredAt,
      declarationLiftedAt: await unit.registrations.declarationLiftedAt(registration.id),
      missing,
      allProvided,
      canDeclare:
        allProvided &&
        completeDeclaredAt === null &&
        window !== undefined &&
        windowState(window, now) === 'open',
      maxUploadBytes: ctx.maxUploadBytes,
    };
  });
}
