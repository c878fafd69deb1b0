/**
 * The catalogue written back in the import's format (format 1, `catalogue-file.ts` reads it):
 * what « Exporter » gives, and what every edit of the office is validated as. An edit changes
 * this plain data (a window's instants, a pôle's phones) or the text itself (the YAML page),
 * and the result goes through `catalogueFromText`, the import's own loader: there is one
 * validator, whatever the way in.
 *
 * Instants are written as Paris wall-clock times, "YYYY-MM-DD HH:MM", as the shipped files
 * write them; defaults are left out as they are there (a specialty's pôle when it is its
 * exam's, `perExemption: false`), so importing the text gives back the same catalogue.
 */
import { createHash } from 'node:crypto';
import { Document, isCollection, isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import type { DocumentCondition } from '../documents/document-rules.js';
import { parisWallClock } from '../time/paris-time.js';
import { CATALOGUE_FORMAT } from './catalogue-file.js';
import type { Catalogue, ExamOptions, RegistrationWindow } from './catalogue.js';

/** A condition as the file writes it: `always` is a word there. */
export type ConditionData =
  | 'always'
  | Exclude<DocumentCondition, { always: true } | { any: unknown }>
  | { any: ConditionData[] };

export interface WindowData {
  exam: string;
  opens: string;
  closes: string;
}

export interface SessionData {
  code: string;
  name: string;
  firstExamDay: string;
  windows: WindowData[];
}

export interface SpecialtyData {
  code: string;
  name: string;
  desk?: string;
  options?: Partial<ExamOptions>;
}

export interface ExamData {
  code: string;
  shortName: string;
  name: string;
  desk: string;
  options: ExamOptions;
  specialties?: SpecialtyData[];
}

export interface DocumentRuleData {
  code: string;
  label: string;
  reason: string;
  exams?: string[];
  when: ConditionData;
  perExemption?: true;
  multipleFiles?: true;
}

/** The import's input structure, as plain data. */
export interface CatalogueFileData {
  format: number;
  academy: { code: string; name: string };
  desks: { code: string; name: string; phones: string[]; email: string }[];
  exams: ExamData[];
  sessions: SessionData[];
  documents: DocumentRuleData[];
}

/** "2024-11-13 19:00": the instant as Paris clocks show it. */
export function wallClockText(instant: Date): string {
  const { date, time } = parisWallClock(instant);
  return `${date} ${time}`;
}

function conditionData(condition: DocumentCondition): ConditionData {
  if ('always' in condition) return 'always';
  if ('any' in condition) return { any: condition.any.map(conditionData) };
  return { ...condition };
}

export function catalogueFileData(catalogue: Catalogue): CatalogueFileData {
  const examRank = new Map(catalogue.exams.map((e, i) => [e.code, i]));
  const rank = (w: RegistrationWindow): number => examRank.get(w.examCode) ?? examRank.size;
  return {
    format: CATALOGUE_FORMAT,
    academy: { code: catalogue.academy.code, name: catalogue.academy.name },
    desks: catalogue.desks.map((d) => ({
      code: d.code,
      name: d.name,
      phones: [...d.phones],
      email: d.email,
    })),
    exams: catalogue.exams.map((exam) => {
      const specialties = catalogue.specialties
        .filter((s) => s.examCode === exam.code)
        .map((s): SpecialtyData => ({
          code: s.code,
          name: s.name,
          ...(s.deskCode !== exam.deskCode ? { desk: s.deskCode } : {}),
          ...(Object.keys(s.options).length > 0 ? { options: structuredClone(s.options) } : {}),
        }));
      return {
        code: exam.code,
        shortName: exam.shortName,
        name: exam.name,
        desk: exam.deskCode,
        options: structuredClone(exam.options),
        ...(specialties.length > 0 ? { specialties } : {}),
      };
    }),
    sessions: catalogue.sessions.map((session) => ({
      code: session.code,
      name: session.name,
      firstExamDay: session.firstExamDay,
      // In the exams' order, as the calendar lists them: the same catalogue, the same text.
      windows: catalogue.windows
        .filter((w) => w.sessionCode === session.code)
        .sort(
          (a, b) =>
            rank(a) - rank(b) ||
            a.examCode.localeCompare(b.examCode) ||
            a.opensAt.getTime() - b.opensAt.getTime(),
        )
        .map((w) => ({
          exam: w.examCode,
          opens: wallClockText(w.opensAt),
          closes: wallClockText(w.closesAt),
        })),
    })),
    documents: catalogue.documentRules.map((rule) => ({
      code: rule.code,
      label: rule.label,
      reason: rule.reason,
      ...(rule.exams ? { exams: [...rule.exams] } : {}),
      when: conditionData(rule.when),
      ...(rule.perExemption ? { perExemption: true as const } : {}),
      ...(rule.multipleFiles ? { multipleFiles: true as const } : {}),
    })),
  };
}

type Path = readonly (string | number)[];

/**
 * `data` as YAML text, laid out like the shipped files: short lists and choices on one line,
 * a blank line between sections. `header` becomes the comment at the top.
 */
export function catalogueFileText(data: CatalogueFileData, header?: string): string {
  const doc = new Document(data, { aliasDuplicateObjects: false });
  const flow = (path: Path): void => {
    const node = doc.getIn(path, true);
    if (isCollection(node)) node.flow = true;
  };
  const choiceLists = ['eligibilityRoutes', 'languages', 'optionalTests', 'units'] as const;
  const flowOptions = (path: Path, options: Partial<ExamOptions>): void => {
    flow([...path, 'formats']);
    for (const key of choiceLists)
      for (const [i] of (options[key] ?? []).entries()) flow([...path, key, i]);
  };
  for (const [i] of data.desks.entries()) flow(['desks', i, 'phones']);
  for (const [i, exam] of data.exams.entries()) {
    flowOptions(['exams', i, 'options'], exam.options);
    for (const [j, specialty] of (exam.specialties ?? []).entries()) {
      if (specialty.options)
        flowOptions(['exams', i, 'specialties', j, 'options'], specialty.options);
      else flow(['exams', i, 'specialties', j]);
    }
    if (i > 0) spaceBefore(doc.getIn(['exams', i], true));
  }
  for (const [i] of data.documents.entries()) {
    flow(['documents', i, 'exams']);
    flow(['documents', i, 'when']);
  }
  if (isMap(doc.contents))
    for (const [i, pair] of doc.contents.items.entries()) if (i > 0) spaceBefore(pair.key);
  if (header) doc.commentBefore = header.replace(/^/gm, ' ');
  return doc.toString({ lineWidth: 0, singleQuote: true, flowCollectionPadding: true });
}

function spaceBefore(node: unknown): void {
  if (isNode(node)) node.spaceBefore = true;
}

/** The export: the whole catalogue, with a header saying what the file is and how to import it. */
export function catalogueYaml(catalogue: Catalogue): string {
  return catalogueFileText(
    catalogueFileData(catalogue),
    [
      `Catalogue : ${catalogue.academy.name}, tel qu’enregistré dans le portail.`,
      '',
      'Importer : candidat catalogue import catalogue.yaml',
      'Format 1 (voir catalogues/poitiers-2025.yaml) ; instants en heure de Paris, « AAAA-MM-JJ HH:MM ».',
    ].join('\n'),
  );
}

/**
 * A short fingerprint of a catalogue's text: an edit made from a page carries the one it
 * started from, and is refused if the catalogue changed meanwhile.
 */
export function catalogueRevision(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The lines (1-based, inclusive) the entry at `path` spans in `text`, from its key to the end
 * of its value: an error the loader reports on one of them is about that entry.
 */
export function entryLines(text: string, path: Path): { first: number; last: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  let range: [number, number] | undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalarWithValue(p.key, last));
    const start = nodeRange(pair?.key)?.[0];
    const end = nodeRange(pair?.value)?.[1] ?? nodeRange(pair?.key)?.[1];
    if (start !== undefined && end !== undefined) range = [start, end];
  } else if (isSeq(parent) && typeof last === 'number') {
    const item = nodeRange(parent.items[last]);
    if (item) range = [item[0], item[1]];
  }
  if (!range) return undefined;
  const first = lineCounter.linePos(range[0]).line;
  return {
    first,
    last: Math.max(first, lineCounter.linePos(Math.max(range[0], range[1] - 1)).line),
  };
}

