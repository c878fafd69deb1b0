import { describe, expect, it } from 'vitest';
import type { Catalogue, Exam, Specialty } from '../../src/domain/catalogue/catalogue.js';
import { deskDuties } from '../../src/domain/catalogue/desk-duties.js';

const options = {
  formats: ['globale' as const],
  eligibilityRoutes: [],
  languages: [],
  languageCount: 0 as const,
  optionalTests: [],
  units: [],
};
const exam = (code: string, deskCode: string): Exam => ({
  code,
  shortName: code,
  name: `Examen ${code}`,
  deskCode,
  options,
});
const specialty = (examCode: string, code: string, deskCode: string): Specialty => ({
  examCode,
  code,
  name: `Spécialité ${code}`,
  deskCode,
  options: {},
});

const catalogue: Catalogue = {
  academy: { code: 'test', name: 'Académie de test' },
  desks: [],
  documentRules: [],
  exams: [exam('BCP', 'bac-pro'), exam('CS', 'sah'), exam('MC', 'sah')],
  specialties: [
    specialty('BCP', '1', 'bac-pro'),
    specialty('BCP', '2', 'bac-pro'),
    specialty('CS', '3', 'sah'),
    specialty('CS', '4', 'it'),
    specialty('CS', '5', 'sah'),
  ],
  sessions: [],
  windows: [],
};

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
