import { describe, expect, it } from 'vitest';
import { formatParisDateTime, formatParisTime } from '../../src/domain/time/paris-time.js';

describe('Paris wall-clock display', () => {
  it('shows the notice’s close in winter time (UTC+1)', () => {
    expect(formatParisDateTime(new Date('2024-11-13T18:00:00.000Z'))).toBe(
      '13 novembre 2024 à 19 h 00',
    );
  });

  it('shows summer time (UTC+2) before the last Sunday of October', () => {
    expect(formatParisDateTime(new Date('2024-10-10T08:00:00.000Z'))).toBe(
      '10 octobre 2024 à 10 h 00',
    );
  });

  it('writes the first day of a month "1er"', () => {
    expect(formatParisDateTime(new Date('2024-10-31T23:00:00.000Z'))).toBe(
      '1er novembre 2024 à 0 h 00',
    );
  });

  it('gives the time of day alone', () => {
    expect(formatParisTime(new Date('2024-10-27T01:30:00.000Z'))).toBe('2 h 30');
  });
});
