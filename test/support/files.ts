/**
 * Small valid files of each type a candidate may upload, made here: a PDF by pdf-lib, a JPEG
 * by jpeg-js, a PNG by pngjs.
 */
import jpeg from 'jpeg-js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';

/** A one-page A4 PDF showing `text`, without object streams (as older tools write it). */
export async function makePdf(text = 'Carte nationale d identite'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, {
    x: 50,
    y: 780,
    size: 14,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A 32 × 24 JPEG. */
export function makeJpeg(): Buffer {
  const width = 32;
  const height = 24;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([200, (i / 4) % 256, 80, 255], i);
  return Buffer.from(jpeg.encode({ data, width, height }, 85).data);
}

/** A 16 × 16 PNG. */
export function makePng(): Buffer {
  const png = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([0, 0, 145, 255], i);
  return PNG.sync.write(png);
}
