/**
 * The type of an uploaded file is decided by its first bytes (its "magic number"), never by
 * the name or the type the browser declared: a text file renamed « scan.pdf » is not a PDF.
 */
import type { Upload } from './ports.js';

export type MediaType = Upload['mediaType'];

const SIGNATURES: ReadonlyArray<{ type: MediaType; bytes: readonly number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** How many leading bytes `sniffMediaType` needs. */
export const SIGNATURE_LENGTH = 8;

/** The accepted type whose signature `head` starts with, if any. */
export function sniffMediaType(head: Uint8Array): MediaType | undefined {
  return SIGNATURES.find(
    (s) => head.length >= s.bytes.length && s.bytes.every((byte, i) => head[i] === byte),
  )?.type;
}

/** The usual extension of each accepted type (for the name of a downloaded file). */
export const EXTENSIONS: Record<MediaType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};
