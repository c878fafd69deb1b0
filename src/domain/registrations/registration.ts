/**
 * A registration (« inscription »): one candidate, one exam and specialty, one session. What
 * the candidate typed is `RegistrationData`; each « Enregistrer » makes a new version.
 */

export type Sex = 'F' | 'M';
export type CandidateStatus = 'individuel' | 'distance';

/** État civil. Locked once the candidate's first registration exists: the office corrects it. */
export interface Identity {
  birthName: string;
  usageName: string;
  firstNames: string;
  sex: Sex;
  /** YYYY-MM-DD */
  birthDate: string;
  birthCommune: string;
  birthCountry: string;
  nationality: string;
}

export interface PostalAddress {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface Contact {
  address: PostalAddress;
  phone: string;
}

export interface KeptMark {
  unit: string;
  /** The session year the mark was obtained. */
  year: number;
  /** Out of 20, at least 10: only such marks may be kept (for five years). */
  mark: number;
}

export interface Exemption {
  unit: string;
  /** The diploma held that exempts from the unit. */
  diploma: string;
}

export interface Candidature {
  status: CandidateStatus;
  /** The distance-learning body (e.g. CNED) when the status is « enseignement à distance ». */
  distanceBody: string;
  eligibilityRoute: string;
  format: string;
  languages: string[];
  optionalTest: string;
  keptMarks: KeptMark[];
  exemptions: Exemption[];
  arrangementsRequested: boolean;
  arrangementsDetails: string;
}

export interface RegistrationData {
  identity: Identity;
  contact: Contact;
  candidature: Candidature;
}

/**
 * « Écartée » by the office: when, and why. The candidate is told both (mail, « Mes
 * inscriptions »), with the pôle to contact.
 */
export interface SetAside {
  at: Date;
  reason: string;
}

export interface Registration {
  id: string;
  /** e.g. 2025-BCP-000123 */
  number: string;
  accountId: string;
  sessionCode: string;
  examCode: string;
  specialtyCode: string;
  version: number;
  createdAt: Date;
  savedAt: Date;
  data: RegistrationData;
}

export function registrationNumber(
  sessionCode: string,
  examCode: string,
  sequence: number,
): string {
  return `${sessionCode}-${examCode}-${String(sequence).padStart(6, '0')}`;
}
