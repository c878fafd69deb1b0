/**
 * « Liste des pièces justificatives »: each document the registration requires, why, its
 * state now (attendu, transmis, validé, refusé, non concerné) with a refusal's or a waiver's
 * reason, the deadline and the pôle. A document the answers no longer require leaves it (its
 * « why » would no longer be true); one the office marked « Non concerné » stays, with the
 * office's reason.
 * Unlike the récapitulatif it changes with every upload and review, so it says when the
 * states were read.
 */
import { type Catalogue, deskFor, findSpecialty, findWindow } from '../catalogue/catalogue.js';
import { isWaived } from '../documents/document-waiver.js';
import type { DocumentStatus } from '../documents/ports.js';
import { currentCatalogue } from '../registrations/current-catalogue.js';
import type { Registration } from '../registrations/registration.js';
import { DOCUMENT_STATE_LABELS } from './document-states.js';
import { ownedRegistration } from './owned-registration.js';
import type { DocumentList, PdfFile, ReceiptsContext } from './ports.js';
import { registrationNames } from './receipt.js';

export function buildDocumentList(
  registration: Registration,
  documents: readonly DocumentStatus[],
  catalogue: Catalogue,
  asOf: Date,
): DocumentList {
  const { identity } = registration.data;
  const specialty = findSpecialty(catalogue, registration.examCode, registration.specialtyCode);
  return {
    academyName: catalogue.academy.name,
    number: registration.number,
    version: registration.version,
    candidateName: `${identity.firstNames} ${identity.usageName || identity.birthName}`,
    ...registrationNames(
      catalogue,
      registration.sessionCode,
      registration.examCode,
      registration.specialtyCode,
    ),
    documents: documents.map((d) => ({
      label: d.label,
      reason: d.reason,
      state: DOCUMENT_STATE_LABELS[d.state],
      refusalReason: d.state === 'refuse' ? d.refusalReason : null,
      reopenedUntil: d.state === 'refuse' ? d.reopenedUntil : null,
      waiverReason: isWaived(d) ? d.waiverReason : null,
    })),
    closesAt: findWindow(catalogue, registration.sessionCode, registration.examCode)?.closesAt,
    desk: specialty && deskFor(catalogue, specialty),
    asOf,
  };
}

export async function documentListPdf(
  ctx: ReceiptsContext,
  input: { accountId: string; number: string },
): Promise<PdfFile> {
  const catalogue = currentCatalogue(ctx.registrations);
  const { registration, documents, asOf } = await ctx.registrations.store.transaction(
    async (unit) => {
      const registration = await ownedRegistration(unit, input.accountId, input.number);
      return {
        registration,
        documents: (await unit.documents.list(registration.id)).filter((d) => d.required),
        asOf: ctx.registrations.clock.now(),
      };
    },
  );
  const list = buildDocumentList(registration, documents, catalogue, asOf);
  return {
    filename: `pieces-${registration.number}.pdf`,
    bytes: await ctx.render.documentList(list),
  };
}
