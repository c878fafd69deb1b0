/**
 * The verification code of a récapitulatif: what it carries, how it is read (case, separators,
 * look-alike characters), and that nothing the portal did not issue is accepted.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_CODE_INPUT,
  formatReceiptCode,
  normalizeReceiptCode,
  readReceiptCode,
  sequenceOf,
  signReceiptCode,
} from '../../src/domain/receipts/receipt-code.js';
import { initialsOf } from '../../src/domain/receipts/verify-receipt.js';
import { registrationNumber } from '../../src/domain/registrations/registration.js';

const KEY = 'a receipt key that is long enough for the tests';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const WINDOWS = [
  ['2025', 'BCP'],
  ['2025', 'CS'],
  ['2025', 'BP'],
  ['demo', 'BCP'],
] as const;
const numbersFor = (sequence: number): string[] =>
  WINDOWS.map(([session, exam]) => registrationNumber(session, exam, sequence));
const read = (code: string, key = KEY) => readReceiptCode(key, code, numbersFor);

/** Every code that differs from `code` by one character replaced with another of the alphabet. */
function oneCharacterOff(code: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i < code.length; i += 1)
    for (const c of ALPHABET)
      if (c !== code[i]) variants.push(code.slice(0, i) + c + code.slice(i + 1));
  return variants;
}

describe('receipt codes', () => {
  it('names the registration and version it was made for, in 14 characters for a usual one', () => {
    const code = signReceiptCode(KEY, { number: '2025-BCP-000123', version: 2 });
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{14}$/);
    expect(read(code)).toEqual({ number: '2025-BCP-000123', version: 2 });
    expect(formatReceiptCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
  });

  it('tells apart sessions and exams that share a sequence, and versions', () => {
    const codes = new Set<string>();
    for (const [session, exam] of WINDOWS)
      for (const version of [1, 2, 31, 32, 1000]) {
        const number = registrationNumber(session, exam, 7);
        const code = signReceiptCode(KEY, { number, version });
        expect(read(code)).toEqual({ number, version });
        codes.add(code);
      }
    expect(codes.size).toBe(WINDOWS.length * 5);
  });

  it('holds large sequences and versions', () => {
    for (const [sequence, version] of [
      [1, 1],
      [999_999, 1],
      [1_234_567_890, 1_000_000],
    ] as const) {
      const number = registrationNumber('2025', 'BP', sequence);
      expect(read(signReceiptCode(KEY, { number, version }))).toEqual({ number, version });
    }
    expect(() => signReceiptCode(KEY, { number: '2025-BP-000001', version: 0 })).toThrow();
    expect(() => signReceiptCode(KEY, { number: '2025-BP', version: 1 })).toThrow();
  });

  it('is read whatever the case and separators, with O for 0 and I or L for 1', () => {
    const code = signReceiptCode(KEY, { number: '2025-CS-000010', version: 3 });
    const expected = { number: '2025-CS-000010', version: 3 };
    expect(read(formatReceiptCode(code).toLowerCase())).toEqual(expected);
    expect(read(` ${code.match(/.{1,2}/g)?.join(' ')} `)).toEqual(expected);
    const lookalikes = code.replace(/0/g, 'o').replace(/1/g, 'l');
    expect(read(lookalikes)).toEqual(expected);
    expect(normalizeReceiptCode('ab-cd io l')).toBe('ABCD101');
  });

  it('refuses every code one character off, truncated or extended', () => {
    const code = signReceiptCode(KEY, { number: '2025-BCP-000123', version: 2 });
    const variants = oneCharacterOff(code);
    expect(variants.length).toBe(code.length * 31);
    for (const variant of variants) expect(read(variant), variant).toBeUndefined();
    for (let length = 0; length < code.length; length += 1)
      expect(read(code.slice(0, length))).toBeUndefined();
    for (const c of ALPHABET) expect(read(code + c)).toBeUndefined();
  });

  it('refuses garbage, over-long input, other keys and numbers outside the catalogue', () => {
    const code = signReceiptCode(KEY, { number: '2025-BCP-000123', version: 2 });
    for (const garbage of ['', '-', 'hello world', 'ÉCOLE', '%00', '<script>', 'U'.repeat(14)])
      expect(read(garbage)).toBeUndefined();
    expect(read('0'.repeat(MAX_CODE_INPUT + 1))).toBeUndefined();
    expect(read(code + '-'.repeat(MAX_CODE_INPUT))).toBeUndefined();
    expect(read(code, 'another key, just as long as the real one')).toBeUndefined();
    const elsewhere = signReceiptCode(KEY, { number: '2024-BCP-000123', version: 2 });
    expect(read(elsewhere)).toBeUndefined();
  });

  it('has one spelling per version: leading zeros are refused', () => {
    const code = signReceiptCode(KEY, { number: '2025-BCP-000005', version: 1 });
    // Header 0: one character of sequence, one of version. With a zero in front, the header says 2 + 1.
    expect(code.slice(0, 3)).toBe('051');
    const padded = `4${'0'}${code.slice(1)}`;
    expect(read(padded)).toBeUndefined();
  });

  it('reads the sequence at the end of a registration number', () => {
    expect(sequenceOf('2025-BCP-000123')).toBe(123);
    expect(sequenceOf('demo-x-BCP-000001')).toBe(1);
    expect(() => sequenceOf('2025-BCP-')).toThrow();
  });
});

describe('initials', () => {
  it('keeps the first first name and the birth name, nothing else', () => {
    expect(initialsOf({ firstNames: 'Camille Marie', birthName: 'Dupont' })).toBe('C. D.');
    expect(initialsOf({ firstNames: 'jean-pierre', birthName: 'de Lattre' })).toBe('J.-P. D.');
    expect(initialsOf({ firstNames: '  Élodie ', birthName: 'Œttinger' })).toBe('É. Œ.');
  });
});
