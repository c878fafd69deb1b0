/**
 * « Voir »: one of the candidate's files, streamed from the file store. Only its owner gets it
 * here (the office has `openUploadForOffice`); for any other candidate it does not exist, so
 * its existence is not revealed either.
 */
import type { Readable } from 'node:stream';
import { DomainError } from '../errors.js';
import type { DocumentsContext, Upload } from './ports.js';

export async function openUpload(
  ctx: DocumentsContext,
  input: { accountId: string; uploadId: string },
): Promise<{ upload: Upload; content: Readable }> {
  const upload = await ctx.store.read(async (unit) => {
    const found = await unit.uploads.find(input.uploadId);
    const registration = found && (await unit.registrations.findById(found.registrationId));
    return registration?.accountId === input.accountId ? found : undefined;
  });
  if (!upload) throw new DomainError('not_found', 'Ce fichier n’existe pas.');
  return { upload, content: await ctx.files.read(upload.storageKey) };
}
