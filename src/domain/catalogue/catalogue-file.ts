/**
 * The catalogue as a versioned YAML file (format 1, see `catalogues/`): parsed, validated and
 * turned into a `Catalogue`, or refused with every error found, each with its file, its
 * 1-based line and a French reason. Pure: reading files and following `extends` is
 * `infra/catalogue/read-catalogue-file.ts`'s job.
 *
 * A file may name another it `extends`: each top-level key it writes replaces the base's.
 * Instants are Europe/Paris wall-clock times, "YYYY-MM-DD HH:MM", or relative to the day of
 * the import in Paris, "J+N HH:MM" / "J-N HH:MM"; a first exam day may be "J+N" too.
 *
 * Validation (zod) checks the structure and each value, then the references between entries
 * (codes unique, pôles and exams that exist…). References are checked whenever the structure
 * is sound, even if some values are wrong, so that one import shows every mistake at once.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type YAMLError,
} from 'yaml';
import { z } from 'zod';
import {
  addDays,
  formatParisDateTime,
  fromParisWallClock,
  isCalendarDay,
  parisDay,
  WallClockError,
} from '../time/paris-time.js';
import type { DocumentCondition } from '../documents/document-rules.js';
import type { Catalogue } from './catalogue.js';
import { hasControlCharacters } from '../free-text.js';

/** The only format this program reads; a file says which one it is written in. */
export const CATALOGUE_FORMAT = 1;

export interface CatalogueSource {
  /** The name shown in errors, e.g. "poitiers-2025.yaml". */
  file: string;
  text: string;
}

export interface CatalogueError {
  file: string;
  /** 1-based. */
  line: number;
  /** French, for the office: what is wrong and, where it helps, how to write it. */
  reason: string;
}

export type CatalogueResult =
  { ok: true; catalogue: Catalogue } | { ok: false; errors: CatalogueError[] };

/** One file, parsed: its YAML document, and the file it extends, if any. */
export interface ParsedCatalogueSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  extends: { file: string; line: number } | undefined;
}

/** "poitiers-2025.yaml, ligne 42 : le pôle « foo » n’existe pas" */
export function formatCatalogueError(error: CatalogueError): string {
  return `${error.file}, ligne ${error.line} : ${error.reason}`;
}

// ---------------------------------------------------------------------------------------------
// Parsing one file

/** The parser's messages, in French; by message first (codes are coarse), then by code. */
const SYNTAX_MESSAGES: [RegExp, string][] = [
  [/^Sequence item without - indicator/, 'élément de liste sans tiret « - », ou mal indenté'],
  [/^Flow sequence .* end with a \]/, 'liste entre crochets non fermée par « ] », ou mal indentée'],
  [/^Flow mapping .* end with a \}/, 'bloc entre accolades non fermé par « } », ou mal indenté'],
  [/^Missing closing .?quote/, 'guillemet fermant manquant'],
  [/^Map keys must be unique/, 'cette clé est déjà écrite dans le même bloc'],
  [
    /^Nested mappings are not allowed/,
    'deux « : » sur la même ligne : mettez la valeur entre guillemets',
  ],
  [
    /^All mapping items must start at the same column/,
    'les clés d’un même bloc doivent être alignées',
  ],
  [
    /^All sequence items must start at the same column/,
    'les tirets d’une même liste doivent être alignés',
  ],
  [/^Implicit map keys need to be followed by map values/, 'clé sans « : »'],
  [/^Implicit keys need to be on a single line/, 'clé sur plusieurs lignes (« : » manquant ?)'],
];

const SYNTAX_CODES: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: 'indentation incorrecte',
  TAB_AS_INDENT: 'indentation par tabulation : utilisez des espaces',
  DUPLICATE_KEY: 'cette clé est déjà écrite dans le même bloc',
  MISSING_CHAR: 'caractère manquant (guillemet, crochet ou accolade non fermé ?)',
  MULTILINE_IMPLICIT_KEY: 'clé sur plusieurs lignes (« : » manquant ?)',
  BLOCK_AS_IMPLICIT_KEY: 'bloc utilisé comme clé (« : » mal placé ?)',
  UNEXPECTED_TOKEN: 'caractère inattendu',
  BAD_SCALAR_START: 'une valeur ne peut pas commencer ainsi : mettez-la entre guillemets',
  BAD_ALIAS: 'référence (*nom) invalide',
  BAD_DQ_ESCAPE: 'séquence d’échappement invalide entre guillemets',
  MULTIPLE_DOCS: 'un fichier de catalogue ne contient qu’un document (retirez « --- »)',
  RESOURCE_EXHAUSTION: 'trop de références (*nom) : le fichier développé est trop gros',
};

