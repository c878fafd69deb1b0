/**
 * The verification code printed on a récapitulatif: it names one registration and one version
 * and carries a MAC under the server's key (RECEIPT_KEY), so nobody can make up a code that
 * the portal accepts. Pure given the key.
 *
 * Format, in Crockford's base32 (0-9 and A-Z without I, L, O, U; read case-insensitively, with
 * O read as 0 and I or L as 1, spaces and hyphens ignored), shown in groups of four:
 *
 *   H  S…S  V…V  M M M M M M M M M M
 *
 * - H, one character: the lengths of the two next fields, ((|S| − 1) × 4) + (|V| − 1);
 * - S, 1 to 8 characters: the registration's sequence, the number at the end of
 *   « 2025-BCP-000123 » (the session and exam are not spelt out: see `readReceiptCode`);
 * - V, 1 to 4 characters: the version;
 * - M, 10 characters: the first 50 bits of HMAC-SHA256(key, "candidat-receipt-v1|number|version").
 *
 * Both numbers are written without leading zeros, so each registration version has exactly
 * one code. A typical code is 14 characters, e.g. « 43V2-PN9M-1HWF-V8 ».
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));
const MAC_CHARS = 10;
const MAX_SEQUENCE_CHARS = 8;
const MAX_VERSION_CHARS = 4;
/** Anything longer than the longest code, separators included, is refused before any work. */
export const MAX_CODE_INPUT = 48;

export interface ReceiptRef {
  number: string;
  version: number;
}

/** The sequence at the end of a registration number (« 2025-BCP-000123 » → 123). */
export function sequenceOf(number: string): number {
  const match = /-(\d{1,12})$/.exec(number);
  if (!match) throw new Error(`registration number without a sequence: ${number}`);
  return Number(match[1]);
}

function toBase32(value: number): string {
  let text = '';
  do {
    text = (ALPHABET[value % 32] ?? '') + text;
    value = Math.floor(value / 32);
  } while (value > 0);
  return text;
}

function fromBase32(text: string): number {
  let value = 0;
  for (const c of text) value = value * 32 + (VALUES.get(c) ?? 0);
  return value;
}

function mac(key: string, ref: ReceiptRef): string {
  const digest = createHmac('sha256', key)
    .update(`candidat-receipt-v1|${ref.number}|${ref.version}`, 'utf8')
    .digest();
  let text = '';
  for (let i = 0; i < MAC_CHARS; i += 1) {
    // Five bits at a time, from the start of the digest.
    const bit = i * 5;
    const pair = ((digest[bit >> 3] ?? 0) << 8) | (digest[(bit >> 3) + 1] ?? 0);
    text += ALPHABET[(pair >> (11 - (bit & 7))) & 31];
  }
  return text;
}

/** The code of `ref`, without separators (see `formatReceiptCode` to show it). */
export function signReceiptCode(key: string, ref: ReceiptRef): string {
  const sequence = toBase32(sequenceOf(ref.number));
  if (!Number.isSafeInteger(ref.version) || ref.version < 1)
    throw new Error(`invalid version ${ref.version}`);
  const version = toBase32(ref.version);
  if (sequence.length > MAX_SEQUENCE_CHARS || version.length > MAX_VERSION_CHARS)
    throw new Error(`sequence or version too large for a receipt code: ${ref.number}`);
  const header = ALPHABET[(sequence.length - 1) * 4 + (version.length - 1)] ?? '';
  return header + sequence + version + mac(key, ref);
}

/** « 21K1MCFD4Y9T2P » → « 21K1-MCFD-4Y9T-2P »: easier to read aloud and to type. */
export function formatReceiptCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/**
 * What was typed, as canonical characters: upper case, separators dropped, O read as 0 and
 * I or L as 1. Undefined when it is too long or holds a character outside the alphabet.
 */
export function normalizeReceiptCode(input: string): string | undefined {
  if (input.length > MAX_CODE_INPUT) return undefined;
  const text = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (text.length === 0 || ![...text].every((c) => VALUES.has(c))) return undefined;
  return text;
}

/**
 * The registration version a code names, or undefined for anything the portal did not issue
 * (forged, altered, truncated, extended, garbage). The code carries the sequence but not the
 * session and exam: `numbersFor(sequence)` lists the registration numbers that sequence could
 * be (one per session and exam of the catalogue), and the one whose MAC matches is the answer.
 * A forgery would have to match one of a few dozen 50-bit MACs.
 */
export function readReceiptCode(
  key: string,
  input: string,
  numbersFor: (sequence: number) => readonly string[],
): ReceiptRef | undefined {
  const code = normalizeReceiptCode(input);
  if (!code) return undefined;
  const header = VALUES.get(code[0] ?? '');
  if (header === undefined) return undefined;
  const sequenceChars = (header >> 2) + 1;
  const versionChars = (header & 3) + 1;
  if (code.length !== 1 + sequenceChars + versionChars + MAC_CHARS) return undefined;
  const sequenceText = code.slice(1, 1 + sequenceChars);
  const versionText = code.slice(1 + sequenceChars, 1 + sequenceChars + versionChars);
  // Leading zeros would give a second spelling of the same code.
  if (/^0./.test(sequenceText) || /^0/.test(versionText)) return undefined;
  const sequence = fromBase32(sequenceText);
  const version = fromBase32(versionText);
  const given = Buffer.from(code.slice(-MAC_CHARS), 'ascii');
  let found: ReceiptRef | undefined;
  for (const number of numbersFor(sequence)) {
    if (sequenceOf(number) !== sequence) continue;
    const expected = Buffer.from(mac(key, { number, version }), 'ascii');
    if (timingSafeEqual(given, expected)) found ??= { number, version };
  }
  return found;
}
