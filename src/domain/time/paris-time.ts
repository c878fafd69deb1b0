/**
 * Instants are stored in UTC and shown in Europe/Paris wall-clock time, in the notice's style:
 * "13 novembre 2024 à 19 h 00", "1er novembre 2024 à 0 h 00".
 */
const parts = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

// formatToParts costs microseconds and the public calendar showed it at 11 % of its profile,
// formatting the same few window instants on every page: remember the text by minute.
const formattedByMinute = new Map<number, string>();
const MAX_REMEMBERED = 10_000;

export function formatParisDateTime(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  const known = formattedByMinute.get(minute);
  if (known !== undefined) return known;
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  const day = p.day === '1' ? '1er' : p.day;
  const text = `${day} ${p.month} ${p.year} à ${p.hour} h ${p.minute}`;
  if (formattedByMinute.size >= MAX_REMEMBERED) formattedByMinute.clear();
  formattedByMinute.set(minute, text);
  return text;
}

/** "10 h 15": the time of day in Paris, for "réessayez à partir de 10 h 15". */
export function formatParisTime(instant: Date): string {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.hour} h ${p.minute}`;
}

const DAY_MS = 86_400_000;

const numericParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Paris wall clock at `instant`, read as if it were UTC (milliseconds since the epoch). */
function parisWallClockMs(instant: number): number {
  const p = Object.fromEntries(
    numericParts.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]),
  );
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second);
}

/** A wall-clock date or time the catalogue's author wrote wrong: the message says why, in French. */
export class WallClockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WallClockError';
  }
}

/** Splits "YYYY-MM-DD" into numbers, refusing a day that does not exist (2025-02-30). */
function parseDay(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new WallClockError(`« ${date} » n’est pas une date au format AAAA-MM-JJ`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    throw new WallClockError(`le ${date} n’existe pas dans le calendrier`);
  }
  return { year, month, day };
}

/** True when `date` is a real calendar day written "YYYY-MM-DD". */
export function isCalendarDay(date: string): boolean {
  try {
    parseDay(date);
    return true;
  } catch {
    return false;
  }
}

/**
 * The UTC instant at which Paris clocks show `date` ("YYYY-MM-DD") at `time` ("HH:MM"). Refuses,
 * with a French message, a time the clocks skip when summer time starts (2025-03-30 02:30) and
 * one they show twice when it ends (2024-10-27 02:30): the author must say which instant is meant.
 */
export function fromParisWallClock(date: string, time: string): Date {
  const { year, month, day } = parseDay(date);
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const [hour, minute] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || hour > 23 || minute > 59) {
    throw new WallClockError(`« ${time} » n’est pas une heure au format HH:MM (de 00:00 à 23:59)`);
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Paris is UTC+1 or UTC+2: try the offsets in force the day before and the day after.
  const offsets = new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => parisWallClockMs(t) - t));
  const instants = [...offsets]
    .map((offset) => wall - offset)
    .filter((t) => parisWallClockMs(t) === wall);
  const unique = [...new Set(instants)];
  if (unique.length === 0) {
    throw new WallClockError(
      `le ${date} à ${time} n’existe pas à Paris : les horloges sautent cette heure au passage à l’heure d’été`,
    );
  }
  if (unique.length > 1) {
    throw new WallClockError(
      `le ${date} à ${time} est ambigu à Paris : cette heure a lieu deux fois au passage à l’heure d’hiver`,
    );
  }
  return new Date(unique[0] ?? NaN);
}

/**
 * What Paris clocks show at `instant`, as the catalogue writes it: "YYYY-MM-DD" and "HH:MM"
 * (seconds dropped: catalogue instants are whole minutes). The inverse of `fromParisWallClock`.
 */
export function parisWallClock(instant: Date): { date: string; time: string } {
  const iso = new Date(parisWallClockMs(instant.getTime())).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The calendar day in Paris at `instant`, "YYYY-MM-DD". */
export function parisDay(instant: Date): string {
  return new Date(parisWallClockMs(instant.getTime())).toISOString().slice(0, 10);
}

/** `date` ("YYYY-MM-DD") plus `days` calendar days (negative to go back). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDay(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
