import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatParisDateTime,
  formatParisTime,
  fromParisWallClock,
  parisDay,
} from '../../src/domain/time/paris-time.js';

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

describe('Paris wall-clock to UTC', () => {
  it.each([
    ['2024-10-10', '10:00', '2024-10-10T08:00:00.000Z'], // summer time, UTC+2
    ['2024-11-13', '19:00', '2024-11-13T18:00:00.000Z'], // winter time, UTC+1
    ['2024-10-22', '00:00', '2024-10-21T22:00:00.000Z'], // midnight, the day before in UTC
    ['2024-10-27', '01:59', '2024-10-26T23:59:00.000Z'], // just before the autumn change
    ['2024-10-27', '03:00', '2024-10-27T02:00:00.000Z'], // just after it
    ['2025-03-30', '01:59', '2025-03-30T00:59:00.000Z'], // just before the spring change
    ['2025-03-30', '03:00', '2025-03-30T01:00:00.000Z'], // the first minute of summer time
    ['2024-12-31', '23:30', '2024-12-31T22:30:00.000Z'],
  ])('reads %s %s as %s', (date, time, iso) => {
    expect(fromParisWallClock(date, time).toISOString()).toBe(iso);
  });

  it('refuses a time the clocks skip in spring', () => {
    expect(() => fromParisWallClock('2025-03-30', '02:30')).toThrow(
      'le 2025-03-30 à 02:30 n’existe pas à Paris : les horloges sautent cette heure au passage à l’heure d’été',
    );
    expect(() => fromParisWallClock('2025-03-30', '02:00')).toThrow('n’existe pas');
  });

  it('refuses a time the clocks show twice in autumn', () => {
    expect(() => fromParisWallClock('2024-10-27', '02:30')).toThrow(
      'le 2024-10-27 à 02:30 est ambigu à Paris : cette heure a lieu deux fois au passage à l’heure d’hiver',
    );
    expect(() => fromParisWallClock('2024-10-27', '02:00')).toThrow('ambigu');
  });

  it('refuses a day or a time that does not exist', () => {
    expect(() => fromParisWallClock('2025-02-29', '10:00')).toThrow(
      'le 2025-02-29 n’existe pas dans le calendrier',
    );
    expect(() => fromParisWallClock('10/10/2024', '10:00')).toThrow('AAAA-MM-JJ');
    expect(() => fromParisWallClock('2024-10-10', '24:00')).toThrow('HH:MM');
    expect(() => fromParisWallClock('2024-10-10', '9:00')).toThrow('HH:MM');
  });

  it('gives the Paris calendar day of an instant, and counts days', () => {
    expect(parisDay(new Date('2024-10-21T22:30:00.000Z'))).toBe('2024-10-22');
    expect(parisDay(new Date('2024-11-13T22:59:00.000Z'))).toBe('2024-11-13');
    expect(parisDay(new Date('2024-11-13T23:00:00.000Z'))).toBe('2024-11-14');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-11-13', 200)).toBe('2025-06-01');
  });
});
