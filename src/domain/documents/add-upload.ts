/**
 * « Ajouter »: a file for one of the registration's documents. The bytes stream to the file
 * store (never whole in memory), the type is decided by the content, a PDF must open (not
 * encrypted, not damaged); only then is the file recorded and the document « transmis ».
 * Whatever refuses the file, the stored bytes are deleted and no row is written.
 *
 * Who and when are checked twice: before a byte is stored (a refused candidate does not upload
 * 10 MB for nothing) and again in the transaction that records the file, with the window read
 * there and `now` taken there, so a close that passes during the upload is honoured.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainError, validationError } from '../errors.js';
import { formatSize } from './file-size.js';
import { displayName } from './file-name.js';
import { SIGNATURE_LENGTH, sniffMediaType } from './media-type.js';
import { type DocumentsContext, type DocumentsUnit, FileTooLarge, type Upload } from './ports.js';
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
}

/** The field whose error the page shows next to the « Ajouter » of the document. */
export const FILE_FIELD = 'fichier';

const refuse = (message: string): DomainError => validationError({ [FILE_FIELD]: message });

/** The refusal of a file over the limit (also said before reading a request that is too big). */
export function fileTooLarge(maxBytes: number): DomainError {
  return new DomainError(
    'too_large',
    `Le fichier dépasse la taille maximale de ${formatSize(maxBytes)}. Réduisez-le (par exemple en le numérisant en noir et blanc ou à une résolution plus basse) puis recommencez.`,
  );
}

/** The refusal of a form sent without a file. */
export function noFileChosen(): DomainError {
  return refuse('Choisissez un fichier à ajouter.');
}

export async function addUpload(ctx: DocumentsContext, input: AddUploadInput): Promise<Upload> {
  await ctx.store.transaction((unit) => checkAllowed(ctx, unit, input));

  let stored: { key: string; size: number; sha256: string };
  try {
    stored = await ctx.files.write(input.source, ctx.maxUploadBytes);
  } catch (error) {
    if (error instanceof FileTooLarge) throw fileTooLarge(ctx.maxUploadBytes);
    throw error;
  }

  try {
    if (stored.size === 0) throw refuse('Le fichier est vide. Choisissez un autre fichier.');
    const mediaType = sniffMediaType(await ctx.files.head(stored.key, SIGNATURE_LENGTH));
    if (!mediaType)
      throw new DomainError(
        'unsupported_media',
        'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG. Formats acceptés : PDF, JPEG, PNG.',
      );
    if (mediaType === 'application/pdf') {
      const verdict = await ctx.pdf.inspect(await ctx.files.read(stored.key));
      if (verdict === 'encrypted')
        throw refuse(
          'Ce PDF est protégé par un mot de passe ou chiffré : le pôle ne pourrait pas l’ouvrir. Enregistrez-le sans protection puis recommencez.',
        );
      if (verdict === 'broken')
        throw refuse(
          'Ce PDF est endommagé ou incomplet : il ne s’ouvre pas. Enregistrez-le à nouveau (ou numérisez le document) puis recommencez.',
        );
    }

    return await ctx.store.transaction(async (unit) => {
      const { registrationId, now } = await checkAllowed(ctx, unit, input);
      const upload: Upload = {
        id: randomUUID(),
        registrationId,
        documentKey: input.documentKey,
        storageKey: stored.key,
        originalName: displayName(input.originalName),
        mediaType,
        size: stored.size,
        sha256: stored.sha256,
        createdAt: now,
      };
      await unit.uploads.insert(upload);
      await unit.documents.setState(registrationId, input.documentKey, 'transmis', now);
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
