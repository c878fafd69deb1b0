/** The pure rules about uploaded files: the type by content, the display name, sizes in French. */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { displayName } from '../../src/domain/documents/file-name.js';
import { formatSize } from '../../src/domain/documents/file-size.js';
import { sniffMediaType } from '../../src/domain/documents/media-type.js';
import { inspectPdf } from '../../src/infra/storage/pdf-inspector.js';

describe('sniffMediaType', () => {
  it('reads the first bytes, nothing else', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(sniffMediaType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from(' %PDF-1.7'))).toBeUndefined();
    expect(sniffMediaType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('displayName', () => {
  it('keeps the last path component only', () => {
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(displayName('C:\\Users\\camille\\scan.pdf')).toBe('scan.pdf');
    expect(displayName('..')).toBe('fichier');
    expect(displayName('.hidden.pdf')).toBe('hidden.pdf');
  });

  it('removes control and invisible formatting characters', () => {
    expect(displayName('facture\u202Efdp.exe')).toBe('facturefdp.exe');
    expect(displayName('a\u0000b\u0007c\u200Bd\u2066e\uFEFF.pdf')).toBe('abcde.pdf');
    expect(displayName('  carte\t\nidentité  .pdf ')).toBe('carte identité .pdf');
    expect(displayName('\u202E\u0000')).toBe('fichier');
  });

  it('caps the length and keeps the extension', () => {
    const name = displayName(`${'é'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('….pdf')).toBe(true);
  });
});

describe('formatSize', () => {
  it('says sizes in French binary units', () => {
    expect(formatSize(10 * 1024 * 1024)).toBe('10 Mo');
    expect(formatSize(1536 * 1024)).toBe('1,5 Mo');
    expect(formatSize(262_144)).toBe('256 Ko');
    expect(formatSize(1)).toBe('1 octet');
    expect(formatSize(999)).toBe('999 octets');
  });
});

describe('inspectPdf', () => {
  it('accepts a PDF with cross-reference streams, refuses one whose stream names /Encrypt', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect(await inspectPdf(Buffer.from(await doc.save({ useObjectStreams: true })))).toBe('ok');
    // No classic trailer here: the /Encrypt entry is in the cross-reference stream's dictionary.
    doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: 'Standard', V: 1, R: 2, P: -44 });
    const encrypted = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(encrypted.toString('latin1')).not.toContain('trailer');
    expect(await inspectPdf(encrypted)).toBe('encrypted');
  });

  it('refuses what is not a PDF at all', async () => {
    expect(await inspectPdf(Buffer.from('%PDF-1.7\nnot really\n%%EOF\n'))).toBe('broken');
  });
});
