import { describe, expect, it } from 'vitest';
import {
  daysFrom,
  foldIntoParisDays,
  parisDayOfUtcHour,
} from '../../src/domain/office/paris-day-counts.js';

describe('UTC hours folded into Paris days', () => {
  it('puts the last hours of a UTC day into the next Paris day (UTC+1 in winter, UTC+2 in summer)', () => {
    expect(parisDayOfUtcHour('2024-11-05T22')).toBe('2024-11-05'); // 23:xx in Paris
    expect(parisDayOfUtcHour('2024-11-05T23')).toBe('2024-11-06'); // 00:xx in Paris
    expect(parisDayOfUtcHour('2024-10-20T21')).toBe('2024-10-20'); // 23:xx, summer time
    expect(parisDayOfUtcHour('2024-10-20T22')).toBe('2024-10-21'); // 00:xx, summer time
  });

  it('follows the change to winter time: 27 October 2024 has 25 hours, from 22:00 UTC to 23:00 UTC the next day', () => {
    expect(parisDayOfUtcHour('2024-10-26T21')).toBe('2024-10-26');
    const hours = Array.from({ length: 27 }, (_, i) =>
      new Date(Date.UTC(2024, 9, 26, 22 + i)).toISOString().slice(0, 13),
    );
    const october27 = hours.filter((h) => parisDayOfUtcHour(h) === '2024-10-27');
    expect(october27).toHaveLength(25);
    expect(october27[0]).toBe('2024-10-26T22');
    expect(october27.at(-1)).toBe('2024-10-27T22');
    expect(parisDayOfUtcHour('2024-10-27T23')).toBe('2024-10-28');
  });

  it('follows the change to summer time: 30 March 2025 has 23 hours', () => {
    const hours = Array.from({ length: 25 }, (_, i) =>
      new Date(Date.UTC(2025, 2, 29, 23 + i)).toISOString().slice(0, 13),
    );
    const march30 = hours.filter((h) => parisDayOfUtcHour(h) === '2025-03-30');
    expect(march30).toHaveLength(23);
    expect(march30[0]).toBe('2025-03-29T23');
    expect(march30.at(-1)).toBe('2025-03-30T21');
  });

  it('adds up the hours of each day', () => {
    const days = foldIntoParisDays([
      { hour: '2024-10-26T21', count: 1 },
      { hour: '2024-10-26T22', count: 2 },
      { hour: '2024-10-27T01', count: 3 },
      { hour: '2024-10-27T22', count: 4 },
      { hour: '2024-10-27T23', count: 5 },
    ]);
    expect([...days]).toEqual([
      ['2024-10-26', 1],
      ['2024-10-27', 9],
      ['2024-10-28', 5],
    ]);
  });

  it('refuses what is not an hour prefix rather than guessing', () => {
    expect(() => parisDayOfUtcHour('2024-10-27')).toThrow();
    expect(() => parisDayOfUtcHour('2024-10-27 01')).toThrow();
  });
});

describe('consecutive days', () => {
  it('lists every calendar day between two, across months and the DST change', () => {
    expect(daysFrom('2024-10-30', '2024-11-02')).toEqual([
      '2024-10-30',
      '2024-10-31',
      '2024-11-01',
      '2024-11-02',
    ]);
    expect(daysFrom('2024-10-26', '2024-10-28')).toHaveLength(3);
    expect(daysFrom('2024-11-02', '2024-11-02')).toEqual(['2024-11-02']);
    expect(daysFrom('2024-11-03', '2024-11-02')).toEqual([]);
  });
});
