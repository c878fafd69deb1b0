/**
 * The retention rule, pure. A candidate's data is kept `months` months (RETENTION_MONTHS)
 * after the first exam day of the latest session they registered for: accounts outlive
 * sessions (a candidate comes back for the next one), so the clock runs from their last
 * session, never from their first. The catalogue gives each session its first exam day only,
 * so that is the day counted from. Months are calendar months: 24 months after 10 June 2025
 * is 10 June 2027; after 31 January, the end of February.
 */
import { addDays, fromParisWallClock, parisDay } from '../time/paris-time.js';
import type { RetentionCutoff } from './ports.js';

/**
 * The cutoff at `now`: a session is past retention when its first exam day is on or before
 * `cutoffDay`, the latest day whose `months` months later is today or earlier (Paris).
 */
export function retentionCutoff(now: Date, months: number): RetentionCutoff {
  const cutoffDay = monthsBefore(parisDay(now), months);
  return { cutoffDay, before: fromParisWallClock(addDays(cutoffDay, 1), '00:00') };
}

/** `date` ("YYYY-MM-DD") plus `months` calendar months, clamped to the end of a short month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const last = daysInMonth(targetYear, targetMonth);
  return isoDay(targetYear, targetMonth, Math.min(day, last));
}

/**
 * The latest day `d` with `addMonths(d, months) <= today`. On the last day of a month every
 * later day of the earlier month also lands on or before today (31 January + 1 month is
 * 28 February), so the whole earlier month counts.
 */
function monthsBefore(today: string, months: number): string {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const last = daysInMonth(targetYear, targetMonth);
  const lastOfThisMonth = day === daysInMonth(year, month - 1);
  return isoDay(targetYear, targetMonth, lastOfThisMonth ? last : Math.min(day, last));
}

/** `month` counted from 0. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function isoDay(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}
