/**
 * The columns of the office's export of registrations (« Exporter la liste (CSV) »): what a
 * pôle needs to work a list in a spreadsheet, with French headers, dates as JJ/MM/AAAA and
 * instants in Paris time.
 */
import {
  type Catalogue,
  deskFor,
  findExam,
  findSpecialty,
  optionsFor,
} from '../../../domain/catalogue/catalogue.js';
import type { ExportedRegistration } from '../../../domain/office/registration-list-ports.js';
import {
  CANDIDATURE_LINE_LABELS,
  candidatureAnswers,
} from '../../../domain/registrations/registration-summary.js';
import { CSV_BOM, csvLine } from '../../csv.js';
import { CANDIDATURE_LABELS } from '../registrations/wizard-labels.js';

const HEADERS = [
  'Numéro',
  'Session',
  'Examen',
  'Code spécialité',
  'Spécialité',
  'Pôle',
  'Nom de naissance',
  'Nom d’usage',
  'Prénoms',
  'Sexe',
  'Date de naissance',
  'Commune de naissance',
  'Pays de naissance',
  'Nationalité',
  'Courriel',
  'Téléphone',
  'Adresse (ligne 1)',
  'Adresse (ligne 2)',
  'Code postal',
  'Ville',
  'Pays',
  'Statut',
  'Organisme d’enseignement à distance',
  // The candidature's answers, headed as the récapitulatif labels them (the details as the form).
  CANDIDATURE_LINE_LABELS.eligibilityRoute,
  CANDIDATURE_LINE_LABELS.format,
  CANDIDATURE_LINE_LABELS.languages,
  CANDIDATURE_LINE_LABELS.optionalTest,
  CANDIDATURE_LINE_LABELS.keptMarks,
  CANDIDATURE_LINE_LABELS.exemptions,
  CANDIDATURE_LINE_LABELS.arrangements,
  CANDIDATURE_LABELS.arrangementsDetails,
  'Version',
  'Enregistrée le',
  'Dossier déclaré complet le',
  'Pièces à vérifier',
  'Pièces refusées',
  'Écartée',
  'Motif de l’écart',
];

export function csvHeader(): string {
  return CSV_BOM + csvLine(HEADERS);
}

// Paris is one or two hours ahead of UTC and changes on the hour: the offset is looked up once
// per hour (Intl costs microseconds a call, and an export formats two instants a row).
const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const offsetByHour = new Map<number, number>();
const HOUR_MS = 3_600_000;

function parisOffsetMs(instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  const known = offsetByHour.get(hour);
  if (known !== undefined) return known;
  const p = Object.fromEntries(
    parisParts.formatToParts(new Date(hour * HOUR_MS)).map((x) => [x.type, Number(x.value)]),
  );
  const offset =
    Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute) - hour * HOUR_MS;
  if (offsetByHour.size > 100_000) offsetByHour.clear();
  offsetByHour.set(hour, offset);
  return offset;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** « 13/11/2024 19:00 »: the Paris wall clock, as spreadsheets read a date and time. */
export function parisDateTimeCell(instant: Date | null): string {
  if (!instant) return '';
  const wall = new Date(instant.getTime() + parisOffsetMs(instant.getTime()));
  return `${two(wall.getUTCDate())}/${two(wall.getUTCMonth() + 1)}/${wall.getUTCFullYear()} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
}

/** « 12/04/2001 » from « 2001-04-12 ». */
function dayCell(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}

const STATUS = { individuel: 'individuel', distance: 'enseignement à distance' } as const;

export function csvRow(r: ExportedRegistration, catalogue: Catalogue): string {
  const { identity, contact, candidature } = r.data;
  const exam = findExam(catalogue, r.examCode);
  const specialty = findSpecialty(catalogue, r.examCode, r.specialtyCode);
  const answers = candidatureAnswers(
    candidature,
    exam && specialty ? optionsFor(exam, specialty) : undefined,
  );
  return csvLine([
    r.number,
    catalogue.sessions.find((s) => s.code === r.sessionCode)?.name ?? r.sessionCode,
    exam?.shortName ?? r.examCode,
    r.specialtyCode,
    specialty?.name ?? '',
    (specialty && deskFor(catalogue, specialty)?.name) ?? '',
    identity.birthName,
    identity.usageName,
    identity.firstNames,
    identity.sex,
    dayCell(identity.birthDate),
    identity.birthCommune,
    identity.birthCountry,
    identity.nationality,
    r.email,
    contact.phone,
    contact.address.line1,
    contact.address.line2,
    contact.address.postalCode,
    contact.address.city,
    contact.address.country,
    STATUS[candidature.status] ?? candidature.status,
    candidature.status === 'distance' ? candidature.distanceBody : '',
    answers.eligibilityRoute,
    answers.format,
    // Several answers in one cell, separated as the récapitulatif separates kept marks.
    answers.languages.join(' ; '),
    answers.optionalTest,
    answers.keptMarks,
    answers.exemptions,
    answers.arrangements,
    candidature.arrangementsRequested ? candidature.arrangementsDetails : '',
    String(r.version),
    parisDateTimeCell(r.savedAt),
    parisDateTimeCell(r.completeDeclaredAt),
    String(r.documentsToCheck),
    String(r.documentsRefused),
    r.setAsideAt ? 'oui' : 'non',
    r.setAsideReason ?? '',
  ]);
}
