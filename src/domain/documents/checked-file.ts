/**
 * A file received from a form, stored and checked before anything refers to it: streamed to
 * the file store (never whole in memory, stopped past the limit), its type decided by its first
 * bytes, a PDF opened to prove it is neither encrypted nor damaged. Whatever refuses the file,
 * its bytes are deleted before the French refusal is thrown. The candidates' « Ajouter » and the
 * office's « Publier un document » both go through here.
 */
import type { Readable } from 'node:stream';
import { DomainError, validationError } from '../errors.js';
import { formatSize } from './file-size.js';
import { type MediaType, SIGNATURE_LENGTH, sniffMediaType } from './media-type.js';
import {
  type ImageDimensions,
  MAX_IMAGE_PIXELS,
  PNG_HEADER_LENGTH,
  jpegDimensions,
  pngDimensions,
} from './image-dimensions.js';
import { type FileStore, FileTooLarge, type PdfInspector } from './ports.js';

/** The form field of the file, and the key of its error in a refusal's field errors. */
export const FILE_FIELD = 'fichier';

export interface CheckedFile {
  /** Where the bytes are in the file store. */
  key: string;
  size: number;
  sha256: string;
  mediaType: MediaType;
}

export interface FileChecking {
  files: FileStore;
  pdf: PdfInspector;
  /** Largest file accepted, in bytes. */
  maxUploadBytes: number;
}

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

export interface FileRules {
  accepted: readonly MediaType[];
  /** The French refusal of any other content. */
  unsupported: string;
  /** Who will open the file, as the refusal of an encrypted PDF names them (« le pôle »). */
  reader: string;
}

/**
 * Stores `source` and checks it against `rules`. The caller owns the stored file from then on
 * (and deletes it if what follows fails).
 */
export async function storeCheckedFile(
  ctx: FileChecking,
  source: Readable,
  rules: FileRules,
): Promise<CheckedFile> {
  let stored: { key: string; size: number; sha256: string };
  try {
    stored = await ctx.files.write(source, ctx.maxUploadBytes);
  } catch (error) {
    if (error instanceof FileTooLarge) throw fileTooLarge(ctx.maxUploadBytes);
    throw error;
  }
  try {
    if (stored.size === 0) throw refuse('Le fichier est vide. Choisissez un autre fichier.');
    const mediaType = sniffMediaType(await ctx.files.head(stored.key, SIGNATURE_LENGTH));
    if (!mediaType || !rules.accepted.includes(mediaType))
      throw new DomainError('unsupported_media', rules.unsupported);
    if (mediaType === 'application/pdf') {
      const verdict = await ctx.pdf.inspect(await ctx.files.read(stored.key));
      if (verdict === 'encrypted')
        throw refuse(
          `Ce PDF est protégé par un mot de passe ou chiffré : ${rules.reader} ne pourrait pas l’ouvrir. Enregistrez-le sans protection puis recommencez.`,
        );
      if (verdict === 'broken')
        throw refuse(
          'Ce PDF est endommagé ou incomplet : il ne s’ouvre pas. Enregistrez-le à nouveau (ou numérisez le document) puis recommencez.',
        );
      if (verdict === 'active-content')
        throw refuse(
          `Ce PDF contient du JavaScript, une action automatique ou des fichiers joints : ${rules.reader} ne peut pas l’ouvrir sans risque. Imprimez-le à nouveau en PDF (« Imprimer », puis « Enregistrer au format PDF ») ou numérisez le document, puis recommencez.`,
        );
    } else {
      const size =
        mediaType === 'image/png'
          ? pngDimensions(await ctx.files.head(stored.key, PNG_HEADER_LENGTH))
          : await jpegDimensions(await ctx.files.read(stored.key));
      checkImageSize(size, rules.reader);
    }
    return { ...stored, mediaType };
  } catch (error) {
    await ctx.files.delete(stored.key).catch(() => undefined);
    throw error;
  }
}

/**
 * Refuses an image whose header is missing or cut, or that announces more pixels than a
 * document's scan or photo ever has (a small file decoding to gigabytes in the reader's browser).
 */
function checkImageSize(size: ImageDimensions | undefined, reader: string): void {
  if (!size || size.width === 0 || size.height === 0)
    throw refuse(
      'Cette image est endommagée ou incomplète : elle ne s’ouvre pas. Enregistrez-la à nouveau (ou reprenez la photo) puis recommencez.',
    );
  if (size.width * size.height > MAX_IMAGE_PIXELS)
    throw refuse(
      `Cette image est trop grande (${size.width.toLocaleString('fr-FR')} × ${size.height.toLocaleString('fr-FR')} pixels) : ${reader} ne pourrait pas l’afficher. Réduisez-la à 100 millions de pixels au plus (par exemple 10 000 × 10 000) puis recommencez.`,
    );
}
