/**
 * The files the virtual candidates upload, made here: a JPEG photo (jpeg-js) and PDFs holding
 * one page with a scanned image on it (pdf-lib), as a scanner or a phone would produce them.
 * They are brought to an exact size with JPEG comment segments (which every reader skips), so
 * "a 300 KB PDF" is 300 × 1024 bytes and opens in any viewer and in the portal's PDF check.
 */
import { randomBytes } from 'node:crypto';
import jpeg from 'jpeg-js';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export const KB = 1024;

export interface UploadFile {
  name: string;
  type: 'application/pdf' | 'image/jpeg';
  bytes: Buffer;
}

/** A small real photo-like image (noise over a gradient), about 60 KB. */
function baseJpeg(): Buffer {
  const width = 320;
  const height = 240;
  const data = Buffer.alloc(width * height * 4);
  const noise = randomBytes(width * height);
  for (let i = 0; i < width * height; i += 1) {
    const n = noise[i] ?? 0;
    data[i * 4] = (i % width) * 0.6 + (n >> 2);
    data[i * 4 + 1] = Math.floor(i / width) + (n >> 3);
    data[i * 4 + 2] = 120 + (n >> 2);
    data[i * 4 + 3] = 255;
  }
  return Buffer.from(jpeg.encode({ data, width, height }, 85).data);
}

/** `image` grown by `extra` bytes (exactly, from 4 on) of comment segments after its SOI. */
function padJpeg(image: Buffer, extra: number): Buffer {
  if (extra < 4) return image;
  // A segment is FF FE, a 2-byte length (itself included), then the payload: 4 to 65,537 bytes.
  const count = Math.ceil(extra / 65_537);
  const segments: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    const total = Math.floor(extra / count) + (i < extra % count ? 1 : 0);
    segments.push(comment(total - 4));
  }
  return Buffer.concat([image.subarray(0, 2), ...segments, image.subarray(2)]);
}

function comment(payload: number): Buffer {
  const segment = Buffer.alloc(payload + 4);
  segment[0] = 0xff;
  segment[1] = 0xfe;
  segment.writeUInt16BE(payload + 2, 2);
  randomBytes(payload).copy(segment, 4);
  return segment;
}

/** A JPEG of exactly `size` bytes. */
export function jpegOfSize(size: number, name: string): UploadFile {
  const image = baseJpeg();
  return { name, type: 'image/jpeg', bytes: padJpeg(image, size - image.length) };
}

async function scannedPdf(image: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Document numerise pour le banc d essai', {
    x: 50,
    y: 800,
    size: 12,
    font,
  });
  const embedded = await doc.embedJpg(image);
  page.drawImage(embedded, { x: 50, y: 300, width: 495, height: 371 });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A one-page PDF (a scanned image on it) of `size` bytes, give or take a few. */
export async function pdfOfSize(size: number, name: string): Promise<UploadFile> {
  const image = baseJpeg();
  const bare = await scannedPdf(image);
  const bytes = await scannedPdf(padJpeg(image, size - bare.length));
  return { name, type: 'application/pdf', bytes };
}
