/**
 * A QR code drawn as vector squares on a PDF page: sharp at any zoom and in print, and
 * deterministic (no bitmap, no compression settings). Each row's run of dark modules is one
 * rectangle, so readers see no seams between modules.
 */
import QRCode from 'qrcode';
import { type PDFPage, rgb } from 'pdf-lib';

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

/** The symbol's modules: `dark[row][column]`, row 0 at the top. */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => modules.get(row, column) === 1),
  );
}

/** Side of the whole drawing (quiet zone included) for `text` at `module` points per module. */
export function qrSide(text: string, module: number): number {
  return (qrModules(text).length + 2 * QUIET_ZONE) * module;
}

export function drawQrCode(page: PDFPage, text: string, at: QrPlacement): void {
  const dark = qrModules(text);
  const side = (dark.length + 2 * QUIET_ZONE) * at.module;
  page.drawRectangle({
    x: at.x,
    y: at.top - side,
    width: side,
    height: side,
    color: rgb(1, 1, 1),
  });
  dark.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c += 1;
      page.drawRectangle({
        x: at.x + (QUIET_ZONE + start) * at.module,
        y: at.top - (QUIET_ZONE + r + 1) * at.module,
        width: (c - start) * at.module,
        height: at.module,
        color: rgb(0, 0, 0),
      });
    }
  });
}
