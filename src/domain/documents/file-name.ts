/**
 * The name a file had on the candidate's machine is kept only to be shown back to them. It is
 * cleaned first: no folders (« ../../etc/passwd »), no control characters, no invisible
 * formatting characters such as the right-to-left override (U+202E) that makes
 * « facture‮fdp.exe » read as « facture.exe.pdf », and a bounded length.
 */

export const MAX_DISPLAY_NAME_LENGTH = 120;
const FALLBACK = 'fichier';

export function displayName(original: string): string {
  const base = original.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\t\n\v\f\r]/g, ' ')
    // Cc: control characters; Cf: format characters (bidi overrides and isolates, zero-width
    // joiners, BOM…); Co, Cs, Cn: private use, lone surrogates, unassigned.
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/u, '')
    .trim();
  if (!cleaned) return FALLBACK;
  const chars = [...cleaned];
  if (chars.length <= MAX_DISPLAY_NAME_LENGTH) return cleaned;
  // Too long: keep the start and a short extension (« …pdf »), so the name still says its type.
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  const kept = extension.length > 0 && extension.length <= 10 ? extension : [];
  return (
    chars
      .slice(0, MAX_DISPLAY_NAME_LENGTH - kept.length - 1)
      .join('')
      .trimEnd() +
    '…' +
    kept.join('')
  );
}
