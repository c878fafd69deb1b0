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
  return ctx.store.transaction(async (unit) => {
    const summaries = new Map<string, JustificatifsSummary>();
    for (const id of input.registrationIds) {
      const registration = await unit.registrations.findById(id);
      if (registration?.accountId !== input.accountId) continue;
      const required = (await unit.documents.list(id)).filter((d) => d.required);
      summaries.set(id, {
        required: required.length,
        toProvide: required.filter((d) => d.state === 'attendu' || d.state === 'refuse').length,
        completeDeclaredAt: await unit.registrations.completeDeclaredAt(id),
      });
    }
    return summaries;
  });
}
