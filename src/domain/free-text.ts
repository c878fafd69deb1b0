/**
 * Free text typed into a form — a candidate's message, the office's answer or reason, a pôle's
 * name — is kept as typed, line breaks and tabs included, but never with other control
 * characters: no keyboard types them, a terminal or a mail client may act on them (escape
 * sequences), and PostgreSQL refuses the NUL character in text (a 500 there, where SQLite
 * would store it).
 */
const CONTROL_CHARACTER = /[^\P{Cc}\t\n\r]/u;

export const CONTROL_CHARACTERS_MESSAGE =
  'Ce texte contient des caractères non autorisés (caractères de contrôle invisibles). Retapez-le, ou collez-le sans mise en forme.';

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
