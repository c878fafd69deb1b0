/**
 * A registration as the office opens it: administrators, and the gestionnaires of the pôle
 * that handles its specialty (the specialty's pôle, which defaults to the exam's). Another
 * gestionnaire is refused; an unknown number does not exist. Every review use case starts here,
 * inside its transaction, so the rights are checked on the rows it then changes.
 */
import { type Catalogue, deskFor, findSpecialty } from '../../catalogue/catalogue.js';
import type { Desk } from '../../desks/desk.js';
import { DomainError } from '../../errors.js';
import type { Registration } from '../../registrations/registration.js';
import type { StaffMember } from '../../staff/ports.js';
import { hasRights } from '../../staff/staff-rules.js';
import type { Upload } from '../ports.js';
import type { ReviewUnit, ReviewedDocument } from './ports.js';
import { assertDecidable } from './review-rules.js';

export interface OfficeRegistration {
  registration: Registration;
  /** The pôle that handles it (undefined if the catalogue no longer has its specialty). */
  desk: Desk | undefined;
}

export async function registrationForOffice(
  unit: ReviewUnit,
  catalogue: Catalogue | undefined,
  staff: StaffMember,
  number: string,
): Promise<OfficeRegistration> {
  const registration = await unit.registrations.findByNumber(number);
  if (!registration) throw new DomainError('not_found', 'Cette inscription n’existe pas.');
  const specialty =
    catalogue && findSpecialty(catalogue, registration.examCode, registration.specialtyCode);
  const desk = catalogue && specialty ? deskFor(catalogue, specialty) : undefined;
  // Without a pôle only administrators pass: no gestionnaire works the empty code.
  if (!hasRights(staff, { desk: desk?.code ?? '' }))
    throw new DomainError(
      'forbidden',
      'Cette inscription concerne un pôle dont vous n’êtes pas gestionnaire.',
    );
  return { registration, desk };
}

/** What every decision on one document is given: who, which document, as the page showed it. */
export interface DocumentDecision {
  staff: StaffMember;
  registrationNumber: string;
  documentKey: string;
  /** The document's version the page showed (see review-rules.ts). */
  seen: string;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

/**
 * The candidate's address and the catalogue, for a decision that mails the candidate: without
 * either (an account deleted meanwhile, no catalogue loaded) nothing is recorded.
 */
export async function candidateToMail(
  unit: ReviewUnit,
  catalogue: Catalogue | undefined,
  registration: Registration,
): Promise<{ email: string; catalogue: Catalogue }> {
  const email = await unit.accountEmail(registration.accountId);
  if (!catalogue || !email)
    throw new DomainError('not_found', 'Le candidat ou le catalogue des examens est introuvable.');
  return { email, catalogue };
}

/**
 * The document a decision is about, with its files, once the registration is locked (two
 * decisions, or a decision and the candidate's upload, take turns) and the decision allowed:
 * `rule` says why not (review-rules.ts), and a form made from an older version of the document
 * is refused.
 */
export async function documentToDecide(
  unit: ReviewUnit,
  registrationId: string,
  form: Pick<DocumentDecision, 'documentKey' | 'seen'>,
  rule: (document: ReviewedDocument, fileCount: number) => string | undefined,
): Promise<{ document: ReviewedDocument; files: Upload[] }> {
  await unit.registrations.lockForChange(registrationId);
  const { document, files } = await documentUnderReview(unit, registrationId, form.documentKey);
  assertDecidable(rule(document, files.length), document, files, form.seen);
  return { document, files };
}

/** One of the registration's required documents with its files; an unknown key does not exist. */
async function documentUnderReview(
  unit: ReviewUnit,
  registrationId: string,
  key: string,
): Promise<{ document: ReviewedDocument; files: Upload[] }> {
  const document = (await unit.documents.list(registrationId)).find((d) => d.key === key);
  if (!document)
    throw new DomainError('not_found', 'Cette pièce n’est pas demandée pour cette inscription.');
  const files = (await unit.uploads.list(registrationId)).filter((u) => u.documentKey === key);
  return { document, files };
}
