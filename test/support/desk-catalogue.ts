/**
 * A small catalogue built in code for the unit tests of who handles what: exams and
 * specialties named by their codes, each given to a pôle, without sessions or windows.
 */
import type { Catalogue, Exam, Specialty } from '../../src/domain/catalogue/catalogue.js';
import type { Desk } from '../../src/domain/desks/desk.js';

const options = {
  formats: ['globale' as const],
  eligibilityRoutes: [],
  languages: [],
  languageCount: 0 as const,
  optionalTests: [],
  units: [],
};

export const exam = (code: string, deskCode: string): Exam => ({
  code,
  shortName: code,
  name: `Examen ${code}`,
  deskCode,
  options,
});

export const specialty = (examCode: string, code: string, deskCode: string): Specialty => ({
  examCode,
  code,
  name: `Spécialité ${code}`,
  deskCode,
  options: {},
});

export const desk = (code: string): Desk => ({
  code,
  name: `Pôle ${code}`,
  phones: [],
  email: `${code}@x.fr`,
});

/** The catalogue of these pôles, exams and specialties (no pôle unless given). */
export function deskCatalogue(
  parts: Pick<Catalogue, 'exams' | 'specialties'> & Partial<Pick<Catalogue, 'desks'>>,
): Catalogue {
  return {
    academy: { code: 'test', name: 'Académie de test' },
    desks: [],
    documentRules: [],
    sessions: [],
    windows: [],
    ...parts,
  };
}
