/**
 * « Ajouter »: a file for one of the registration's documents. The bytes stream to the file
 * store (never whole in memory), the type is decided by the content, a PDF must open (not
 * encrypted, not damaged; see checked-file.ts); only then is the file recorded and the
 * document « transmis ». Whatever refuses the file, the stored bytes are deleted and no row is
 * written.
 *
 * Who and when are checked twice: before a byte is stored (a refused candidate does not upload
 * 10 MB for nothing) and again in the transaction that records the file, with the window read
 * there and `now` taken there, so a close that passes during the upload is honoured.
 *
 * The audit entry describes the file (see upload-audit.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainError } from '../errors.js';
import { storeCheckedFile } from './checked-file.js';
import { displayName } from './file-name.js';
import type { DocumentsContext, DocumentsUnit, Upload } from './ports.js';
import { uploadFacts } from './upload-audit.js';
import {
  assertFilesChangeable,
  assertRoomForFile,
  ownRegistrationForChange,
} from './upload-rules.js';

export interface AddUploadInput {
  accountId: string;
  registrationNumber: string;
  documentKey: string;
  /** The name on the candidate's machine, as sent; shown back cleaned, never used to store. */
  originalName: string;
  source: Readable;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

export async function addUpload(ctx: DocumentsContext, input: AddUploadInput): Promise<Upload> {
  await ctx.store.transaction((unit) => checkAllowed(ctx, unit, input));

  const stored = await storeCheckedFile(ctx, input.source, {
    accepted: ['application/pdf', 'image/jpeg', 'image/png'],
    unsupported:
      'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG. Formats acceptés : PDF, JPEG, PNG.',
    reader: 'le pôle',
  });
  try {
    return await ctx.store.transaction(async (unit) => {
      const { registrationId, now } = await checkAllowed(ctx, unit, input);
      const upload: Upload = {
        id: randomUUID(),
        registrationId,
        documentKey: input.documentKey,
        storageKey: stored.key,
        originalName: displayName(input.originalName),
        mediaType: stored.mediaType,
        size: stored.size,
        sha256: stored.sha256,
        createdAt: now,
      };
      await unit.uploads.insert(upload);
      await unit.documents.setState(registrationId, input.documentKey, 'transmis', now);
      await unit.audit.record({
        at: now,
        actor: { kind: 'candidate', id: input.accountId },
        action: 'upload.added',
        subject: { type: 'registration', id: registrationId },
        before: null,
        after: uploadFacts(upload),
        clientAddress: input.clientAddress,
      });
      return upload;
    });
  } catch (error) {
    await ctx.files.delete(stored.key).catch(() => undefined);
    throw error;
  }
}

async function checkAllowed(
  ctx: DocumentsContext,
  unit: DocumentsUnit,
  input: AddUploadInput,
): Promise<{ registrationId: string; now: Date }> {
  const registration = await ownRegistrationForChange(
    unit,
    input.registrationNumber,
    input.accountId,
  );
  const window = await unit.findWindow(registration.sessionCode, registration.examCode);
  const now = ctx.clock.now();
  const doc = (await unit.documents.list(registration.id)).find((d) => d.key === input.documentKey);
  if (!doc)
    throw new DomainError('not_found', 'Cette pièce n’est pas demandée pour votre inscription.');
  assertFilesChangeable(
    doc,
    await unit.registrations.completeDeclaredAt(registration.id),
    window,
    now,
  );
  const files = (await unit.uploads.list(registration.id)).filter((u) => u.documentKey === doc.key);
  assertRoomForFile(doc, files.length);
  return { registrationId: registration.id, now };
}
