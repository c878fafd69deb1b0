/**
 * One document the office published, downloaded by its owner; for any other candidate it does
 * not exist. The first download records that the candidate opened it, which ends the pending
 * action on « Mes inscriptions ».
 */
import type { Readable } from 'node:stream';
import type { PublishedDocument, ReviewContext } from '../documents/review/ports.js';
import { DomainError } from '../errors.js';

export async function openPublishedDocument(
  ctx: ReviewContext,
  input: { accountId: string; documentId: string },
): Promise<{ document: PublishedDocument; content: Readable }> {
  const document = await ctx.store.transaction(async (unit) => {
    const found = await unit.published.find(input.documentId);
    const registration = found && (await unit.registrations.findById(found.registrationId));
    if (!found || registration?.accountId !== input.accountId) return undefined;
    await unit.published.markSeen(found.id, ctx.clock.now());
    return found;
  });
  if (!document) throw new DomainError('not_found', 'Ce document n’existe pas.');
  return { document, content: await ctx.files.read(document.storageKey) };
}
