/**
 * A registration as lines of French labels and values: the récapitulatif shows them, the
 * « Modification d'inscription » mail lists the lines that changed, the PDF will print them.
 */
import {
  type Catalogue,
  findExam,
  findSession,
  findSpecialty,
  optionsFor,
} from '../catalogue/catalogue.js';
import type { Change } from './ports.js';
import type { Identity, RegistrationData } from './registration.js';

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

export function summarize(subject: Subject, catalogue: Catalogue): SummaryLine[] {
  const exam = findExam(catalogue, subject.examCode);
  const specialty = findSpecialty(catalogue, subject.examCode, subject.specialtyCode);
  const session = findSession(catalogue, subject.sessionCode);
  const options = exam && specialty ? optionsFor(exam, specialty) : undefined;
  const label = (list: { code: string; label: string }[] | undefined, code: string): string =>
    list?.find((c) => c.code === code)?.label ?? code;
  const unit = (code: string): string => label(options?.units, code);
  const { identity: i, contact: c, candidature: k } = subject.data;
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
      label: 'Statut',
      value:
        k.status === 'distance'
          ? `Inscrit à une formation d’enseignement à distance (${k.distanceBody})`
          : 'Candidat individuel',
    },
    {
      section: 'Candidature',
      label: 'Voie d’accès',
      value: label(options?.eligibilityRoutes, k.eligibilityRoute),
    },
    {
      section: 'Candidature',
      label: 'Forme de l’examen',
      value: k.format === 'progressive' ? 'Progressive' : 'Globale',
    },
    ...(options && options.languageCount > 0
      ? [
          {
            section: 'Candidature' as const,
            label: options.languageCount > 1 ? 'Langues vivantes' : 'Langue vivante',
            value: k.languages.map((l) => label(options.languages, l)).join(', '),
          },
        ]
      : []),
    {
      section: 'Candidature',
      label: 'Épreuve facultative',
      value: k.optionalTest ? label(options?.optionalTests, k.optionalTest) : 'Aucune',
    },
    {
      section: 'Candidature',
      label: 'Notes conservées',
      value: k.keptMarks.length
        ? k.keptMarks
            .map(
              (m) => `${unit(m.unit)} : ${String(m.mark).replace('.', ',')}/20 (session ${m.year})`,
            )
            .join(' ; ')
        : 'Aucune',
    },
    {
      section: 'Candidature',
      label: 'Dispenses',
      value: k.exemptions.length
        ? k.exemptions.map((e) => `${unit(e.unit)} : ${e.diploma}`).join(' ; ')
        : 'Aucune',
    },
    {
      section: 'Candidature',
      label: 'Aménagement des épreuves',
      value: k.arrangementsRequested
        ? `Demandé${k.arrangementsDetails ? ` (${k.arrangementsDetails})` : ''}`
        : 'Non demandé',
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
