/**
 * Counts per Paris calendar day from counts per UTC hour.
 *
 * Instants are stored as ISO-8601 UTC text, and the two databases have no common way to shift
 * a text instant into Europe/Paris (SQLite has no time-zone data; PostgreSQL's `AT TIME ZONE`
 * does not exist in SQLite). A fixed offset would be wrong for half the year and across the
 * DST change. But every UTC hour lies wholly inside one Paris day: Paris is always a whole
 * number of hours ahead of UTC (+1 in winter, +2 in summer) and its clocks change on the UTC
 * hour (01:00 UTC). So the queries group by the first 13 characters of the text
 * ("2024-10-27T01", the same in both dialects and an index range on created_at), and this
 * module puts each hour into the Paris day of its first instant: exact, at most 24 × days rows.
 */
import { addDays, parisDay } from '../time/paris-time.js';

export interface HourlyCount {
  /** "YYYY-MM-DDTHH", a UTC hour. */
  hour: string;
  count: number;
}

const HOUR_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}$/;

/** The Paris day ("YYYY-MM-DD") that the UTC hour "YYYY-MM-DDTHH" belongs to. */
export function parisDayOfUtcHour(hour: string): string {
  if (!HOUR_PREFIX.test(hour)) throw new Error(`not a UTC hour prefix: ${hour}`);
  return parisDay(new Date(`${hour}:00:00.000Z`));
}

/** The counts of each Paris day that has any. */
export function foldIntoParisDays(hourly: readonly HourlyCount[]): Map<string, number> {
  const days = new Map<string, number>();
  for (const { hour, count } of hourly) {
    const day = parisDayOfUtcHour(hour);
    days.set(day, (days.get(day) ?? 0) + count);
  }
  return days;
}

/** Every calendar day from `first` to `last` included ("YYYY-MM-DD"); none when last < first. */
export function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}
