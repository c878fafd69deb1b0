/**
 * A candidate's file as the browser receives it, for the candidate (« Voir ») and for the
 * office alike, and a document the office published to a candidate: the stored media type,
 * never sniffed (`nosniff`), not cached, a PDF shown inline and an image downloaded.
 */
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { displayName } from '../../../domain/documents/file-name.js';
import { EXTENSIONS } from '../../../domain/documents/media-type.js';
import type { Upload } from '../../../domain/documents/ports.js';

/** What a response needs of a stored file: a candidate's upload or a published document. */
export type SentFile = Pick<Upload, 'mediaType' | 'size' | 'originalName'>;

export function sendUpload(reply: FastifyReply, upload: SentFile, content: Readable): FastifyReply {
  return reply
    .code(200)
    .header('content-type', upload.mediaType)
    .header('content-length', String(upload.size))
    .header('content-disposition', contentDisposition(upload))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(content);
}

/**
 * A PDF opens in the browser's viewer; an image is downloaded. The name is the cleaned display
 * name with the extension of the real type, in ASCII for old clients and in UTF-8 (RFC 6266).
 */
function contentDisposition(upload: SentFile): string {
  const extensions = EXTENSIONS[upload.mediaType];
  let name = displayName(upload.originalName);
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  if (!extensions.includes(extension)) name = `${name}.${extensions[0] ?? 'bin'}`;
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const kind = upload.mediaType === 'application/pdf' ? 'inline' : 'attachment';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
