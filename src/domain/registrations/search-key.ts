/**
 * The form of a name the office searches on: accents dropped, lower case, letters only
 * (« Le Gall-Hervé » → "legallherve"). Letters-only keys sort the same under every collation
 * (C on SQLite, the database's own on PostgreSQL), so a prefix search is an index range.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** The inclusive upper end of the range of keys that start with `prefix`. */
export function prefixRangeEnd(prefix: string): string {
  // Past any name that starts with the prefix: names are far shorter than 64 letters.
  return prefix + 'z'.repeat(64);
}
