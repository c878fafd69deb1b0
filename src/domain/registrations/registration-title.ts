/** A registration as candidates read it: exam, specialty and session, by name where known. */
import { type Catalogue, findExam, findSession, findSpecialty } from '../catalogue/catalogue.js';

export function registrationTitle(
  catalogue: Catalogue | undefined,
  r: { sessionCode: string; examCode: string; specialtyCode: string },
): string {
  const exam = catalogue && findExam(catalogue, r.examCode);
  const specialty = catalogue && findSpecialty(catalogue, r.examCode, r.specialtyCode);
  const session = catalogue && findSession(catalogue, r.sessionCode);
  return `${exam?.shortName ?? r.examCode} ${specialty?.name ?? r.specialtyCode} – ${session?.name ?? r.sessionCode}`;
}
