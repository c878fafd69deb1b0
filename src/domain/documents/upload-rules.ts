/**
 * When a candidate may add or remove files (« Mes justificatifs »): while the registration
 * window is open and until they declare the file complete (« J'ai fourni toutes mes pièces »);
 * afterwards only for a document the office reopened, until the instant it said. The rules are
 * pure: the use cases read the window and the declaration inside their transaction and ask here.
 */
import type { RegistrationWindow } from '../catalogue/catalogue.js';
import { assertWindowOpen } from '../catalogue/registration-window.js';
import { DomainError } from '../errors.js';
import type { Registration } from '../registrations/registration.js';
import { formatParisDateTime } from '../time/paris-time.js';
import { isAsked, isWaived } from './document-waiver.js';
import type { DocumentStatus, DocumentsUnit } from './ports.js';

/** A document made of several files (recto, verso…) takes at most this many. */
export const MAX_FILES_PER_DOCUMENT = 10;

/** The office reopened `doc` (after refusing it) and the candidate may upload again. */
export function isReopened(doc: Pick<DocumentStatus, 'reopenedUntil'>, now: Date): boolean {
  return doc.reopenedUntil !== null && now.getTime() < doc.reopenedUntil.getTime();
}

/** Throws the French refusal unless the candidate may add or remove files of `doc` at `now`. */
export function assertFilesChangeable(
  doc: DocumentStatus,
  completeDeclaredAt: Date | null,
  window: Pick<RegistrationWindow, 'opensAt' | 'closesAt'> | undefined,
  now: Date,
): void {
  if (!doc.required)
    throw new DomainError('not_found', 'Cette pièce n’est pas demandée pour votre inscription.');
  if (isWaived(doc))
    throw new DomainError(
      'conflict',
      'Le pôle a indiqué que cette pièce ne vous concerne pas : vous n’avez rien à déposer.',
    );
  if (isReopened(doc, now)) return;
  if (doc.state === 'valide')
    throw new DomainError(
      'conflict',
      'Cette pièce a été validée par le pôle : elle ne peut plus être modifiée.',
    );
  try {
    if (completeDeclaredAt)
      throw new DomainError(
        'conflict',
        `Vous avez déclaré avoir fourni toutes vos pièces le ${formatParisDateTime(completeDeclaredAt)} : vos justificatifs ne peuvent plus être modifiés. Pour changer une pièce, contactez le pôle qui gère votre examen.`,
      );
    if (!window)
      throw new DomainError('window_closed', 'Les inscriptions pour cet examen sont closes.');
    assertWindowOpen(window, now);
  } catch (error) {
    // Closed, and the office's reopening of this document is over: say that, not the close.
    if (error instanceof DomainError && doc.reopenedUntil)
      throw new DomainError(
        'conflict',
        `Le délai accordé par le pôle pour déposer à nouveau cette pièce a pris fin le ${formatParisDateTime(doc.reopenedUntil)} (heure de Paris) : elle ne peut plus être modifiée. Pour la changer, contactez le pôle qui gère votre examen.`,
      );
    throw error;
  }
}

export function filesChangeable(
  doc: DocumentStatus,
  completeDeclaredAt: Date | null,
  window: Pick<RegistrationWindow, 'opensAt' | 'closesAt'> | undefined,
  now: Date,
): boolean {
  try {
    assertFilesChangeable(doc, completeDeclaredAt, window, now);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

/** Throws unless one more file may be added to `doc`, which already has `fileCount`. */
export function assertRoomForFile(doc: DocumentStatus, fileCount: number): void {
  if (!doc.multipleFiles && fileCount >= 1)
    throw new DomainError(
      'conflict',
      'Cette pièce se fournit en un seul fichier : supprimez celui déjà déposé pour le remplacer.',
    );
  if (fileCount >= MAX_FILES_PER_DOCUMENT)
    throw new DomainError(
      'conflict',
      `Cette pièce compte déjà ${MAX_FILES_PER_DOCUMENT} fichiers : regroupez-les dans un seul PDF.`,
    );
}

/**
 * What the candidate still has to provide: the documents asked (required, not waived) that are
 * awaited (no file) or refused. A refusal keeps the refused file for the office's record, so
 * having a file is not enough: a refused document is provided again only by a new file, which
 * makes it « transmis ». « J'ai fourni toutes mes pièces », « Mes inscriptions » and the
 * reminders all count on this one rule.
 */
export function missingDocuments<
  D extends Pick<DocumentStatus, 'required' | 'state' | 'waiverReason'>,
>(documents: readonly D[]): D[] {
  return documents.filter((d) => isAsked(d) && (d.state === 'attendu' || d.state === 'refuse'));
}

/**
 * The candidate's registration numbered `number`. Another candidate's is "not found", exactly
 * as an unknown one: the answer never tells that it exists.
 */
/** The candidate's registration, locked for a change of its files (see `lockForChange`). */
export async function ownRegistrationForChange(
  unit: DocumentsUnit,
  number: string,
  accountId: string,
): Promise<Registration> {
  const registration = await ownRegistration(unit, number, accountId);
  await unit.registrations.lockForChange(registration.id);
  return registration;
}

export async function ownRegistration(
  unit: DocumentsUnit,
  number: string,
  accountId: string,
): Promise<Registration> {
  const registration = await unit.registrations.findByNumber(number);
  if (!registration || registration.accountId !== accountId)
    throw new DomainError('not_found', 'Cette inscription n’existe pas.');
  return registration;
}
