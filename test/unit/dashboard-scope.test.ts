import { describe, expect, it } from 'vitest';
import {
  coversExam,
  dashboardScope,
  desksInView,
} from '../../src/domain/office/dashboard-scope.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { desk, deskCatalogue, exam, specialty } from '../support/desk-catalogue.js';

const catalogue = deskCatalogue({
  desks: [desk('bac-pro'), desk('sah'), desk('it')],
  exams: [exam('BCP', 'bac-pro'), exam('CS', 'sah'), exam('MC', 'sah')],
  specialties: [
    specialty('BCP', '1', 'bac-pro'),
    specialty('BCP', '2', 'sah'),
    specialty('CS', '3', 'sah'),
    specialty('CS', '4', 'it'),
  ],
});

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