function syntaxReason(error: YAMLError): string {
  const message = error.message.split('\n')[0] ?? '';
  const known = SYNTAX_MESSAGES.find(([pattern]) => pattern.test(message))?.[1];
  return `syntaxe YAML invalide : ${known ?? SYNTAX_CODES[error.code] ?? message}`;
}

/** Parses one file's YAML and checks what each file must say on its own: its format. */
export function parseCatalogueSource(
  source: CatalogueSource,
): { ok: true; source: ParsedCatalogueSource } | { ok: false; errors: CatalogueError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): number => Math.max(1, lineCounter.linePos(offset).line);
  // Only the first syntax error: the ones after it mostly follow from it.
  const syntax = doc.errors[0];
  if (syntax) {
    return {
      ok: false,
      errors: [{ file: source.file, line: at(syntax.pos[0]), reason: syntaxReason(syntax) }],
    };
  }
  const fail = (line: number, reason: string): { ok: false; errors: CatalogueError[] } => ({
    ok: false,
    errors: [{ file: source.file, line, reason }],
  });
  const root = doc.contents;
  if (!isMap(root)) {
    return fail(
      root?.range ? at(root.range[0]) : 1,
      'le fichier doit être une suite de clés (format, academy, desks, exams, sessions)',
    );
  }
  const format = root.items.find((p) => scalarValue(p.key) === 'format');
  if (!format)
    return fail(1, `le champ « format » est obligatoire : écrivez « format: ${CATALOGUE_FORMAT} »`);
  if (scalarValue(format.value) !== CATALOGUE_FORMAT) {
    return fail(
      lineOfNode(format.value ?? format.key, lineCounter) ?? 1,
      `format « ${String(scalarValue(format.value))} » inconnu : ce programme lit le format ${CATALOGUE_FORMAT}`,
    );
  }
  const base = root.items.find((p) => scalarValue(p.key) === 'extends');
  let extendsFile: ParsedCatalogueSource['extends'];
  if (base) {
    const name = scalarValue(base.value);
    const line = lineOfNode(base.value ?? base.key, lineCounter) ?? 1;
    if (typeof name !== 'string' || name.trim() === '') {
      return fail(
        line,
        '« extends » doit nommer le fichier de base, par exemple « extends: poitiers-2025.yaml »',
      );
    }
    extendsFile = { file: name.trim(), line };
  }
  return { ok: true, source: { file: source.file, doc, lineCounter, extends: extendsFile } };
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

function lineOfNode(node: unknown, lineCounter: LineCounter): number | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? Math.max(1, lineCounter.linePos(range[0]).line) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The schema of the merged file

const CODE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const SPECIALTY_CODE = /^\d{8}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE = /^\+?[0-9][0-9 .()-]{5,}$/;
const ABSOLUTE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/;
const RELATIVE = /^J(?:([+-])(\d{1,4}))?(?: (\d{2}:\d{2}))?$/;

const quoted = (value: unknown): string => `« ${String(value)} »`;

const text = z
  .string()
  .trim()
  .min(1)
  .refine((v) => !hasControlCharacters(v), {
    error: 'ce texte contient des caractères de contrôle (invisibles), qui ne sont pas permis',
  });
const code = text.refine((v) => CODE.test(v), {
  error: (issue) =>
    `le code ${quoted(issue.input)} ne doit contenir que des lettres sans accent, des chiffres, « - » ou « _ »`,
});

const choice = z.strictObject({ code, label: text });

const optionShape = {
  formats: z.array(z.enum(['globale', 'progressive'])).min(1),
  eligibilityRoutes: z.array(choice).min(1),
  languages: z.array(choice),
  languageCount: z.literal([0, 1, 2]),
  optionalTests: z.array(choice),
  units: z.array(choice),
};

const desk = z.strictObject({
  code,
  name: text,
  phones: z.array(
    text.refine((v) => PHONE.test(v), {
      error: (issue) => `le numéro ${quoted(issue.input)} n’est pas un numéro de téléphone`,
    }),
  ),
  email: text.refine((v) => EMAIL.test(v), {
    error: (issue) => `${quoted(issue.input)} n’est pas une adresse électronique`,
  }),
});

