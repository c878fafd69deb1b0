/**
 * Whether an uploaded PDF opens, and opens safely: the office (and a candidate, for what the
 * office publishes) must be able to read every page. Refused: a file without its end-of-file
 * marker (cut short during a transfer), one whose trailer has an /Encrypt entry (protected by a
 * password, or encrypted), one pdf-lib cannot load or finds no page in, one whose structure
 * inflates past a bound (a few hundred kilobytes can inflate to gigabytes), and one with active
 * content: JavaScript, a launch action, attached files, rich media or an XFA form, which a PDF
 * viewer may run or offer to open when the office opens a candidate's file. The document is
 * read whole (at most the upload limit, 10 MB by default) after it is stored; the upload
 * itself streamed.
 *
 * Parsing holds the file and its objects in memory, several times the file's size. At most
 * one parse per core runs at once (the work is CPU-bound: more would not finish sooner), so
 * fifty 5 MB uploads at the deadline wait their turn instead of taking a gigabyte together.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { availableParallelism } from 'node:os';
import { buffer } from 'node:stream/consumers';
import pLimit from 'p-limit';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFObjectStreamParser,
  type PDFObject,
  type PDFRawStream,
  PDFStream,
  PDFXRefStreamParser,
  decodePDFRawStream,
} from 'pdf-lib';
import type { PdfInspector, PdfVerdict } from '../../domain/documents/ports.js';

/** Readers accept a %%EOF up to 1024 bytes before the end (trailing junk of some scanners). */
const EOF_WINDOW = 1024;

/**
 * What the object streams and cross-reference streams of one PDF may inflate to, together.
 * pdf-lib inflates them whole while loading (the pages' own content it leaves compressed):
 * real files need a megabyte or two; 250 KB of deflated zeros would need 256 MB and hold the
 * process for 15 seconds. Inflating up to this bound takes about half a second.
 */
const MAX_STRUCTURE_BYTES = 16 * 1024 * 1024;

/** Names that make a PDF act rather than show: scripts, launches, attachments, XFA forms. */
const ACTIVE_NAMES = new Set([
  'JS',
  'JavaScript',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
]);

class StructureTooLarge extends Error {}

/** The bytes left to the load in progress (each inspection has its own). */
const structureBudget = new AsyncLocalStorage<{ left: number }>();

/**
 * Before pdf-lib inflates an object or cross-reference stream, inflate it here up to what is
 * left of the budget, and no further (pdf-lib's decoders stop at the length asked). pdf-lib
 * has no option for this: its two parsers' factories are wrapped, for every load in the
 * process; outside an inspection there is no budget and nothing changes.
 */
function spendOn(stream: PDFRawStream): void {
  const budget = structureBudget.getStore();
  if (!budget) return;
  budget.left -= decodePDFRawStream(stream).getBytes(budget.left + 1).length;
  if (budget.left < 0) throw new StructureTooLarge();
}
const parseObjectStream = PDFObjectStreamParser.forStream;
PDFObjectStreamParser.forStream = (stream, shouldWaitForTick) => {
  spendOn(stream);
  return parseObjectStream(stream, shouldWaitForTick);
};
const parseXRefStream = PDFXRefStreamParser.forStream;
PDFXRefStreamParser.forStream = (stream) => {
  spendOn(stream);
  return parseXRefStream(stream);
};

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
    const document = await structureBudget.run({ left: MAX_STRUCTURE_BYTES }, () =>
      PDFDocument.load(bytes, {
        ignoreEncryption: true,
        updateMetadata: false,
        throwOnInvalidObject: true,
      }),
    );
    if (document.isEncrypted) return 'encrypted';
    if (document.getPageCount() === 0) return 'broken';
    const objects = document.context.enumerateIndirectObjects();
    return objects.some(([, object]) => isActive(object, 0)) ? 'active-content' : 'ok';
  } catch {
    return 'broken';
  }
}

/**
 * Whether `object` names active content, in a key or a value (« /S /JavaScript », « /JS »,
 * « /EmbeddedFiles », « /Type /EmbeddedFile », « /XFA »), however the name is escaped. Indirect
 * references are not followed: every indirect object is looked at on its own.
 */
function isActive(object: PDFObject, depth: number): boolean {
  if (depth > 100) return false; // pdf-lib itself refuses deeper nesting while parsing
  if (object instanceof PDFName) return ACTIVE_NAMES.has(object.decodeText());
  const dict = object instanceof PDFStream ? object.dict : object;
  if (dict instanceof PDFDict)
    return dict
      .entries()
      .some(([key, value]) => isActive(key, depth) || isActive(value, depth + 1));
  if (object instanceof PDFArray) return object.asArray().some((v) => isActive(v, depth + 1));
  return false;
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
