/**
 * The review page of a registration (« Pièces justificatives », office side): each required
 * document with its state, its last review and its files, what the office may decide on it
 * now (« Réclamer la pièce » depends on the instant: not while a reopening runs), and the
 * documents already published to the candidate.
 */
import type { Desk } from '../../desks/desk.js';
import type { Registration } from '../../registrations/registration.js';
import type { StaffMember } from '../../staff/ports.js';
import type { Upload } from '../ports.js';
import { registrationForOffice } from './office-registration.js';
import type { PublishedDocument, ReviewContext, ReviewedDocument } from './ports.js';
import {
  acceptRefusal,
  cancelWaiverRefusal,
  claimRefusal,
  refuseRefusal,
  waiveRefusal,
} from './review-rules.js';

export interface DocumentForReview {
  document: ReviewedDocument;
  files: Upload[];
  canAccept: boolean;
  canRefuse: boolean;
  /** « Réclamer la pièce » (see claim-document.ts). */
  canClaim: boolean;
  /** « Non concerné » (see waive-document.ts). */
  canWaive: boolean;
  /** « Annuler “Non concerné” » (see cancel-waiver.ts). */
  canCancelWaiver: boolean;
}

export interface RegistrationReview {
  registration: Registration;
  desk: Desk | undefined;
  candidateEmail: string | undefined;
  documents: DocumentForReview[];
  published: PublishedDocument[];
}

export async function documentsForReview(
  ctx: ReviewContext,
  input: { staff: StaffMember; registrationNumber: string },
): Promise<RegistrationReview> {
  return ctx.store.transaction(async (unit) => {
    const { registration, desk } = await registrationForOffice(
      unit,
      ctx.catalogue(),
      input.staff,
      input.registrationNumber,
    );
    const uploads = await unit.uploads.list(registration.id);
    const now = ctx.clock.now();
    const documents = (await unit.documents.list(registration.id)).map((document) => {
      const files = uploads.filter((u) => u.documentKey === document.key);
      return {
        document,
        files,
        canAccept: acceptRefusal(document, files.length) === undefined,
        canRefuse: refuseRefusal(document, files.length) === undefined,
        canClaim: claimRefusal(document, files.length, now) === undefined,
        canWaive: waiveRefusal(document) === undefined,
        canCancelWaiver: cancelWaiverRefusal(document) === undefined,
      };
    });
    return {
      registration,
      desk,
      candidateEmail: await unit.accountEmail(registration.accountId),
      documents,
      published: await unit.published.list(registration.id),
    };
  });
}