const specialty = z.strictObject({
  code: text.refine((v) => SPECIALTY_CODE.test(v), {
    error: (issue) =>
      `le code de spécialité ${quoted(issue.input)} doit compter 8 chiffres (code national, entre guillemets)`,
  }),
  name: text,
  desk: code.optional(),
  options: z.strictObject(optionShape).partial().optional(),
});

const exam = z.strictObject({
  code,
  shortName: text,
  name: text,
  desk: code,
  options: z.strictObject(optionShape),
  specialties: z.array(specialty).default([]),
});

/** "YYYY-MM-DD HH:MM" in Paris, or "J±N HH:MM" from `today` (the import day in Paris). */
function instantOf(value: string, today: string): Date {
  const absolute = ABSOLUTE.exec(value);
  if (absolute) return fromParisWallClock(absolute[1] ?? '', absolute[2] ?? '');
  const relative = RELATIVE.exec(value);
  if (relative?.[3]) return fromParisWallClock(relativeDay(relative, today), relative[3]);
  throw new WallClockError(
    `${quoted(value)} n’est pas un instant : écrivez « AAAA-MM-JJ HH:MM » (heure de Paris) ou « J+N HH:MM » (N jours après l’import)`,
  );
}

function relativeDay(match: RegExpExecArray, today: string): string {
  const days = Number(match[2] ?? 0);
  return addDays(today, match[1] === '-' ? -days : days);
}

// When a document is required: `always`, or one condition written as a small map, or `any`
// of several. Ages are counted on the session's first exam day.
const condition: z.ZodType<DocumentCondition, unknown> = z.lazy(() =>
  z.union([
    z.literal('always').transform((): DocumentCondition => ({ always: true })),
    z.strictObject({ ageBelow: z.number().int().min(1).max(120) }),
    z.strictObject({
      ageFrom: z.number().int().min(0).max(120),
      ageBelow: z.number().int().min(1).max(120),
    }),
    z.strictObject({ eligibilityRoutes: z.array(code).min(1) }),
    z.strictObject({ keptMarks: z.literal(true) }),
    z.strictObject({ status: z.enum(['individuel', 'distance']) }),
    z.strictObject({ arrangementsRequested: z.literal(true) }),
    z.strictObject({ any: z.array(condition).min(1) }),
  ]),
);

const documentRule = z.strictObject({
  code,
  label: text,
  reason: text,
  exams: z.array(code).min(1).optional(),
  when: condition.default({ always: true }),
  perExemption: z.boolean().default(false),
  multipleFiles: z.boolean().default(false),
});

function structureFor(today: string) {
  const instant = z.string().transform((value, ctx) => {
    try {
      return instantOf(value.trim(), today);
    } catch (error) {
      // `continue`: the other checks, references included, still run and report theirs.
      ctx.addIssue({ code: 'custom', message: (error as Error).message, continue: true });
      return new Date(NaN);
    }
  });
  const day = z.string().transform((value, ctx) => {
    const v = value.trim();
    if (isCalendarDay(v)) return v;
    const relative = RELATIVE.exec(v);
    if (relative && !relative[3]) return relativeDay(relative, today);
    ctx.addIssue({
      code: 'custom',
      message: `${quoted(v)} n’est pas un jour : écrivez « AAAA-MM-JJ » ou « J+N » (N jours après l’import)`,
      continue: true,
    });
    return v;
  });
  const window = z
    .strictObject({ exam: code, opens: instant, closes: instant })
    .superRefine((w, ctx) => {
      if (w.closes.getTime() <= w.opens.getTime()) {
        ctx.addIssue({
          code: 'custom',
          path: ['closes'],
          message: `la fermeture (${formatParisDateTime(w.closes)}) doit venir après l’ouverture (${formatParisDateTime(w.opens)})`,
        });
      }
    });
  const session = z.strictObject({
    code,
    name: text,
    firstExamDay: day,
    windows: z.array(window),
  });
  return z.strictObject({
    format: z.literal(CATALOGUE_FORMAT),
    academy: z.strictObject({ code, name: text }),
    desks: z.array(desk).min(1),
    exams: z.array(exam).min(1),
    sessions: z.array(session),
    documents: z.array(documentRule).default([]),
  });
}

