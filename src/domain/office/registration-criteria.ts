/**
 * From the filters of the office's list (as typed in the page's address) to the criteria the
 * query applies: each code checked against the catalogue, the search box read as a number, an
 * email or a name, and the staff member's scope. A gestionnaire sees the registrations whose
 * exam and specialty one of their pôles handles (the catalogue decides: `deskFor`), turned
 * into a list of (exam, specialty) pairs the exam index serves; an administrator sees all.
 */
import { type Catalogue, deskFor } from '../catalogue/catalogue.js';
import { normalizeEmail } from '../accounts/email-address.js';
import { DomainError, validationError } from '../errors.js';
import { prefixRangeEnd, searchKey } from '../registrations/search-key.js';
import type { StaffMember } from '../staff/ports.js';
import {
  type ExamSpecialty,
  LIST_STATES,
  type ListState,
  type RegistrationCriteria,
  type SearchTerm,
} from './registration-list-ports.js';

/** The filters as the page's form sends them (absent or empty: not filtered). */
export interface ListFilters {
  session?: string | undefined;
  exam?: string | undefined;
  specialty?: string | undefined;
  desk?: string | undefined;
  state?: string | undefined;
  q?: string | undefined;
}

/** Longer than any number, email or name; a longer text is not a search. */
export const MAX_SEARCH_LENGTH = 200;

const present = (value: string | undefined): value is string => value !== undefined && value !== '';

function isListState(value: string): value is ListState {
  return (LIST_STATES as readonly string[]).includes(value);
}

/** The (exam, specialty) pairs the pôles `desks` handle. */
export function pairsOfDesks(catalogue: Catalogue, desks: readonly string[]): ExamSpecialty[] {
  return catalogue.specialties
    .filter((s) => desks.includes(deskFor(catalogue, s)?.code ?? ''))
    .map((s) => ({ examCode: s.examCode, specialtyCode: s.code }));
}

/**
 * What the search box holds: an email when it has an « @ »; a registration number when it has
 * a digit (names have none); a name otherwise. A number is matched exactly but whatever the
 * case: its session and exam parts are looked up in the catalogue to spell it as stored, so
 * the unique index on numbers answers (a `lower(number)` comparison could not use it).
 */
export function searchTerm(catalogue: Catalogue, text: string): SearchTerm {
  if (text.includes('@')) return { kind: 'email', email: normalizeEmail(text) };
  if (/\d/.test(text)) {
    const typed = text.replace(/\s+/g, '').toLowerCase();
    const numbers: string[] = [];
    for (const session of catalogue.sessions)
      for (const exam of catalogue.exams) {
        const prefix = `${session.code}-${exam.code}-`;
        const sequence = typed.slice(prefix.length);
        if (typed.startsWith(prefix.toLowerCase()) && /^\d+$/.test(sequence))
          numbers.push(prefix + sequence);
      }
    return { kind: 'number', numbers };
  }
  const key = searchKey(text);
  // Nothing to search on (only punctuation): a range that holds no key, rather than all of them.
  if (key === '') return { kind: 'name', from: 'z', to: 'a' };
  return { kind: 'name', from: key, to: prefixRangeEnd(key) };
}

/**
 * The criteria for `staff`. Throws a validation error (each wrong filter named, in French) for
 * a code the catalogue does not know, and a refusal for a pôle that is not the gestionnaire's.
 */
export function criteriaFor(
  catalogue: Catalogue,
  staff: StaffMember,
  filters: ListFilters,
): RegistrationCriteria {
  const problems: Record<string, string> = {};
  const criteria: RegistrationCriteria = {};
  if (present(filters.session)) {
    if (catalogue.sessions.some((s) => s.code === filters.session))
      criteria.sessionCode = filters.session;
    else problems.session = 'Cette session n’existe pas.';
  }
  if (present(filters.exam)) {
    if (catalogue.exams.some((e) => e.code === filters.exam)) criteria.examCode = filters.exam;
    else problems.exam = 'Cet examen n’existe pas.';
  }
  if (present(filters.specialty)) {
    if (catalogue.specialties.some((s) => s.code === filters.specialty))
      criteria.specialtyCode = filters.specialty;
    else problems.specialty = 'Cette spécialité n’existe pas.';
  }
  if (present(filters.state)) {
    if (isListState(filters.state)) criteria.state = filters.state;
    else problems.state = 'Cet état n’existe pas.';
  }
  let desk: string | undefined;
  if (present(filters.desk)) {
    if (catalogue.desks.some((d) => d.code === filters.desk)) desk = filters.desk;
    else problems.desk = 'Ce pôle n’existe pas.';
  }
  const q = filters.q?.trim() ?? '';
  if (q.length > MAX_SEARCH_LENGTH)
    problems.q = `La recherche ne peut pas dépasser ${MAX_SEARCH_LENGTH} caractères.`;
  else if (q !== '') criteria.search = searchTerm(catalogue, q);
  if (Object.keys(problems).length > 0) throw validationError(problems);

  if (staff.role !== 'admin' && desk !== undefined && !staff.desks.includes(desk))
    throw new DomainError('forbidden', 'Ce pôle n’est pas l’un des vôtres.');
  const desks = desk !== undefined ? [desk] : staff.role === 'admin' ? undefined : staff.desks;
  if (desks !== undefined) criteria.pairs = pairsOfDesks(catalogue, desks);
  return criteria;
}
