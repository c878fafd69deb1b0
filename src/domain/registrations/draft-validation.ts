/**
 * Checks a whole draft against the catalogue: each step's errors apart, so the wizard can send
 * the candidate back to the first step that needs attention.
 */
import {
  type Catalogue,
  type Exam,
  type ExamSession,
  type Specialty,
  findExam,
  findSession,
  findSpecialty,
  optionsFor,
} from '../catalogue/catalogue.js';
import { DomainError } from '../errors.js';
import type { Draft } from './ports.js';
import {
  type FieldErrors,
  parseCandidature,
  parseContact,
  parseIdentity,
} from './registration-form.js';
import type { Identity, RegistrationData } from './registration.js';

export type WizardStep = 'conditions' | 'identite' | 'candidature';

export interface DraftCheck {
  data: RegistrationData | undefined;
  errors: Record<WizardStep, FieldErrors>;
}

export type DraftFields = Pick<
  Draft,
  'sessionCode' | 'examCode' | 'specialtyCode' | 'conditionsAccepted' | 'identity' | 'candidature'
>;

/** `lockedIdentity`, when the candidate already has one, replaces whatever identity was typed. */
export function checkDraft(
  draft: DraftFields,
  catalogue: Catalogue,
  lockedIdentity: Identity | undefined,
): DraftCheck {
  const { exam, specialty, session } = catalogueEntries(
    catalogue,
    draft.sessionCode,
    draft.examCode,
    draft.specialtyCode,
  );
  const identity = parseIdentity(draft.identity, session);
  const contact = parseContact(draft.identity);
  const candidature = parseCandidature(draft.candidature, optionsFor(exam, specialty), session);
  const errors: Record<WizardStep, FieldErrors> = {
    conditions: draft.conditionsAccepted
      ? {}
      : { conditions: 'Vous devez accepter les modalités d’inscription pour continuer.' },
    identite: { ...(lockedIdentity ? {} : identity.errors), ...contact.errors },
    candidature: candidature.errors,
  };
  const valid = Object.values(errors).every((e) => Object.keys(e).length === 0);
  return {
    data: valid
      ? {
          identity: lockedIdentity ?? identity.value,
          contact: contact.value,
          candidature: candidature.value,
        }
      : undefined,
    errors,
  };
}

export function catalogueEntries(
  catalogue: Catalogue,
  sessionCode: string,
  examCode: string,
  specialtyCode: string,
): { exam: Exam; specialty: Specialty; session: ExamSession } {
  const exam = findExam(catalogue, examCode);
  const specialty = findSpecialty(catalogue, examCode, specialtyCode);
  const session = findSession(catalogue, sessionCode);
  if (!exam || !specialty || !session)
    throw new DomainError(
      'not_found',
      'Cet examen, cette spécialité ou cette session n’existe pas.',
    );
  return { exam, specialty, session };
}
