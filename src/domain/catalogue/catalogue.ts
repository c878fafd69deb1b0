/**
 * The catalogue: what an office offers, as data it edits without code. An académie, its pôles,
 * its exams (BAC PRO, CS, BP) with their specialties and the options each offers on the
 * registration form, its sessions, and one registration window per exam and session.
 */
import type { Desk } from '../desks/desk.js';
import type { DocumentRule } from '../documents/document-rules.js';

/** An option of the form: a stable code stored in registrations, a French label shown. */
export interface Choice {
  code: string;
  label: string;
}

export type ExamFormat = 'globale' | 'progressive';

/** What the registration form offers for an exam; a specialty may override any part. */
export interface ExamOptions {
  /** Forme de l'examen: globale, or progressive where the exam allows it. */
  formats: ExamFormat[];
  /** Voies d'accès: why the candidate may sit the exam (work experience, a previous session…). */
  eligibilityRoutes: Choice[];
  /** Langues vivantes offered, and how many the candidate chooses (0, 1 or 2). */
  languages: Choice[];
  languageCount: 0 | 1 | 2;
  /** Épreuves facultatives offered (the candidate may choose none). */
  optionalTests: Choice[];
  /** Units (épreuves) for which marks may be kept or an exemption claimed. */
  units: Choice[];
}

export interface Exam {
  code: string;
  shortName: string;
  name: string;
  /** The pôle that handles the exam unless a specialty names another. */
  deskCode: string;
  options: ExamOptions;
}

export interface Specialty {
  examCode: string;
  /** National code (ONISEP "code scolarité"). */
  code: string;
  name: string;
  deskCode: string;
  options: Partial<ExamOptions>;
}

export interface ExamSession {
  code: string;
  name: string;
  /** First day of the exams (YYYY-MM-DD): ages are counted on it. */
  firstExamDay: string;
}

export interface RegistrationWindow {
  sessionCode: string;
  examCode: string;
  opensAt: Date;
  closesAt: Date;
}

export interface Academy {
  code: string;
  name: string;
}

export interface Catalogue {
  academy: Academy;
  desks: Desk[];
  exams: Exam[];
  specialties: Specialty[];
  sessions: ExamSession[];
  windows: RegistrationWindow[];
  /** Which supporting documents registrations require, and why (« pièces justificatives »). */
  documentRules: DocumentRule[];
}

/** The options of the form for one specialty: the exam's, overridden by the specialty's. */
export function optionsFor(exam: Exam, specialty: Specialty): ExamOptions {
  return { ...exam.options, ...specialty.options };
}

export function findExam(catalogue: Catalogue, code: string): Exam | undefined {
  return catalogue.exams.find((e) => e.code === code);
}

export function findSpecialty(
  catalogue: Catalogue,
  examCode: string,
  code: string,
): Specialty | undefined {
  return catalogue.specialties.find((s) => s.examCode === examCode && s.code === code);
}

export function findSession(catalogue: Catalogue, code: string): ExamSession | undefined {
  return catalogue.sessions.find((s) => s.code === code);
}

export function findWindow(
  catalogue: Catalogue,
  sessionCode: string,
  examCode: string,
): RegistrationWindow | undefined {
  return catalogue.windows.find((w) => w.sessionCode === sessionCode && w.examCode === examCode);
}

/** The pôle a candidate contacts about a registration: the specialty's (which defaults to the exam's). */
export function deskFor(catalogue: Catalogue, specialty: Specialty): Desk | undefined {
  return catalogue.desks.find((d) => d.code === specialty.deskCode);
}