type CatalogueFile = z.output<ReturnType<typeof structureFor>>;
type Ctx = z.core.$RefinementCtx<CatalogueFile>;

function schemaFor(today: string) {
  return structureFor(today).superRefine(checkReferences);
}

/**
 * The references between entries, once the structure is sound (a value may still be wrong,
 * e.g. a badly written instant: it is reported on its own).
 */
function checkReferences(file: CatalogueFile, ctx: Ctx): void {
  const issue = (path: (string | number)[], message: string): void =>
    ctx.addIssue({ code: 'custom', path, message });

  unique(file.desks, ['desks'], (c) => `le pôle ${quoted(c)} est déjà déclaré`, issue);
  unique(file.exams, ['exams'], (c) => `l’examen ${quoted(c)} est déjà déclaré`, issue);
  unique(file.sessions, ['sessions'], (c) => `la session ${quoted(c)} est déjà déclarée`, issue);
  const desks = new Set(file.desks.map((d) => d.code));
  const noDesk = (c: string): string => `le pôle ${quoted(c)} n’existe pas`;

  for (const [i, e] of file.exams.entries()) {
    if (!desks.has(e.desk)) issue(['exams', i, 'desk'], noDesk(e.desk));
    checkOptions(e.options, ['exams', i, 'options'], issue);
    if (e.options.languageCount > e.options.languages.length) {
      issue(
        ['exams', i, 'options', 'languageCount'],
        `${e.options.languageCount} langue(s) à choisir, mais ${e.options.languages.length} offerte(s) dans « languages »`,
      );
    }
    unique(
      e.specialties,
      ['exams', i, 'specialties'],
      (c) => `la spécialité ${quoted(c)} est déjà déclarée pour l’examen ${quoted(e.code)}`,
      issue,
    );
    for (const [j, s] of e.specialties.entries()) {
      const path = ['exams', i, 'specialties', j];
      if (s.desk !== undefined && !desks.has(s.desk)) issue([...path, 'desk'], noDesk(s.desk));
      if (s.options) checkOptions(s.options, [...path, 'options'], issue);
      // The specialty's own choice of languages, checked against what it ends up offering.
      const own = s.options;
      if (own?.languageCount !== undefined || own?.languages !== undefined) {
        const { languageCount, languages } = { ...e.options, ...own };
        if (languageCount > languages.length) {
          issue(
            [...path, 'options', own.languageCount !== undefined ? 'languageCount' : 'languages'],
            `${languageCount} langue(s) à choisir, mais ${languages.length} offerte(s) pour cette spécialité`,
          );
        }
      }
    }
  }

  const exams = new Set(file.exams.map((e) => e.code));
  unique(file.documents, ['documents'], (c) => `la pièce ${quoted(c)} est déjà déclarée`, issue);
  const routes = new Set(file.exams.flatMap((e) => e.options.eligibilityRoutes.map((r) => r.code)));
  for (const [i, rule] of file.documents.entries()) {
    for (const [k, exam] of (rule.exams ?? []).entries()) {
      if (!exams.has(exam))
        issue(['documents', i, 'exams', k], `l’examen ${quoted(exam)} n’existe pas`);
    }
    for (const route of conditionRoutes(rule.when)) {
      if (!routes.has(route))
        issue(
          ['documents', i, 'when'],
          `la voie d’accès ${quoted(route)} n’existe dans aucun examen`,
        );
    }
  }
  for (const [i, session] of file.sessions.entries()) {
    const seen = new Set<string>();
    for (const [k, w] of session.windows.entries()) {
      const path = ['sessions', i, 'windows', k, 'exam'];
      if (!exams.has(w.exam)) issue(path, `l’examen ${quoted(w.exam)} n’existe pas`);
      else if (seen.has(w.exam)) {
        issue(
          path,
          `la session ${quoted(session.code)} a déjà une ouverture pour l’examen ${quoted(w.exam)}`,
        );
      }
      seen.add(w.exam);
    }
  }
}

function conditionRoutes(c: DocumentCondition): string[] {
  if ('any' in c) return c.any.flatMap(conditionRoutes);
  return 'eligibilityRoutes' in c ? c.eligibilityRoutes : [];
}

