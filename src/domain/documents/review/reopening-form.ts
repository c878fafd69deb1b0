/**
 * What the office gives the candidate when it reopens one document, by « Refuser » or by
 * « Réclamer la pièce »: its own words, shown in the mail and in « Mes justificatifs »
 * (MAX_REFUSAL_TEXT characters at most, no control characters), and « Pièce à redéposer avant
 * le » (reopening-deadline.ts). Read together, every wrong field named at once.
 */
import { DomainError } from '../../errors.js';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../../free-text.js';
import { MAX_REFUSAL_TEXT } from './refusal-reasons.js';
import { type WallClockDeadline, parseReopeningDeadline } from './reopening-deadline.js';

/** The field of the office's words, in both forms. */
export const OFFICE_TEXT_FIELD = 'precision';

export interface TypedReopening {
  /** The office's words, as typed. */
  text: string;
  /** Paris date and time, as typed. */
  deadline: WallClockDeadline;
}

/**
 * The text trimmed and the deadline, or undefined where a field is wrong, its error added to
 * `errors`. `noun` names the text in the error (« Le motif », « Le message »).
 */
export function readReopening(
  typed: TypedReopening,
  now: Date,
  noun: string,
  errors: Record<string, string>,
): { text: string; reopenedUntil: Date | undefined } {
  const text = typed.text.trim();
  if ([...text].length > MAX_REFUSAL_TEXT)
    errors[OFFICE_TEXT_FIELD] = `${noun} ne doit pas dépasser ${MAX_REFUSAL_TEXT} caractères.`;
  else if (hasControlCharacters(text)) errors[OFFICE_TEXT_FIELD] = CONTROL_CHARACTERS_MESSAGE;
  let reopenedUntil: Date | undefined;
  try {
    reopenedUntil = parseReopeningDeadline(typed.deadline, now);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'validation') throw error;
    Object.assign(errors, error.details.fieldErrors);
  }
  return { text, reopenedUntil };
}
