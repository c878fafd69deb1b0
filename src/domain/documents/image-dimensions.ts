/**
 * The size an uploaded image announces in its header — PNG's IHDR chunk, JPEG's frame header
 * (SOFn) — read before anyone opens it. A file of a few kilobytes can announce billions of
 * pixels, which the office's browser would try to decode (a decompression bomb); one whose
 * header is missing or cut is no image anybody could open.
 */

export interface ImageDimensions {
  width: number;
  height: number;
}

/** More pixels than any scan or photo of a document needs (a 200-megapixel phone's photo is 2). */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** A PNG's signature, then its IHDR chunk's length, type, width and height. */
export const PNG_HEADER_LENGTH = 24;

/** The dimensions of a PNG, from the IHDR chunk that must follow its signature. */
export function pngDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < PNG_HEADER_LENGTH || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR')
    return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start of frame markers: C0 to CF, except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * The dimensions of a JPEG, from its first frame header, walking the segments before it as
 * the bytes come (metadata may fill megabytes before it): nothing but a few bytes is kept.
 */
export async function jpegDimensions(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<ImageDimensions | undefined> {
  let carried = new Uint8Array(0); // the start of a segment header cut between two chunks
  let skip = -2; // negative: the start-of-image marker still to read
  for await (const chunk of chunks) {
    const bytes = new Uint8Array(carried.length + chunk.length);
    bytes.set(carried);
    bytes.set(chunk, carried.length);
    let at = 0;
    if (skip < 0) {
      if (bytes.length < 2) {
        carried = bytes;
        continue;
      }
      if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
      at = 2;
      skip = 0;
    }
    for (;;) {
      const skipped = Math.min(skip, bytes.length - at);
      at += skipped;
      skip -= skipped;
      if (skip > 0 || at + 2 > bytes.length) break;
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1] ?? 0;
      if (marker === 0xff) {
        at += 1; // fill byte
        continue;
      }
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
        at += 2; // markers without a length
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) return undefined; // the end, or data before a frame
      if (at + 4 > bytes.length) break;
      const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
      if (length < 2) return undefined;
      if (isStartOfFrame(marker)) {
        if (at + 9 > bytes.length) break;
        return {
          height: ((bytes[at + 5] ?? 0) << 8) | (bytes[at + 6] ?? 0),
          width: ((bytes[at + 7] ?? 0) << 8) | (bytes[at + 8] ?? 0),
        };
      }
      at += 2;
      skip = length;
    }
    carried = bytes.subarray(at);
  }
  return undefined;
}
