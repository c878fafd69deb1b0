/**
 * Which exams and specialties a pôle handles, derived from the catalogue: a specialty belongs
 * to the pôle it names (which defaults to its exam's), so one exam may be shared between pôles.
 */
import type { Catalogue, Exam, Specialty } from './catalogue.js';

export interface DeskDuty {
  exam: Exam;
  /** True when the pôle handles every specialty of the exam (or the exam has none and is its). */
  allSpecialties: boolean;
  /** The specialties it handles, in catalogue order (all of them when allSpecialties). */
  specialties: Specialty[];
}

/** The exams the pôle `deskCode` handles, in catalogue order, with the specialties it handles. */
export function deskDuties(catalogue: Catalogue, deskCode: string): DeskDuty[] {
  const duties: DeskDuty[] = [];
  for (const exam of catalogue.exams) {
    const specialties = catalogue.specialties.filter((s) => s.examCode === exam.code);
    const handled = specialties.filter((s) => s.deskCode === deskCode);
    if (specialties.length === 0) {
      if (exam.deskCode === deskCode) duties.push({ exam, allSpecialties: true, specialties: [] });
    } else if (handled.length > 0) {
      duties.push({
        exam,
        allSpecialties: handled.length === specialties.length,
        specialties: handled,
      });
    }
  }
  return duties;
}
