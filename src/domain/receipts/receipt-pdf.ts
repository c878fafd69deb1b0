/**
 * « Visualiser / imprimer »: the récapitulatif of the candidate's registration as a PDF, for
 * the current version or, with `version`, an earlier one. Another candidate's registration,
 * or a version that does not exist, is not found.
 */
import { DomainError } from '../errors.js';
import { currentCatalogue } from '../registrations/current-catalogue.js';
import type { PdfFile, ReceiptsContext } from './ports.js';
import { ownedRegistration } from './owned-registration.js';
import { buildReceipt } from './receipt.js';

export interface ReceiptPdfInput {
  accountId: string;
  number: string;
  /** The current version when absent. */
  version?: number;
}

export async function receiptPdf(ctx: ReceiptsContext, input: ReceiptPdfInput): Promise<PdfFile> {
  const catalogue = currentCatalogue(ctx.registrations);
  const { registration, version } = await ctx.registrations.store.transaction(async (unit) => {
    const registration = await ownedRegistration(unit, input.accountId, input.number);
    const wanted = input.version ?? registration.version;
    const version = (await unit.registrations.listVersions(registration.id)).find(
      (v) => v.version === wanted,
    );
    return { registration, version };
  });
  if (!version) throw new DomainError('not_found', 'Cette version de l’inscription n’existe pas.');
  const receipt = buildReceipt({
    registration,
    version,
    catalogue,
    key: ctx.key,
    publicUrl: ctx.publicUrl,
  });
  return {
    filename: `recapitulatif-${registration.number}-v${version.version}.pdf`,
    bytes: await ctx.render.receipt(receipt),
  };
}
