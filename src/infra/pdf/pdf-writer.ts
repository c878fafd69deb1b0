/**
 * A small flowing-text writer over pdf-lib for A4 documents: headings, paragraphs wrapped to
 * the width, label/value rows, page breaks, and a footer with « page i sur n ».
 *
 * Deterministic: the document's dates are given (never "now"), producer and creator are fixed,
 * pdf-lib writes no /ID and no random name (the standard fonts are not embedded, so there is
 * no subset tag), and the file is written without object streams. The same values give the
 * same bytes.
 *
 * The standard Helvetica fonts only know WinAnsi (Latin-1 plus « » ’ – — € œ …): `sanitize`
 * replaces anything else by its nearest WinAnsi spelling (compatibility forms such as « ᵉ »
 * decomposed, accents dropped, « ? » last).
 */
import { type Color, PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';

export const A4: [number, number] = [595.28, 841.89];
const MARGIN_X = 56;
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 72;
const FOOTER_Y = 36;

export const INK = rgb(0.09, 0.09, 0.09);
export const GREY = rgb(0.35, 0.35, 0.35);
export const BLUE = rgb(0, 0, 0.57); // DSFR « bleu France »

export interface PdfMeta {
  title: string;
  subject: string;
  author: string;
  /** Creation and modification date written in the file. */
  at: Date;
  /** Left part of every page's footer (the page number is added on the right). */
  footer: string;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: Color;
  /** Extra left indent, in points. */
  indent?: number;
  /** Space after the block, in points. */
  after?: number;
}

const REPLACEMENTS: Record<string, string> = {
  '\u202f': ' ', // narrow no-break space (Intl's French formats)
  '\u2009': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2032': '\u2019',
  '\u02bc': '\u2019',
  '\u00ad': '',
  // Letters with a stroke do not decompose into a letter and an accent.
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0126': 'H',
  '\u0127': 'h',
  '\u0131': 'i',
};

export class PdfWriter {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly charset: Set<number>;

  private constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly meta: PdfMeta,
  ) {
    this.charset = new Set(regular.getCharacterSet());
    this.newPage();
  }

  static async create(meta: PdfMeta): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    return new PdfWriter(doc, regular, bold, meta);
  }

  get width(): number {
    return A4[0] - 2 * MARGIN_X;
  }

  get left(): number {
    return MARGIN_X;
  }

  get cursor(): number {
    return this.y;
  }

  get currentPage(): PDFPage {
    return this.page;
  }

  /** Moves the cursor down to `y` if it is above it (e.g. below a picture drawn beside text). */
  moveBelow(y: number): void {
    this.y = Math.min(this.y, y);
  }

  /** Text the standard fonts can encode: see the module comment. */
  sanitize(text: string): string {
    let out = '';
    for (const char of text.replace(/[\t\r\n]+/g, ' ')) {
      const code = char.codePointAt(0) ?? 0;
      if (this.charset.has(code)) {
        out += char;
        continue;
      }
      const replacement = REPLACEMENTS[char];
      if (replacement !== undefined) {
        out += replacement;
        continue;
      }
      const plain = char.normalize('NFKD').replace(/\p{M}/gu, '');
      out +=
        [...plain].every((c) => this.charset.has(c.codePointAt(0) ?? 0)) && plain ? plain : '?';
    }
    return out;
  }

  /** `text` cut into lines no wider than `width` at `size`, breaking between words when it can. */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    const fits = (t: string): boolean => font.widthOfTextAtSize(t, size) <= width;
    for (const word of this.sanitize(text).split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    if (line || lines.length === 0) lines.push(line);
    return lines;
  }

  /** Starts a new page when less than `height` points are left. */
  ensure(height: number): void {
    if (this.y - height < MARGIN_BOTTOM) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** A paragraph wrapped to the width (less `maxWidth` when given). */
  text(text: string, style: TextStyle = {}, maxWidth?: number): void {
    const size = style.size ?? 10;
    const font = style.bold ? this.bold : this.regular;
    const indent = style.indent ?? 0;
    const leading = size * 1.3;
    for (const line of this.wrap(text, font, size, (maxWidth ?? this.width) - indent)) {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, {
        x: MARGIN_X + indent,
        y: this.y + size * 0.25,
        size,
        font,
        color: style.color ?? INK,
      });
    }
    this.y -= style.after ?? 0;
  }

  /** A section title with a rule under it; never left alone at the bottom of a page. */
  heading(text: string, size = 12.5): void {
    this.ensure(size * 1.3 + 40);
    this.y -= 8;
    this.text(text, { size, bold: true, color: BLUE, after: 3 });
    this.page.drawLine({
      start: { x: MARGIN_X, y: this.y },
      end: { x: MARGIN_X + this.width, y: this.y },
      thickness: 0.6,
      color: BLUE,
    });
    this.y -= 6;
  }

  /** « Label : value » as two columns; the value wraps in its column. */
  row(label: string, value: string, labelWidth = 165): void {
    const size = 10;
    const leading = size * 1.3;
    const labelLines = this.wrap(label, this.bold, size, labelWidth - 8);
    const valueLines = this.wrap(value || '—', this.regular, size, this.width - labelWidth);
    const count = Math.max(labelLines.length, valueLines.length);
    if (count * leading < 200) this.ensure(count * leading);
    for (let i = 0; i < count; i += 1) {
      this.ensure(leading);
      this.y -= leading;
      const baseline = this.y + size * 0.25;
      const l = labelLines[i];
      if (l)
        this.page.drawText(l, { x: MARGIN_X, y: baseline, size, font: this.bold, color: GREY });
      const v = valueLines[i];
      if (v)
        this.page.drawText(v, {
          x: MARGIN_X + labelWidth,
          y: baseline,
          size,
          font: this.regular,
          color: INK,
        });
    }
    this.y -= 3;
  }

  /** Writes the footers and metadata, and returns the file's bytes. */
  async save(): Promise<Uint8Array> {
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      const size = 8;
      const right = this.sanitize(`Page ${index + 1} sur ${total}`);
      const rightWidth = this.regular.widthOfTextAtSize(right, size);
      const left = this.wrap(this.meta.footer, this.regular, size, this.width - rightWidth - 12);
      page.drawLine({
        start: { x: MARGIN_X, y: FOOTER_Y + 12 },
        end: { x: MARGIN_X + this.width, y: FOOTER_Y + 12 },
        thickness: 0.4,
        color: GREY,
      });
      page.drawText(left[0] ?? '', {
        x: MARGIN_X,
        y: FOOTER_Y,
        size,
        font: this.regular,
        color: GREY,
      });
      page.drawText(right, {
        x: MARGIN_X + this.width - rightWidth,
        y: FOOTER_Y,
        size,
        font: this.regular,
        color: GREY,
      });
    });
    const doc = this.doc;
    doc.setTitle(this.sanitize(this.meta.title));
    doc.setSubject(this.sanitize(this.meta.subject));
    doc.setAuthor(this.sanitize(this.meta.author));
    doc.setLanguage('fr-FR');
    doc.setProducer('candidat');
    doc.setCreator('candidat');
    doc.setCreationDate(this.meta.at);
    doc.setModificationDate(this.meta.at);
    return doc.save({ useObjectStreams: false });
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN_TOP;
  }
}
