/**
 * « Supprimer »: removes one of the candidate's files, under the same rules as adding one. A
 * document left without a file is « attendu » again, unless the office refused it. The row
 * goes first, in the transaction; the bytes are deleted once it is committed (a failure there
 * leaves an orphan file, never a row that points to nothing).
 */
import { DomainError } from '../errors.js';
import { uploadFacts } from './upload-audit.js';
import type { DocumentsContext, Upload } from './ports.js';
import { assertFilesChangeable } from './upload-rules.js';

export interface RemoveUploadInput {
  accountId: string;
  uploadId: string;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

export interface RemovedUpload {
  upload: Upload;
  registrationNumber: string;
}

export async function removeUpload(
  ctx: DocumentsContext,
  input: RemoveUploadInput,
): Promise<RemovedUpload> {
  const removed = await ctx.store.transaction(async (unit) => {
    const upload = await unit.uploads.find(input.uploadId);
    const registration = upload && (await unit.registrations.findById(upload.registrationId));
    if (!upload || !registration || registration.accountId !== input.accountId)
      throw new DomainError('not_found', 'Ce fichier n’existe pas.');
    await unit.registrations.lockForChange(registration.id);
    const window = await unit.findWindow(registration.sessionCode, registration.examCode);
    const now = ctx.clock.now();
    const doc = (await unit.documents.list(registration.id)).find(
      (d) => d.key === upload.documentKey,
    );
    if (!doc)
      throw new DomainError('not_found', 'Cette pièce n’est pas demandée pour votre inscription.');
    assertFilesChangeable(
      doc,
      await unit.registrations.completeDeclaredAt(registration.id),
      window,
      now,
    );
    if (!(await unit.uploads.delete(upload.id)))
      throw new DomainError('not_found', 'Ce fichier n’existe pas.');
    const left = (await unit.uploads.list(registration.id)).some((u) => u.documentKey === doc.key);
    // A refused document stays refused, its reason and deadline shown, until a new file comes.
    if (!left && doc.state !== 'refuse')
      await unit.documents.setState(registration.id, doc.key, 'attendu', now);
    await unit.audit.record({
      at: now,
      actor: { kind: 'candidate', id: input.accountId },
      action: 'upload.removed',
      subject: { type: 'registration', id: registration.id },
      before: uploadFacts(upload),
      after: null,
      clientAddress: input.clientAddress,
    });
    return { upload, registrationNumber: registration.number };
  });
  await ctx.files.delete(removed.upload.storageKey).catch(() => undefined);
  return removed;
}
