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

export function formatParisDateTime(instant: Date): string {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  const day = p.day === '1' ? '1er' : p.day;
  return `${day} ${p.month} ${p.year} à ${p.hour} h ${p.minute}`;
}

/** "10 h 15": the time of day in Paris, for "réessayez à partir de 10 h 15". */
export function formatParisTime(instant: Date): string {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.hour} h ${p.minute}`;
}
