/**
 * Reads the PDF files the portal makes as a person would: their text (pdf.js) and their pages
 * as pixels (pdf.js drawing on @napi-rs/canvas), to decode the QR code printed on them with
 * jsQR. Everything is local: pdf.js's standard font data comes from its own package.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const STANDARD_FONTS = `${path.join(pdfjsDir, 'standard_fonts')}/`;

async function open(bytes: Uint8Array) {
  return getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

/** The text of every page, white space (line ends included) folded to single spaces. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await open(bytes);
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return pages.join(' ').replace(/\s+/g, ' ').trim();
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const pdf = await open(bytes);
  const count = pdf.numPages;
  await pdf.destroy();
  return count;
}

export interface Raster {
  data: Uint8ClampedArray;
  width: number;
  height: number;
  png(): Buffer;
}

/** Page `n` (from 1) drawn at `scale` × 72 dpi. */
export async function rasterizePage(bytes: Uint8Array, n = 1, scale = 2): Promise<Raster> {
  const pdf = await open(bytes);
  const page = await pdf.getPage(n);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  await page.render({
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
  }).promise;
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  await pdf.destroy();
  return {
    data: new Uint8ClampedArray(image.data.buffer),
    width: image.width,
    height: image.height,
    png: () => canvas.toBuffer('image/png'),
  };
}

/** The text of the QR code found on page `n`, or undefined. */
export async function qrOnPage(bytes: Uint8Array, n = 1): Promise<string | undefined> {
  const raster = await rasterizePage(bytes, n);
  // jsqr is CommonJS whose module is the function itself, with `default` pointing back to it.
  return jsQR.default(raster.data, raster.width, raster.height)?.data;
}
