import { describe, expect, it } from 'vitest';
import { assertWindowOpen, windowState } from '../../src/domain/catalogue/registration-window.js';
import { DomainError } from '../../src/domain/errors.js';

// The notice's BAC PRO window: 10 Oct 2024 10:00 (summer time, UTC+2) to 13 Nov 2024 19:00
// (winter time, UTC+1): it spans the change of 27 October.
const bacPro = {
  opensAt: new Date('2024-10-10T08:00:00.000Z'),
  closesAt: new Date('2024-11-13T18:00:00.000Z'),
};
const at = (iso: string): Date => new Date(iso);

describe('the registration window', () => {
  it('opens at its first millisecond and not before', () => {
    expect(windowState(bacPro, at('2024-10-10T07:59:59.999Z'))).toBe('upcoming');
    expect(windowState(bacPro, at('2024-10-10T08:00:00.000Z'))).toBe('open');
  });

  it('is open at 18:59:59.999 Paris time on closing day and closed at 19:00:00.000', () => {
    expect(windowState(bacPro, at('2024-11-13T17:59:59.999Z'))).toBe('open');
    expect(windowState(bacPro, at('2024-11-13T18:00:00.000Z'))).toBe('closed');
  });

  it('stays open through the night of the DST change', () => {
    for (const instant of [
      '2024-10-27T00:59:59.999Z',
      '2024-10-27T01:00:00.000Z',
      '2024-10-27T01:30:00.000Z',
    ]) {
      expect(windowState(bacPro, at(instant))).toBe('open');
    }
  });

  it('refuses after the close with the notice’s wording, exam’s date in Paris time', () => {
    const refusal = (): void => assertWindowOpen(bacPro, at('2024-11-13T18:00:00.000Z'));
    expect(refusal).toThrow(DomainError);
    expect(refusal).toThrow(
      'Les inscriptions pour cet examen sont closes depuis le 13 novembre 2024 à 19 h 00.',
    );
  });

  it('refuses before the opening, saying when it opens', () => {
    expect(() => assertWindowOpen(bacPro, at('2024-10-01T00:00:00.000Z'))).toThrow(
      'Les inscriptions pour cet examen ouvriront le 10 octobre 2024 à 10 h 00.',
    );
  });
});
