/**
 * Whether an uploaded PDF opens: the office must be able to read every page. Refused: a file
 * without its end-of-file marker (cut short during a transfer), one whose trailer has an
 * /Encrypt entry (protected by a password, or encrypted), and one pdf-lib cannot load or finds
 * no page in. The document is read whole (at most the upload limit, 10 MB by default) after it
 * is stored; the upload itself streamed.
 *
 * Parsing holds the file and its objects in memory, several times the file's size. At most
 * one parse per core runs at once (the work is CPU-bound: more would not finish sooner), so
 * fifty 5 MB uploads at the deadline wait their turn instead of taking a gigabyte together.
 */
import { availableParallelism } from 'node:os';
import { buffer } from 'node:stream/consumers';
import pLimit from 'p-limit';
import { PDFDocument } from 'pdf-lib';
import type { PdfInspector, PdfVerdict } from '../../domain/documents/ports.js';

/** Readers accept a %%EOF up to 1024 bytes before the end (trailing junk of some scanners). */
const EOF_WINDOW = 1024;

const oneParsePerCore = pLimit(Math.max(1, availableParallelism()));

export const pdfInspector: PdfInspector = {
  inspect(source) {
    return oneParsePerCore(async () => inspectPdf(await buffer(source)));
  },
};

export async function inspectPdf(bytes: Buffer): Promise<PdfVerdict> {
  const tail = bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW - 5)).toString('latin1');
  if (!tail.includes('%%EOF')) return 'broken';
  if (lastTrailerEncrypted(bytes)) return 'encrypted';
  try {
    const document = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
    if (document.isEncrypted) return 'encrypted';
    return document.getPageCount() > 0 ? 'ok' : 'broken';
  } catch {
    return 'broken';
  }
}

/**
 * The classic trailer (`trailer << … >>` before the last `startxref`) names /Encrypt. PDFs
 * with cross-reference streams carry it in the stream's dictionary, which pdf-lib reads.
 */
function lastTrailerEncrypted(bytes: Buffer): boolean {
  const end = bytes.subarray(Math.max(0, bytes.length - 64 * 1024)).toString('latin1');
  const start = end.lastIndexOf('trailer');
  if (start === -1) return false;
  const stop = end.indexOf('startxref', start);
  return /\/Encrypt\b/.test(end.slice(start, stop === -1 ? undefined : stop));
}
