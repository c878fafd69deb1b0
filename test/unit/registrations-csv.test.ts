import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/web/csv.js';
import { parisDateTimeCell } from '../../src/web/routes/office/registrations-csv.js';

describe('a CSV cell', () => {
  it('is quoted, its quotes doubled, semicolons and accents kept', () => {
    expect(csvCell('Résidence « Les Pins » ; bât. "B"')).toBe(
      '"Résidence « Les Pins » ; bât. ""B"""',
    );
    expect(csvLine(['a', 'é'])).toBe('"a";"é"\r\n');
  });

  it('starting as a formula is made text by a leading apostrophe', () => {
    for (const value of ['=1+1', '+cmd|x', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'])
      expect(csvCell(value)).toBe(`"'${value}"`);
  });

  it('holding only a signed number (a phone number) is left as it is', () => {
    expect(csvCell('+33612345678')).toBe('"+33612345678"');
    expect(csvCell('-12')).toBe('"-12"');
    expect(csvCell('+33 6 12')).toBe(`"'+33 6 12"`);
  });
});

describe('an instant in the export', () => {
  it('is the Paris wall clock, across both DST changes', () => {
    expect(parisDateTimeCell(new Date('2024-11-13T18:00:00.000Z'))).toBe('13/11/2024 19:00');
    // 27 October 2024: 02:30 happens twice, first in summer time (UTC+2), then in winter time.
    expect(parisDateTimeCell(new Date('2024-10-27T00:30:00.000Z'))).toBe('27/10/2024 02:30');
    expect(parisDateTimeCell(new Date('2024-10-27T01:30:00.000Z'))).toBe('27/10/2024 02:30');
    expect(parisDateTimeCell(new Date('2024-10-27T00:59:59.000Z'))).toBe('27/10/2024 02:59');
    expect(parisDateTimeCell(new Date('2024-10-27T01:00:00.000Z'))).toBe('27/10/2024 02:00');
    // 30 March 2025: from 01:59 straight to 03:00.
    expect(parisDateTimeCell(new Date('2025-03-30T00:59:00.000Z'))).toBe('30/03/2025 01:59');
    expect(parisDateTimeCell(new Date('2025-03-30T01:00:00.000Z'))).toBe('30/03/2025 03:00');
    expect(parisDateTimeCell(new Date('2024-12-31T23:30:00.000Z'))).toBe('01/01/2025 00:30');
    expect(parisDateTimeCell(null)).toBe('');
  });
});
