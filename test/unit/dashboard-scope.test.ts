import { describe, expect, it } from 'vitest';
import type { Catalogue, Exam, Specialty } from '../../src/domain/catalogue/catalogue.js';
import {
  coversExam,
  dashboardScope,
  desksInView,
} from '../../src/domain/office/dashboard-scope.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';

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
const desk = (code: string) => ({ code, name: `Pôle ${code}`, phones: [], email: `${code}@x.fr` });

const catalogue: Catalogue = {
  academy: { code: 'test', name: 'Académie de test' },
  desks: [desk('bac-pro'), desk('sah'), desk('it')],
  documentRules: [],
  exams: [exam('BCP', 'bac-pro'), exam('CS', 'sah'), exam('MC', 'sah')],
  specialties: [
    specialty('BCP', '1', 'bac-pro'),
    specialty('BCP', '2', 'sah'),
    specialty('CS', '3', 'sah'),
    specialty('CS', '4', 'it'),
  ],
  sessions: [],
  windows: [],
};

const member = (role: 'admin' | 'gestionnaire', desks: string[]): StaffMember => ({
  id: 'x',
  email: 'x@ac.fr',
  name: 'X',
  role,
  desks,
  passwordHash: null,
  totpSecret: null,
  totpConfirmedAt: null,
  totpLastStep: null,
  createdAt: new Date(0),
  disabledAt: null,
});

describe('what a dashboard covers', () => {
  it('covers everything for an administrator, every pôle in view', () => {
    const scope = dashboardScope(catalogue, member('admin', []));
    expect(scope).toEqual({ kind: 'everything' });
    expect(coversExam(scope, 'ANY')).toBe(true);
    expect(desksInView(catalogue, member('admin', [])).map((d) => d.code)).toEqual([
      'bac-pro',
      'sah',
      'it',
    ]);
  });

  it('covers, for a gestionnaire, the specialties of their pôles, and whole exams where all are theirs', () => {
    const scope = dashboardScope(catalogue, member('gestionnaire', ['sah']));
    expect(scope).toEqual({
      kind: 'exams',
      exams: [
        { examCode: 'BCP', specialtyCodes: ['2'] },
        { examCode: 'CS', specialtyCodes: ['3'] },
        { examCode: 'MC', specialtyCodes: 'all' },
      ],
    });
    expect(coversExam(scope, 'CS')).toBe(true);
    expect(desksInView(catalogue, member('gestionnaire', ['sah'])).map((d) => d.code)).toEqual([
      'sah',
    ]);
  });

  it('joins the shares of several pôles into whole exams', () => {
    const scope = dashboardScope(catalogue, member('gestionnaire', ['it', 'sah', 'bac-pro']));
    expect(scope).toEqual({
      kind: 'exams',
      exams: [
        { examCode: 'CS', specialtyCodes: ['4', '3'] },
        { examCode: 'BCP', specialtyCodes: ['2', '1'] },
        { examCode: 'MC', specialtyCodes: 'all' },
      ],
    });
  });

  it('covers nothing for a pôle without exams', () => {
    const scope = dashboardScope(catalogue, member('gestionnaire', ['none']));
    expect(scope).toEqual({ kind: 'exams', exams: [] });
    expect(coversExam(scope, 'BCP')).toBe(false);
  });
});