function isScalarWithValue(node: unknown, value: unknown): boolean {
  return node !== null && typeof node === 'object' && 'value' in node && node.value === value;
}

function nodeRange(node: unknown): readonly [number, number, number] | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ?? undefined;
}

/**
 * The loader's errors sorted by the field whose line they are on (`path` + field in `text`);
 * the others, with their reason only: the text is made by the page, its lines mean nothing to
 * whoever typed.
 */
export function errorsByField<F extends string>(
  text: string,
  path: readonly (string | number)[],
  errors: readonly { line: number; reason: string }[],
  fields: readonly F[],
): { fieldErrors: Partial<Record<F, string>>; otherErrors: string[] } {
  const spans = fields.map((field) => ({ field, lines: entryLines(text, [...path, field]) }));
  const fieldErrors: Partial<Record<F, string>> = {};
  const otherErrors: string[] = [];
  for (const error of errors) {
    const hit = spans.find(
      ({ lines }) => lines && error.line >= lines.first && error.line <= lines.last,
    );
    if (!hit) otherErrors.push(error.reason);
    else {
      const reason = error.reason.charAt(0).toUpperCase() + error.reason.slice(1);
      const known = fieldErrors[hit.field];
      fieldErrors[hit.field] = known ? `${known} ; ${error.reason}` : reason;
    }
  }
  return { fieldErrors, otherErrors };
}
