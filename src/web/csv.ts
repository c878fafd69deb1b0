/**
 * CSV as the office's spreadsheets open it: UTF-8 with a byte-order mark (without it Excel reads
 * the file as Windows-1252 and mangles every accent), semicolons between cells (the separator
 * French Excel and LibreOffice expect, since the comma is the decimal mark), CRLF line ends
 * (RFC 4180), every cell quoted with its quotes doubled.
 */

export const CSV_BOM = '\uFEFF';

/**
 * A cell starting with one of these is read as a formula by Excel, LibreOffice and Google
 * Sheets (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`; tab and carriage return are stripped before
 * that check by some of them). Candidates type their own emails and the office its reasons:
 * a leading apostrophe makes such a cell plain text, as OWASP's « CSV injection » advice says.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed number (a phone number stored « +33612345678 ») cannot run anything: kept as is. */
const PLAIN_NUMBER = /^[+-]?\d+$/;

export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One record: its cells, separated by semicolons, ended by CRLF. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(';') + '\r\n';
}
