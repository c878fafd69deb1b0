import { describe, expect, it } from 'vitest';
import { formatFrenchDuration } from '../../src/domain/time/french-duration.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('the French duration', () => {
  it('gives days and hours when a day or more is left', () => {
    expect(formatFrenchDuration(12 * DAY + 4 * HOUR)).toBe('12 jours et 4 heures');
    expect(formatFrenchDuration(12 * DAY + 4 * HOUR + 59 * MINUTE)).toBe('12 jours et 4 heures');
    expect(formatFrenchDuration(1 * DAY + 1 * HOUR)).toBe('1 jour et 1 heure');
  });

  it('leaves out a zero second unit', () => {
    expect(formatFrenchDuration(2 * DAY + 30 * MINUTE)).toBe('2 jours');
    expect(formatFrenchDuration(1 * DAY)).toBe('1 jour');
    expect(formatFrenchDuration(3 * HOUR + 59_999)).toBe('3 heures');
  });

  it('gives hours and minutes under a day', () => {
    expect(formatFrenchDuration(3 * HOUR + 20 * MINUTE)).toBe('3 heures et 20 minutes');
    expect(formatFrenchDuration(1 * HOUR + 1 * MINUTE)).toBe('1 heure et 1 minute');
    expect(formatFrenchDuration(23 * HOUR + 59 * MINUTE + 59_999)).toBe('23 heures et 59 minutes');
  });

  it('gives minutes alone under an hour', () => {
    expect(formatFrenchDuration(45 * MINUTE)).toBe('45 minutes');
    expect(formatFrenchDuration(59 * MINUTE + 59_999)).toBe('59 minutes');
    expect(formatFrenchDuration(MINUTE)).toBe('1 minute');
  });

  it('rounds down, never promising more time than is left', () => {
    expect(formatFrenchDuration(HOUR - 1)).toBe('59 minutes');
    expect(formatFrenchDuration(DAY - 1)).toBe('23 heures et 59 minutes');
    expect(formatFrenchDuration(MINUTE - 1)).toBe('moins d’une minute');
  });

  it('says less than a minute at zero and below', () => {
    expect(formatFrenchDuration(0)).toBe('moins d’une minute');
    expect(formatFrenchDuration(-5 * MINUTE)).toBe('moins d’une minute');
  });
});