/** Codes are unique within each list of choices. */
function checkOptions(
  options: Partial<
    Record<'eligibilityRoutes' | 'languages' | 'optionalTests' | 'units', { code: string }[]>
  >,
  path: (string | number)[],
  issue: (path: (string | number)[], message: string) => void,
): void {
  for (const key of ['eligibilityRoutes', 'languages', 'optionalTests', 'units'] as const) {
    const list = options[key];
    if (list) {
      unique(
        list,
        [...path, key],
        (c) => `le code ${quoted(c)} est déjà utilisé dans cette liste`,
        issue,
      );
    }
  }
}

function unique(
  entries: readonly { code: string }[],
  path: (string | number)[],
  message: (code: string) => string,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    if (seen.has(entry.code)) issue([...path, i, 'code'], message(entry.code));
    seen.add(entry.code);
  }
}

// ---------------------------------------------------------------------------------------------
// From parsed files to a catalogue

/**
 * Builds the catalogue from `chain`: the file named by the operator first, then the file it
 * extends, and so on. `now` fixes the day relative instants ("J+N") count from.
 */
export function buildCatalogue(
  chain: readonly ParsedCatalogueSource[],
  { now }: { now: Date },
): CatalogueResult {
  const entry = chain[0];
  if (!entry) throw new Error('buildCatalogue needs at least one file');
  // Each top-level key comes from the nearest file that writes it.
  const merged: Record<string, unknown> = {};
  const origin = new Map<string, ParsedCatalogueSource>();
  for (const source of [...chain].reverse()) {
    const js = source.doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
    for (const [key, value] of Object.entries(js)) {
      if (key === 'extends') continue;
      merged[key] = value;
      origin.set(key, source);
    }
  }

  const parsed = schemaFor(parisDay(now)).safeParse(merged);
  if (!parsed.success) {
    // A key misspelt by its case ("shortname") is reported once, not also as a missing field.
    const misspelt = new Set(
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => pathId([...issue.path, meantKey(key) ?? key]))
          : [],
      ),
    );
    const errors = parsed.error.issues
      .filter((issue) => !(issue.code === 'invalid_type' && misspelt.has(pathId(issue.path))))
      .flatMap((issue) => errorsOf(issue, merged, origin, entry));
    return { ok: false, errors: sortAndDedupe(errors, chain) };
  }
  return { ok: true, catalogue: toCatalogue(parsed.data) };
}

/** One file without `extends`, from its text: what tests and tools without files use. */
export function catalogueFromText(
  source: CatalogueSource,
  options: { now: Date },
): CatalogueResult {
  const parsed = parseCatalogueSource(source);
  if (!parsed.ok) return parsed;
  if (parsed.source.extends) {
    return {
      ok: false,
      errors: [
        {
          file: source.file,
          line: parsed.source.extends.line,
          reason:
            '« extends » se résout en lisant le fichier de base : importez le fichier lui-même',
        },
      ],
    };
  }
  return buildCatalogue([parsed.source], options);
}

function toCatalogue(file: CatalogueFile): Catalogue {
  return {
    academy: file.academy,
    desks: file.desks,
    exams: file.exams.map((e) => ({
      code: e.code,
      shortName: e.shortName,
      name: e.name,
      deskCode: e.desk,
      options: e.options,
    })),
    specialties: file.exams.flatMap((e) =>
      e.specialties.map((s) => ({
        examCode: e.code,
        code: s.code,
        name: s.name,
        deskCode: s.desk ?? e.desk,
        options: s.options ?? {},
      })),
    ),
    sessions: file.sessions.map((s) => ({
      code: s.code,
      name: s.name,
      firstExamDay: s.firstExamDay,
    })),
    documentRules: file.documents.map((d) => ({
      code: d.code,
      label: d.label,
      reason: d.reason,
      ...(d.exams ? { exams: d.exams } : {}),
      when: d.when,
      perExemption: d.perExemption,
      multipleFiles: d.multipleFiles,
    })),
    windows: file.sessions.flatMap((s) =>
      s.windows.map((w) => ({
        sessionCode: s.code,
        examCode: w.exam,
        opensAt: w.opens,
        closesAt: w.closes,
      })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// From zod issues to French errors with lines

type Path = readonly PropertyKey[];

function errorsOf(
  issue: z.core.$ZodIssue,
  merged: Record<string, unknown>,
  origin: ReadonlyMap<string, ParsedCatalogueSource>,
  entry: ParsedCatalogueSource,
): CatalogueError[] {
  const locate = (path: Path, atKey: boolean): CatalogueError => {
    const top = path[0];
    const source = typeof top === 'string' ? origin.get(top) : undefined;
    if (!source) return { file: entry.file, line: 1, reason: '' };
    return { file: source.file, line: lineAt(source, path, atKey), reason: '' };
  };
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      ...locate([...issue.path, key], true),
      reason: `clé inconnue ${quoted(key)}${hint(meantKey(key))}`,
    }));
  }
  return [{ ...locate(issue.path, false), reason: reasonOf(issue, valueAt(merged, issue.path)) }];
}

