/**
 * The part of the office's work a staff member's dashboard covers: everything for an
 * administrator; for a gestionnaire, the exams and specialties of their pôles as the catalogue
 * assigns them (a specialty's pôle, which defaults to its exam's: see `deskDuties`). The
 * repository turns a scope into a WHERE clause, so counts never include another pôle's rows.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { deskDuties } from '../catalogue/desk-duties.js';
import type { Desk } from '../desks/desk.js';
import type { StaffMember } from '../staff/ports.js';

export interface ExamScope {
  examCode: string;
  /** The specialties covered, or 'all' when every specialty of the exam is (new ones included). */
  specialtyCodes: readonly string[] | 'all';
}

export type RegistrationScope =
  | { kind: 'everything' }
  /** Only these exams (an empty list covers nothing: a pôle without exams in the catalogue). */
  | { kind: 'exams'; exams: readonly ExamScope[] };

export function dashboardScope(catalogue: Catalogue, staff: StaffMember): RegistrationScope {
  if (staff.role === 'admin') return { kind: 'everything' };
  const byExam = new Map<string, Set<string> | 'all'>();
  for (const desk of staff.desks) {
    for (const duty of deskDuties(catalogue, desk)) {
      const known = byExam.get(duty.exam.code);
      if (known === 'all') continue;
      if (duty.allSpecialties) byExam.set(duty.exam.code, 'all');
      else {
        const codes = known ?? new Set<string>();
        for (const specialty of duty.specialties) codes.add(specialty.code);
        byExam.set(duty.exam.code, codes);
      }
    }
  }
  return {
    kind: 'exams',
    exams: [...byExam].map(([examCode, codes]) => ({
      examCode,
      specialtyCodes: codes === 'all' ? 'all' : [...codes],
    })),
  };
}

/** Whether the scope covers the exam at all (some or all of its specialties). */
export function coversExam(scope: RegistrationScope, examCode: string): boolean {
  return scope.kind === 'everything' || scope.exams.some((e) => e.examCode === examCode);
}

/** The pôles whose work the dashboard shows: all of them for an administrator. */
export function desksInView(catalogue: Catalogue, staff: StaffMember): Desk[] {
  return staff.role === 'admin'
    ? catalogue.desks
    : catalogue.desks.filter((d) => staff.desks.includes(d.code));
}
