/**
 * Hostile files for the corpus of hostile requests, made here byte by byte or with pdf-lib,
 * pngjs and jpeg-js: PDFs carrying JavaScript, attachments or a launch action, a PDF whose
 * object stream inflates to gigabytes, encrypted, truncated and empty files, polyglots, images
 * announcing absurd dimensions, archives, SVG and HTML dressed as PDFs. Each kind is made once.
 */
import { crc32, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { type PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { makeJpeg, makePdf, makePng } from './files.js';

export const HOSTILE_FILE_KINDS = [
  'pdf',
  'jpeg',
  'pdf-with-javascript',
  'pdf-with-javascript-in-object-stream',
  'pdf-with-javascript-name-tree',
  'pdf-with-escaped-javascript-name',
  'pdf-with-embedded-file',
  'pdf-with-launch-action',
  'pdf-with-xfa-form',
  'pdf-object-stream-bomb',
  'pdf-xref-stream-bomb',
  'encrypted-pdf',
  'encrypted-pdf-xref-stream',
  'truncated-pdf',
  'pdf-header-only',
  'pdf-without-pages',
  'pdf-with-trailing-html',
  'polyglot-pdf-html',
  'polyglot-html-pdf',
  'html-named-pdf',
  'svg',
  'zip-bomb',
  'gzip',
  'exe',
  'gif',
  'heic',
  'nul-bytes',
  'wrong-magic',
  'empty',
  'over-limit',
  'far-over-limit',
  'png-huge-dimensions',
  'png-zero-dimensions',
  'jpeg-huge-dimensions',
  'truncated-png',
  'truncated-jpeg',
  'polyglot-png-html',
] as const;
export type HostileFileKind = (typeof HOSTILE_FILE_KINDS)[number];

// ------------------------------------------------------------------ PDF pieces

/** A one-page PDF changed by `edit` before it is saved. */
async function editedPdf(
  edit: (doc: PDFDocument) => void | Promise<void>,
  useObjectStreams = false,
): Promise<Buffer> {
  const doc = await PDFDocument.load(await makePdf());
  await edit(doc);
  return Buffer.from(await doc.save({ useObjectStreams }));
}

/** A JavaScript action, as a PDF viewer runs it when the document opens. */
function javascriptAction(doc: PDFDocument): PDFDict {
  return doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
}

/**
 * A PDF written by hand: `objects` numbered from 1 (1 is the catalogue), each either a
 * dictionary or a dictionary with its stream's bytes; a classic cross-reference table.
 */
function handWrittenPdf(
  objects: Array<string | { dict: string; stream: Buffer }>,
  trailerExtra = '',
): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let position = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  const push = (part: Buffer): void => {
    parts.push(part);
    position += part.length;
  };
  objects.forEach((object, index) => {
    offsets.push(position);
    if (typeof object === 'string') push(Buffer.from(`${index + 1} 0 obj\n${object}\nendobj\n`));
    else {
      push(Buffer.from(`${index + 1} 0 obj\n${object.dict}\nstream\n`));
      push(object.stream);
      push(Buffer.from('\nendstream\nendobj\n'));
    }
  });
  const xref = position;
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

const PAGE_OBJECTS = [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
];

/** 64 MB of zeros deflated: 64 KB that a careless parser inflates whole (made once). */
let bomb: Buffer | undefined;
function inflatingBomb(): Buffer {
  bomb ??= deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  return bomb;
}

// ------------------------------------------------------------------ images

/** A PNG chunk with its length and CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A well-formed PNG header announcing `width` × `height`, with one tiny compressed row. */
function pngAnnouncing(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The small JPEG with its frame header (SOF0) rewritten to announce `width` × `height`. */
function jpegAnnouncing(width: number, height: number): Buffer {
  const jpeg = Buffer.from(makeJpeg());
  for (let i = 2; i + 9 < jpeg.length;) {
    if (jpeg[i] !== 0xff) throw new Error('unexpected JPEG layout');
    const marker = jpeg[i + 1] ?? 0;
    if (marker === 0xc0) {
      jpeg.writeUInt16BE(height, i + 5);
      jpeg.writeUInt16BE(width, i + 7);
      return jpeg;
    }
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  throw new Error('no SOF0 in the JPEG');
}

// ------------------------------------------------------------------ archives

/** A real zip archive holding one file of `size` zeros, deflated. */
function zipOfZeros(size: number): Buffer {
  const content = Buffer.alloc(size);
  const data = deflateRawSync(content, { level: 9 });
  const name = Buffer.from('zeros.txt');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

// ------------------------------------------------------------------ the kinds

const HTML = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n';

async function build(kind: HostileFileKind, maxUploadBytes: number): Promise<Buffer> {
  switch (kind) {
    case 'pdf':
      return makePdf();
    case 'jpeg':
      return Buffer.from(makeJpeg());
    case 'pdf-with-javascript':
      return editedPdf((doc) => doc.catalog.set(PDFName.of('OpenAction'), javascriptAction(doc)));
    case 'pdf-with-javascript-in-object-stream':
      // The action is inside a compressed object stream: no byte of the file shows it.
      return editedPdf(
        (doc) =>
          doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(javascriptAction(doc))),
        true,
      );
    case 'pdf-with-javascript-name-tree':
      return editedPdf((doc) => {
        const names = doc.context.obj({
          Names: [PDFString.of('run'), doc.context.register(javascriptAction(doc))],
        });
        doc.catalog.set(PDFName.of('Names'), doc.context.obj({ JavaScript: names }));
      });
    case 'pdf-with-escaped-javascript-name':
      // « /JavaScr#69pt » is /JavaScript once the name's escape is read, as readers do.
      return handWrittenPdf([
        '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
        PAGE_OBJECTS[1] ?? '',
        PAGE_OBJECTS[2] ?? '',
        '<< /S /JavaScr#69pt /#4AS (app.alert\\(1\\)) >>',
      ]);
    case 'pdf-with-embedded-file':
      return editedPdf((doc) =>
        doc.attach(Buffer.from('MZ not really a program'), 'facture.exe', {
          mimeType: 'application/octet-stream',
        }),
      );
    case 'pdf-with-launch-action':
      return editedPdf((doc) => {
        const launch = doc.context.obj({ S: 'Launch', F: PDFString.of('cmd.exe') });
        const link = doc.context.obj({
          Type: 'Annot',
          Subtype: 'Link',
          Rect: [0, 0, 595, 842],
          A: launch,
        });
        doc
          .getPage(0)
          .node.set(PDFName.of('Annots'), doc.context.obj([doc.context.register(link)]));
      });
    case 'pdf-with-xfa-form':
      return editedPdf((doc) => {
        const xfa = doc.context.flateStream('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"/>');
        doc.catalog.set(
          PDFName.of('AcroForm'),
          doc.context.obj({ Fields: [], XFA: doc.context.register(xfa) }),
        );
      });
    case 'pdf-object-stream-bomb':
      return handWrittenPdf([
        ...PAGE_OBJECTS,
        { dict: `<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>`, stream: inflatingBomb() },
      ]);
    case 'pdf-xref-stream-bomb':
      return handWrittenPdf([
        ...PAGE_OBJECTS,
        {
          dict: `<< /Type /XRef /Size 5 /W [1 2 1] /Filter /FlateDecode >>`,
          stream: inflatingBomb(),
        },
      ]);
    case 'encrypted-pdf':
      return handWrittenPdf(
        [...PAGE_OBJECTS, '<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -44 >>'],
        '/Encrypt 4 0 R ',
      );
    case 'encrypted-pdf-xref-stream': {
      const doc = await PDFDocument.load(await makePdf());
      doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: 1, R: 2, P: -44 });
      return Buffer.from(await doc.save({ useObjectStreams: true }));
    }
    case 'truncated-pdf': {
      const pdf = await makePdf();
      return pdf.subarray(0, Math.floor(pdf.length / 2));
    }
    case 'pdf-header-only':
      return Buffer.from('%PDF-1.7\n%%EOF\n');
    case 'pdf-without-pages':
      return handWrittenPdf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [] /Count 0 >>',
      ]);
    case 'pdf-with-trailing-html':
      // A real PDF with 4 KB of HTML after its end: past what readers tolerate after %%EOF.
      return Buffer.concat([await makePdf(), Buffer.from(HTML.repeat(50))]);
    case 'polyglot-pdf-html':
      return Buffer.from(`%PDF-1.4\n${HTML}%%EOF\n`);
    case 'polyglot-html-pdf':
      return Buffer.concat([Buffer.from(HTML), await makePdf()]);
    case 'html-named-pdf':
      return Buffer.from(HTML);
    case 'svg':
      return Buffer.from(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>\n',
      );
    case 'zip-bomb':
      return zipOfZeros(64 * 1024 * 1024);
    case 'gzip':
      return gzipSync(Buffer.alloc(1024 * 1024));
    case 'exe':
      return Buffer.concat([
        Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
        Buffer.alloc(1024),
      ]);
    case 'gif':
      return Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,', 'latin1');
    case 'heic':
      return Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from('ftypheic\x00\x00\x00\x00mif1heic', 'latin1'),
        Buffer.alloc(256),
      ]);
    case 'nul-bytes':
      return Buffer.alloc(4096);
    case 'wrong-magic':
      // One space before the PDF's signature: the first bytes decide, and they are not %PDF-.
      return Buffer.concat([Buffer.from(' '), await makePdf()]);
    case 'empty':
      return Buffer.alloc(0);
    case 'over-limit':
      return Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(maxUploadBytes - 8, 0x20)]);
    case 'far-over-limit':
      return Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * maxUploadBytes, 0x20)]);
    case 'png-huge-dimensions':
      return pngAnnouncing(100_000, 100_000);
    case 'png-zero-dimensions':
      return pngAnnouncing(0, 0);
    case 'jpeg-huge-dimensions':
      return jpegAnnouncing(65_500, 65_500);
    case 'truncated-png':
      return makePng().subarray(0, 20);
    case 'truncated-jpeg':
      return Buffer.from(makeJpeg()).subarray(0, 12);
    case 'polyglot-png-html':
      return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from(HTML),
      ]);
  }
}

/** Makes each kind of file once, for an application whose upload limit is `maxUploadBytes`. */
export class HostileFiles {
  private readonly made = new Map<HostileFileKind, Promise<Buffer>>();

  constructor(private readonly maxUploadBytes: number) {}

  of(kind: HostileFileKind): Promise<Buffer> {
    let file = this.made.get(kind);
    if (!file) {
      file = build(kind, this.maxUploadBytes);
      this.made.set(kind, file);
    }
    return file;
  }
}