const EXPECTED: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  array: 'une liste',
  object: 'un bloc de clés',
  boolean: 'vrai ou faux',
};

function reasonOf(issue: z.core.$ZodIssue, value: unknown): string {
  const key = [...issue.path].reverse().find((s) => typeof s === 'string');
  const index = issue.path[issue.path.length - 1];
  const field =
    key === undefined
      ? 'le fichier'
      : typeof index === 'number'
        ? `l’élément n° ${index + 1} de ${quoted(key)}`
        : quoted(key);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return `le champ ${field} est obligatoire`;
      if (value === null) return `le champ ${field} est vide`;
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      const hint =
        issue.expected === 'string' && typeof value !== 'object'
          ? ' : écrivez la valeur entre guillemets'
          : '';
      return `${field} doit être ${expected}${hint}`;
    }
    case 'invalid_value':
      return `${field} doit valoir ${orList(issue.values.map((v) => String(v)))}${
        value === undefined ? '' : `, pas ${quoted(value)}`
      }`;
    case 'too_small':
      return `${field} ne doit pas être vide`;
    case 'custom':
      return issue.message;
    default:
      return `${field} : valeur invalide (${issue.message})`;
  }
}

const KNOWN_KEYS = [
  'format',
  'extends',
  'academy',
  'desks',
  'exams',
  'sessions',
  'code',
  'name',
  'phones',
  'email',
  'shortName',
  'desk',
  'options',
  'specialties',
  'formats',
  'eligibilityRoutes',
  'languages',
  'languageCount',
  'optionalTests',
  'units',
  'label',
  'firstExamDay',
  'windows',
  'exam',
  'opens',
  'closes',
];

/** The key meant when an unknown one differs from a known one only by case, e.g. "shortname". */
function meantKey(key: string): string | undefined {
  return KNOWN_KEYS.find((k) => k.toLowerCase() === key.toLowerCase() && k !== key);
}

function hint(meant: string | undefined): string {
  return meant ? ` (vouliez-vous écrire ${quoted(meant)} ?)` : '';
}

function pathId(path: Path): string {
  return JSON.stringify(path.map(String));
}

/** "0, 1 ou 2" */
function orList(values: string[]): string {
  return values.length < 2
    ? values.join('')
    : `${values.slice(0, -1).join(', ')} ou ${values[values.length - 1]}`;
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/**
 * The line of `path` in the file that wrote it: the deepest node that exists (a missing field
 * is reported on its block's first line). Past a reference (*name), the reference's line.
 */
function lineAt(source: ParsedCatalogueSource, path: Path, atKey: boolean): number {
  const lineOf = (node: unknown): number | undefined => lineOfNode(node, source.lineCounter);
  let node: unknown = source.doc.contents;
  let line = lineOf(node) ?? 1;
  let throughAlias = false;
  for (const [i, segment] of path.entries()) {
    if (isAlias(node)) {
      node = node.resolve(source.doc);
      throughAlias = true;
    }
    let next: unknown;
    let key: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => scalarValue(p.key) === segment);
      if (!pair) break;
      key = pair.key;
      next = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      if (next === undefined) break;
    } else break;
    const last = i === path.length - 1;
    if (!throughAlias) line = lineOf(last && atKey ? key : (next ?? key)) ?? lineOf(key) ?? line;
    node = next;
  }
  return line;
}

function sortAndDedupe(
  errors: CatalogueError[],
  chain: readonly ParsedCatalogueSource[],
): CatalogueError[] {
  const order = (file: string): number => chain.findIndex((s) => s.file === file);
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const id = formatCatalogueError(e);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => order(a.file) - order(b.file) || a.line - b.line);
}
