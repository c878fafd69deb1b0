/**
 * A QR code drawn as vector squares on a PDF page: sharp at any zoom and in print, and
 * deterministic (no bitmap, no compression settings). Each row's run of dark modules is one
 * rectangle, so readers see no seams between modules.
 *
 * The rectangles go into a content stream of their own, written here as PDF operators in
 * module units (one `cm` scales them), rather than one pdf-lib `drawRectangle` each: pdf-lib
 * wraps every rectangle in its own graphics state and numbers, which made the QR code half of
 * the récapitulatif's drawing time (bench/README.md, « Drawing the récapitulatif »).
 */
import QRCode from 'qrcode';
import type { PDFPage } from 'pdf-lib';

/** Four modules of white around the symbol, as the standard asks. */
export const QUIET_ZONE = 4;

export interface QrPlacement {
  /** Left edge of the quiet zone, in points. */
  x: number;
  /** Top edge of the quiet zone, in points. */
  top: number;
  /** Side of one module, in points. */
  module: number;
}

/** A symbol's modules: `dark[row][column]`, row 0 at the top. */
export interface QrSymbol {
  dark: boolean[][];
}

/**
 * The symbol of `text`, encoded as one byte segment: our texts are URLs, and qrcode's search
 * for the shortest mix of segments cost more than the rest of the symbol for a few bits.
 */
export function qrSymbol(text: string): QrSymbol {
  const { modules } = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  const dark = Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => modules.get(row, column) === 1),
  );
  return { dark };
}

/** Side of the whole drawing (quiet zone included) at `module` points per module. */
export function qrSide(symbol: QrSymbol, module: number): number {
  return (symbol.dark.length + 2 * QUIET_ZONE) * module;
}

export function drawQrCode(page: PDFPage, symbol: QrSymbol, at: QrPlacement): void {
  const size = symbol.dark.length + 2 * QUIET_ZONE;
  const bottom = at.top - size * at.module;
  const ops = [
    // Saved and restored around the drawing: the page's other streams see no change.
    'q',
    `${at.module.toFixed(4)} 0 0 ${at.module.toFixed(4)} ${at.x.toFixed(4)} ${bottom.toFixed(4)} cm`,
    `1 g 0 0 ${size} ${size} re f`,
    '0 g',
  ];
  symbol.dark.forEach((row, r) => {
    const y = size - QUIET_ZONE - r - 1;
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c += 1;
      ops.push(`${QUIET_ZONE + start} ${y} ${c - start} 1 re`);
    }
  });
  ops.push('f', 'Q');
  const context = page.doc.context;
  page.node.addContentStream(context.register(context.flateStream(ops.join('\n'))));
}
