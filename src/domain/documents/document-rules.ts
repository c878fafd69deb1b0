/**
 * Which supporting documents (« pièces justificatives ») a registration requires: rules held in
 * the catalogue, which the office changes without code. Each rule says when it applies, as a
 * small condition on the registration, and why, in words shown to the candidate.
 */
import { type Catalogue, type ExamSession, findSession } from '../catalogue/catalogue.js';
import { ageOn } from '../registrations/registration-form.js';
import type { Registration } from '../registrations/registration.js';

/** When a rule applies. Ages are counted on the first day of the session's exams. */
export type DocumentCondition =
  | { always: true }
  | { ageBelow: number }
  | { ageFrom: number; ageBelow: number }
  | { eligibilityRoutes: string[] }
  | { keptMarks: true }
  | { status: 'individuel' | 'distance' }
  | { arrangementsRequested: true }
  | { any: DocumentCondition[] };

export interface DocumentRule {
  code: string;
  /** What to provide, e.g. « Copie d’une pièce d’identité en cours de validité ». */
  label: string;
  /** Why it is asked, shown next to it: « Vous avez moins de 18 ans le premier jour des épreuves. » */
  reason: string;
  /** Limits the rule to these exams; every exam when absent. */
  exams?: string[];
  when: DocumentCondition;
  /** One document per exemption claimed (a diploma copy for each), instead of one in all. */
  perExemption?: boolean;
  /** Several files make one document (front and back of an identity card). */
  multipleFiles: boolean;
}

export interface RequiredDocument {
  /** Stable within a registration: the rule's code, plus the unit for per-exemption rules. */
  key: string;
  ruleCode: string;
  label: string;
  reason: string;
  multipleFiles: boolean;
}

type Subject = Pick<Registration, 'sessionCode' | 'examCode' | 'specialtyCode' | 'data'>;

export function conditionHolds(
  condition: DocumentCondition,
  subject: Subject,
  session: ExamSession,
): boolean {
  const k = subject.data.candidature;
  if ('always' in condition) return true;
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, subject, session));
  if ('ageBelow' in condition) {
    const age = ageOn(subject.data.identity.birthDate, session.firstExamDay);
    return age < condition.ageBelow && (!('ageFrom' in condition) || age >= condition.ageFrom);
  }
  if ('eligibilityRoutes' in condition)
    return condition.eligibilityRoutes.includes(k.eligibilityRoute);
  if ('keptMarks' in condition) return k.keptMarks.length > 0;
  if ('status' in condition) return k.status === condition.status;
  return k.arrangementsRequested;
}

/** The documents `subject` requires, in the order of the rules. */
export function requiredDocuments(subject: Subject, catalogue: Catalogue): RequiredDocument[] {
  const session = findSession(catalogue, subject.sessionCode);
  if (!session) return [];
  const units = new Map<string, string>();
  const exam = catalogue.exams.find((e) => e.code === subject.examCode);
  const specialty = catalogue.specialties.find(
    (s) => s.examCode === subject.examCode && s.code === subject.specialtyCode,
  );
  for (const u of [...(exam?.options.units ?? []), ...(specialty?.options.units ?? [])])
    units.set(u.code, u.label);

  const documents: RequiredDocument[] = [];
  for (const rule of catalogue.documentRules) {
    if (rule.exams && !rule.exams.includes(subject.examCode)) continue;
    const base = {
      ruleCode: rule.code,
      label: rule.label,
      reason: rule.reason,
      multipleFiles: rule.multipleFiles,
    };
    if (rule.perExemption) {
      for (const exemption of subject.data.candidature.exemptions) {
        documents.push({
          ...base,
          key: `${rule.code}:${exemption.unit}`,
          label: `${rule.label} (${units.get(exemption.unit) ?? exemption.unit})`,
          reason: `${rule.reason} Dispense demandée : ${units.get(exemption.unit) ?? exemption.unit}, au titre de : ${exemption.diploma}.`,
        });
      }
    } else if (conditionHolds(rule.when, subject, session)) {
      documents.push({ ...base, key: rule.code });
    }
  }
  return documents;
}
