/**
 * What « Mes inscriptions » says about each registration's supporting documents: how many are
 * required, how many still need a file, and whether the file was declared complete.
 */
import type { DocumentsContext } from './ports.js';

export interface JustificatifsSummary {
  required: number;
  /** Required documents that still need a file: awaited, or refused by the office. */
  toProvide: number;
  completeDeclaredAt: Date | null;
}

export async function justificatifsSummary(
  ctx: DocumentsContext,
  input: { accountId: string; registrationIds: readonly string[] },
): Promise<Map<string, JustificatifsSummary>> {
  return ctx.store.read(async (unit) => {
    // Two queries whatever the number of registrations; only the account's own count.
    const declared = await unit.registrations.completionsOfAccount(input.accountId);
    const ids = input.registrationIds.filter((id) => declared.has(id));
    const documents = (await unit.documents.listForRegistrations(ids)).filter((d) => d.required);
    const summaries = new Map<string, JustificatifsSummary>();
    for (const id of ids) {
      const required = documents.filter((d) => d.registrationId === id);
      summaries.set(id, {
        required: required.length,
        toProvide: required.filter((d) => d.state === 'attendu' || d.state === 'refuse').length,
        completeDeclaredAt: declared.get(id) ?? null,
      });
    }
    return summaries;
  });
}
