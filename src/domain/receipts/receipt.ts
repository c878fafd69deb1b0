/**
 * The récapitulatif of one registration version, as plain values for the PDF. A pure function
 * of the version (stored whole in `registration_versions`), the catalogue and the key: the same
 * version always gives the same récapitulatif, so the same PDF bytes. It lists the documents
 * the version requires but not their states, which change with every upload and review: those
 * are in the « Liste des pièces justificatives » (`documentList`).
 */
import {
  type Catalogue,
  deskFor,
  findExam,
  findSession,
  findSpecialty,
  findWindow,
} from '../catalogue/catalogue.js';
import { requiredDocuments } from '../documents/document-rules.js';
import type { RegistrationVersion } from '../registrations/ports.js';
import { summarize } from '../registrations/registration-summary.js';
import type { Registration } from '../registrations/registration.js';
import type { Receipt } from './ports.js';
import { formatReceiptCode, signReceiptCode } from './receipt-code.js';

export interface ReceiptInput {
  registration: Pick<Registration, 'number' | 'sessionCode' | 'examCode'>;
  version: RegistrationVersion;
  catalogue: Catalogue;
  key: string;
  publicUrl: URL;
}

/** The names a registration is known by: its session, exam and specialty. */
export function registrationNames(
  catalogue: Catalogue,
  sessionCode: string,
  examCode: string,
  specialtyCode: string,
): { sessionName: string; examName: string; specialtyName: string } {
  const exam = findExam(catalogue, examCode);
  const specialty = findSpecialty(catalogue, examCode, specialtyCode);
  return {
    sessionName: findSession(catalogue, sessionCode)?.name ?? sessionCode,
    examName: exam ? `${exam.shortName} – ${exam.name}` : examCode,
    specialtyName: specialty ? `${specialty.name} (${specialty.code})` : specialtyCode,
  };
}

/** `${PUBLIC_URL}/verifier/<code>`: where the QR code and the printed link lead. */
export function verificationUrl(publicUrl: URL, code: string): string {
  return new URL(`/verifier/${formatReceiptCode(code)}`, publicUrl).toString();
}

export function buildReceipt({
  registration,
  version,
  catalogue,
  key,
  publicUrl,
}: ReceiptInput): Receipt {
  const subject = {
    sessionCode: registration.sessionCode,
    examCode: registration.examCode,
    specialtyCode: version.specialtyCode,
    data: version.data,
  };
  const specialty = findSpecialty(catalogue, subject.examCode, subject.specialtyCode);
  const code = signReceiptCode(key, { number: registration.number, version: version.version });
  return {
    academyName: catalogue.academy.name,
    number: registration.number,
    version: version.version,
    savedAt: version.savedAt,
    ...registrationNames(catalogue, subject.sessionCode, subject.examCode, subject.specialtyCode),
    lines: summarize(subject, catalogue),
    documents: requiredDocuments(subject, catalogue).map((d) => ({
      label: d.label,
      reason: d.reason,
    })),
    closesAt: findWindow(catalogue, subject.sessionCode, subject.examCode)?.closesAt,
    desk: specialty && deskFor(catalogue, specialty),
    verification: { code: formatReceiptCode(code), url: verificationUrl(publicUrl, code) },
  };
}
