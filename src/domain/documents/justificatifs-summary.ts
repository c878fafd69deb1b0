/**
 * What « Mes inscriptions » says about each registration's supporting documents: how many are
 * asked (a document the office marked « Non concerné » is not), how many still need a file,
 * and whether the file was declared complete (or that declaration lifted by a new version).
 */
import { isAsked } from './document-waiver.js';
import type { DocumentsContext } from './ports.js';
import { missingDocuments } from './upload-rules.js';

export interface JustificatifsSummary {
  /** Documents the registration asks for: required by the answers, not waived by the office. */
  required: number;
  /** Documents still to provide: awaited, or refused by the office (upload-rules.ts). */
  toProvide: number;
  completeDeclaredAt: Date | null;
  /** A new version lifted the declaration: declare again (lift-declaration.ts). */
  declarationLiftedAt: Date | null;
}

export async function justificatifsSummary(
  ctx: DocumentsContext,
  input: { accountId: string; registrationIds: readonly string[] },
): Promise<Map<string, JustificatifsSummary>> {
  return ctx.store.read(async (unit) => {
    // Two queries whatever the number of registrations; only the account's own count.
    const declared = await unit.registrations.completionsOfAccount(input.accountId);
    const ids = input.registrationIds.filter((id) => declared.has(id));
    const documents = (await unit.documents.listForRegistrations(ids)).filter(isAsked);
    const summaries = new Map<string, JustificatifsSummary>();
    for (const id of ids) {
      const required = documents.filter((d) => d.registrationId === id);
      summaries.set(id, {
        required: required.length,
        toProvide: missingDocuments(required).length,
        completeDeclaredAt: declared.get(id)?.declaredAt ?? null,
        declarationLiftedAt: declared.get(id)?.liftedAt ?? null,
      });
    }
    return summaries;
  });
}
