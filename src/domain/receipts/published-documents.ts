/**
 * « Documents transmis par le pôle » in « Mes documents »: what the office published for one
 * of the candidate's registrations, newest first. Another candidate's registration does not
 * exist, as everywhere on the candidate's side.
 */
import type { PublishedDocument, ReviewContext } from '../documents/review/ports.js';
import { DomainError } from '../errors.js';

export async function publishedDocuments(
  ctx: ReviewContext,
  input: { accountId: string; registrationNumber: string },
): Promise<PublishedDocument[]> {
  return ctx.store.read(async (unit) => {
    const registration = await unit.registrations.findByNumber(input.registrationNumber);
    if (!registration || registration.accountId !== input.accountId)
      throw new DomainError('not_found', 'Cette inscription n’existe pas.');
    return unit.published.list(registration.id);
  });
}
