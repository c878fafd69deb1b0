/**
 * « Pièce à redéposer avant le »: the instant a refused document stays open to the candidate,
 * entered by the office as a Paris date and time. Offered by default 15 days later at 23 h 59,
 * time enough to get a document again by post; it must be in the future, and within a year so
 * that a typing slip (2205 for 2025) does not leave a document open for ever.
 */
import { validationError } from '../../errors.js';
import {
  WallClockError,
  addDays,
  fromParisWallClock,
  isCalendarDay,
  parisDay,
} from '../../time/paris-time.js';

export const DEFAULT_REOPENING_DAYS = 15;
export const DEFAULT_REOPENING_TIME = '23:59';
const MAX_REOPENING_MS = 366 * 86_400_000;

/** The form's fields: `date` (YYYY-MM-DD) and `heure` (HH:MM), Paris time. */
export const DEADLINE_FIELDS = { date: 'date', time: 'heure' } as const;

export interface WallClockDeadline {
  date: string;
  time: string;
}

export function defaultReopeningDeadline(now: Date): WallClockDeadline {
  return { date: addDays(parisDay(now), DEFAULT_REOPENING_DAYS), time: DEFAULT_REOPENING_TIME };
}

/** The instant the office typed, or a French refusal on the field that is wrong. */
export function parseReopeningDeadline(typed: WallClockDeadline, now: Date): Date {
  if (!isCalendarDay(typed.date))
    throw validationError({ [DEADLINE_FIELDS.date]: 'Indiquez une date qui existe (JJ/MM/AAAA).' });
  let deadline: Date;
  try {
    deadline = fromParisWallClock(typed.date, typed.time);
  } catch (error) {
    // The day is valid: what is left is the time's format, or an hour a DST change skips or repeats.
    if (!(error instanceof WallClockError)) throw error;
    throw validationError({
      [DEADLINE_FIELDS.time]: `Cette heure ne convient pas : ${error.message}.`,
    });
  }
  if (deadline.getTime() <= now.getTime())
    throw validationError({
      [DEADLINE_FIELDS.date]: 'La date limite doit être dans le futur.',
    });
  if (deadline.getTime() - now.getTime() > MAX_REOPENING_MS)
    throw validationError({
      [DEADLINE_FIELDS.date]: 'La date limite doit être dans moins d’un an.',
    });
  return deadline;
}
