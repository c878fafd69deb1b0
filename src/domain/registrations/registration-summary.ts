/**
 * A registration as lines of French labels and values: the récapitulatif shows them, the
 * « Modification d'inscription » mail lists the lines that changed, the PDF will print them.
 */
import {
  type Catalogue,
  type ExamOptions,
  findExam,
  findSession,
  findSpecialty,
  optionsFor,
} from '../catalogue/catalogue.js';
import type { Change } from './ports.js';
import type { Candidature, Identity, RegistrationData } from './registration.js';

export interface SummaryLine {
  section: 'Examen' | 'État civil' | 'Coordonnées' | 'Candidature';
  label: string;
  value: string;
}

export interface Subject {
  sessionCode: string;
  examCode: string;
  specialtyCode: string;
  data: RegistrationData;
}

export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** The labels of the récapitulatif's candidature lines; the office's export heads its columns with them. */
export const CANDIDATURE_LINE_LABELS = {
  status: 'Statut',
  eligibilityRoute: 'Voie d’accès',
  format: 'Forme de l’examen',
  language: 'Langue vivante',
  languages: 'Langues vivantes',
  optionalTest: 'Épreuve facultative',
  keptMarks: 'Notes conservées',
  exemptions: 'Dispenses',
  arrangements: 'Aménagement des épreuves',
} as const;

/** The candidature's answers in the récapitulatif's words: labels, not the codes stored. */
export interface CandidatureAnswers {
  eligibilityRoute: string;
  format: string;
  /** One label per language, in the candidate's order. */
  languages: string[];
  optionalTest: string;
  /** « Épreuve … : 12,5/20 (session 2023) ; … », or « Aucune ». */
  keptMarks: string;
  /** « Épreuve … : diploma held ; … », or « Aucune ». */
  exemptions: string;
  arrangements: string;
}

/** `options` are the exam's for the specialty (`optionsFor`); a code they lack shows as is. */
export function candidatureAnswers(
  k: Candidature,
  options: ExamOptions | undefined,
): CandidatureAnswers {
  const label = (list: { code: string; label: string }[] | undefined, code: string): string =>
    list?.find((c) => c.code === code)?.label ?? code;
  const unit = (code: string): string => label(options?.units, code);
  return {
    eligibilityRoute: label(options?.eligibilityRoutes, k.eligibilityRoute),
    format: k.format === 'progressive' ? 'Progressive' : 'Globale',
    languages: k.languages.map((l) => label(options?.languages, l)),
    optionalTest: k.optionalTest ? label(options?.optionalTests, k.optionalTest) : 'Aucune',
    keptMarks:
      k.keptMarks
        .map((m) => `${unit(m.unit)} : ${String(m.mark).replace('.', ',')}/20 (session ${m.year})`)
        .join(' ; ') || 'Aucune',
    exemptions: k.exemptions.map((e) => `${unit(e.unit)} : ${e.diploma}`).join(' ; ') || 'Aucune',
    arrangements: k.arrangementsRequested ? 'Demandé' : 'Non demandé',
  };
}

export function summarize(subject: Subject, catalogue: Catalogue): SummaryLine[] {
  const exam = findExam(catalogue, subject.examCode);
  const specialty = findSpecialty(catalogue, subject.examCode, subject.specialtyCode);
  const session = findSession(catalogue, subject.sessionCode);
  const options = exam && specialty ? optionsFor(exam, specialty) : undefined;
  const { identity: i, contact: c, candidature: k } = subject.data;
  const answers = candidatureAnswers(k, options);
  const L = CANDIDATURE_LINE_LABELS;
  const address = [
    c.address.line1,
    c.address.line2,
    `${c.address.postalCode} ${c.address.city}`,
    c.address.country,
  ]
    .filter(Boolean)
    .join(', ');
  return [
    { section: 'Examen', label: 'Session', value: session?.name ?? subject.sessionCode },
    {
      section: 'Examen',
      label: 'Examen',
      value: exam ? `${exam.shortName} – ${exam.name}` : subject.examCode,
    },
    {
      section: 'Examen',
      label: 'Spécialité',
      value: specialty ? `${specialty.name} (${specialty.code})` : subject.specialtyCode,
    },
    ...summarizeIdentity(i),
    { section: 'Coordonnées', label: 'Adresse postale', value: address },
    { section: 'Coordonnées', label: 'Téléphone', value: c.phone },
    {
      section: 'Candidature',
      label: L.status,
      value:
        k.status === 'distance'
          ? `Inscrit à une formation d’enseignement à distance (${k.distanceBody})`
          : 'Candidat individuel',
    },
    { section: 'Candidature', label: L.eligibilityRoute, value: answers.eligibilityRoute },
    { section: 'Candidature', label: L.format, value: answers.format },
    ...(options && options.languageCount > 0
      ? [
          {
            section: 'Candidature' as const,
            label: options.languageCount > 1 ? L.languages : L.language,
            value: answers.languages.join(', '),
          },
        ]
      : []),
    { section: 'Candidature', label: L.optionalTest, value: answers.optionalTest },
    { section: 'Candidature', label: L.keptMarks, value: answers.keptMarks },
    { section: 'Candidature', label: L.exemptions, value: answers.exemptions },
    {
      section: 'Candidature',
      label: L.arrangements,
      value:
        k.arrangementsRequested && k.arrangementsDetails
          ? `${answers.arrangements} (${k.arrangementsDetails})`
          : answers.arrangements,
    },
  ];
}

export function summarizeIdentity(i: Identity): SummaryLine[] {
  return [
    { section: 'État civil', label: 'Nom de naissance', value: i.birthName },
    { section: 'État civil', label: 'Nom d’usage', value: i.usageName || '—' },
    { section: 'État civil', label: 'Prénoms', value: i.firstNames },
    { section: 'État civil', label: 'Sexe', value: i.sex === 'F' ? 'Féminin' : 'Masculin' },
    { section: 'État civil', label: 'Date de naissance', value: frenchDay(i.birthDate) },
    { section: 'État civil', label: 'Commune de naissance', value: i.birthCommune },
    { section: 'État civil', label: 'Pays de naissance', value: i.birthCountry },
    { section: 'État civil', label: 'Nationalité', value: i.nationality },
  ];
}

/** The lines whose value differs, in the order of the form. */
export function changesBetween(before: SummaryLine[], after: SummaryLine[]): Change[] {
  const old = new Map(before.map((l) => [l.label, l.value]));
  return after
    .filter((l) => old.get(l.label) !== l.value)
    .map((l) => ({ label: l.label, before: old.get(l.label) ?? '—', after: l.value }));
}
