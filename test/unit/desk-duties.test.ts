import { describe, expect, it } from 'vitest';
import { deskDuties } from '../../src/domain/catalogue/desk-duties.js';
import { deskCatalogue, exam, specialty } from '../support/desk-catalogue.js';

const catalogue = deskCatalogue({
  exams: [exam('BCP', 'bac-pro'), exam('CS', 'sah'), exam('MC', 'sah')],
  specialties: [
    specialty('BCP', '1', 'bac-pro'),
    specialty('BCP', '2', 'bac-pro'),
    specialty('CS', '3', 'sah'),
    specialty('CS', '4', 'it'),
    specialty('CS', '5', 'sah'),
  ],
});

const summary = (deskCode: string): unknown =>
  deskDuties(catalogue, deskCode).map((d) => ({
    exam: d.exam.code,
    all: d.allSpecialties,
    specialties: d.specialties.map((s) => s.code),
  }));

describe('what a pôle handles', () => {
  it('takes a whole exam when every specialty is its own', () => {
    expect(summary('bac-pro')).toEqual([{ exam: 'BCP', all: true, specialties: ['1', '2'] }]);
  });

  it('lists the specialties of an exam shared between pôles, and an exam without any', () => {
    expect(summary('sah')).toEqual([
      { exam: 'CS', all: false, specialties: ['3', '5'] },
      { exam: 'MC', all: true, specialties: [] },
    ]);
    expect(summary('it')).toEqual([{ exam: 'CS', all: false, specialties: ['4'] }]);
  });

  it('gives nothing to a pôle without exams', () => {
    expect(summary('none')).toEqual([]);
  });
});
