/**
 * A time left in French words, for « Clôture dans 12 jours et 4 heures »: the two largest
 * units only ("12 jours et 4 heures", "3 heures et 20 minutes", "45 minutes").
 *
 * Rounded down to the minute: before a deadline, saying a little less time than is left is
 * the safe side ("4 heures" when 4 h 59 min remain, never "5 heures" when 4 h 01 min do).
 * Days are 24 real hours (elapsed time, not calendar days), like the window rule itself.
 */
const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

function pair(first: string, second: string | undefined): string {
  return second ? `${first} et ${second}` : first;
}

/** "12 jours et 4 heures", "1 heure", "45 minutes", "moins d’une minute" (for 0 or less too). */
export function formatFrenchDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
  const days = Math.floor(totalMinutes / MINUTES_PER_DAY);
  const hours = Math.floor((totalMinutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const minutes = totalMinutes % MINUTES_PER_HOUR;
  if (days > 0) {
    return pair(count(days, 'jour', 'jours'), hours ? count(hours, 'heure', 'heures') : undefined);
  }
  if (hours > 0) {
    return pair(
      count(hours, 'heure', 'heures'),
      minutes ? count(minutes, 'minute', 'minutes') : undefined,
    );
  }
  if (minutes > 0) return count(minutes, 'minute', 'minutes');
  return 'moins d’une minute';
}
