/**
 * The corpus of hostile requests (test/corpus/hostile-requests.yaml) read and checked: its four
 * families (form fields, files, URLs and identifiers, cookies and tokens), each case's sender,
 * request, body and expectation, and the generators its values are written with (a repeated
 * text, a field sent twice). Placeholders such as {registrationOfB} are the fixture's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { HOSTILE_FILE_KINDS } from './hostile-files.js';
import { VISITORS } from './visitors.js';

export const CORPUS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../corpus/hostile-requests.yaml',
);

export const FAMILIES = ['fields', 'files', 'urls', 'tokens'] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * Who sends a case: the rights tests' visitors, and a newcomer (a candidate half-way through
 * « M'inscrire », no registration yet, so no identity locked: the wizard checks every field).
 */
export const SENDERS = [...VISITORS, 'newcomer'] as const;
export type Sender = (typeof SENDERS)[number];
/** A text written as data: `{repeat: 'A', times: 100000}`, with what comes before and after. */
const repeated = z.strictObject({
  repeat: z.string().min(1),
  times: z.number().int().min(1).max(1_000_000),
  before: z.string().optional(),
  after: z.string().optional(),
});
const text = z.union([z.string(), repeated]);
export type CorpusText = z.infer<typeof text>;
/** A field's value; a list sends the field once per item (a duplicated field). */
const fieldValue = z.union([text, z.array(text).min(1)]);

/**
 * A cookie the sender holds instead of (or besides) its own: a token never issued, a session
 * that expired or was ended by sign-out, the other side's session, a staff member's session
 * that passed the password only, a disabled member's, or a literal value.
 */
export const COOKIE_VARIANTS = [
  'forged',
  'expired',
  'replayed',
  'crossed',
  'half-signed-in',
  'disabled',
] as const;
const cookieValue = z.union([z.enum(COOKIE_VARIANTS), z.strictObject({ value: z.string() })]);

/** How a multipart body departs from what the page sends. */
export const MULTIPART_SHAPES = [
  'file-before-csrf',
  'two-files',
  'no-file-part',
  'empty-filename',
  'extra-field',
  'text-instead-of-file',
  'unterminated',
  'no-boundary',
] as const;

const status = z.union([
  z.number().int().min(200).max(499),
  z.literal('4xx'),
  z.array(z.number().int().min(200).max(499)).min(2),
]);

const caseSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    why: z.string().min(10),
    as: z.enum(SENDERS).default('anonymous'),
    /** « METHOD /path?query », placeholders in braces. */
    request: z.string().regex(/^(GET|POST) \/\S*$/),
    cookies: z
      .strictObject({ candidat_session: cookieValue, candidat_gestion: cookieValue })
      .partial()
      .optional(),
    /** The CSRF token sent with a POST: the page's (default), none, forged, another browser's. */
    csrf: z.enum(['page', 'none', 'forged', 'other-browser']).default('page'),
    form: z.record(z.string(), fieldValue).optional(),
    /** A body sent as is, with its content type. */
    body: z.strictObject({ type: z.string(), text }).optional(),
    file: z
      .strictObject({
        kind: z.enum(HOSTILE_FILE_KINDS),
        name: z.string().default('piece.pdf'),
        type: z.string().default('application/pdf'),
        /** Text fields sent before the file (the publication's title). */
        fields: z.record(z.string(), text).default({}),
        shape: z.enum(MULTIPART_SHAPES).optional(),
      })
      .optional(),
    expect: z.strictObject({
      status,
      /** French words the page's main text must contain. */
      text: z.union([z.string(), z.array(z.string())]).optional(),
      /** For a 303: where it must lead. */
      location: z.string().optional(),
      /**
       * `nothing`: every table (rate-limit counters aside) and the upload folder as before;
       * `draft`: the same, except the wizard's draft, which keeps what was typed by design;
       * `journal`: the same, except new audit log entries (an accepted office export).
       */
      stored: z.enum(['nothing', 'draft', 'journal']).default('nothing'),
    }),
  })
  .refine((c) => [c.form, c.body, c.file].filter(Boolean).length <= 1, {
    message: 'a case sends a form, a raw body or a file, not several',
  })
  .refine((c) => c.expect.status !== 303 || c.expect.location !== undefined, {
    message: 'a 303 names where it leads',
  });

export type CorpusCase = z.infer<typeof caseSchema> & { family: Family };

const corpusSchema = z.strictObject(
  Object.fromEntries(FAMILIES.map((f) => [f, z.array(caseSchema)])) as Record<
    Family,
    z.ZodArray<typeof caseSchema>
  >,
);

/** Reads the corpus; throws with the case and the field when it is malformed. */
export function loadCorpus(file = CORPUS_FILE): CorpusCase[] {
  const raw: unknown = parse(readFileSync(file, 'utf8'), { merge: true });
  const parsed = corpusSchema.safeParse(raw);
  if (!parsed.success) {
    // Each problem named by its case's id when it has one: « fields.83 (id) .form.x: … ».
    const idAt = (family: PropertyKey, index: PropertyKey): string => {
      const entry = (raw as Record<PropertyKey, unknown[] | undefined>)[family]?.[Number(index)];
      const id = (entry as { id?: unknown } | undefined)?.id;
      return typeof id === 'string' ? ` (${id})` : '';
    };
    const problems = parsed.error.issues.map(
      ({ path: [family = '', index = '', ...rest], message }) =>
        `${String(family)}.${String(index)}${idAt(family, index)} ${rest.join('.')}: ${message}`,
    );
    throw new Error(`${file} is malformed:\n${problems.join('\n')}`);
  }
  const cases = FAMILIES.flatMap((family) => parsed.data[family].map((c) => ({ ...c, family })));
  const ids = cases.map((c) => c.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) throw new Error(`${file}: ids used twice: ${twice.join(', ')}`);
  return cases;
}

/** The text a generator describes. */
export function textOf(value: CorpusText, resolve: (s: string) => string): string {
  if (typeof value === 'string') return resolve(value);
  return `${resolve(value.before ?? '')}${value.repeat.repeat(value.times)}${resolve(value.after ?? '')}`;
}

/** Replaces every {placeholder} of `text` by its value; an unknown one is an error. */
export function resolvePlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown placeholder ${whole}`);
    return value;
  });
}

/** The route group a path belongs to, for the count printed by family and group. */
export function routeGroup(pathAndQuery: string): string {
  const p = pathAndQuery.split('?')[0] ?? '';
  const groups: Array<[RegExp, string]> = [
    [/^\/gestion\/(connexion|activation|deconnexion)/, 'office sign-in'],
    [/^\/gestion\/inscriptions\/[^/]+\/(pieces|documents-publies)/, 'office review'],
    [/^\/gestion\/inscriptions(\.csv)?\/?$/, 'office list'],
    [/^\/gestion\/inscriptions\//, 'office registration'],
    [/^\/gestion\/demandes/, 'office requests'],
    [/^\/gestion\/catalogue/, 'office catalogue'],
    [/^\/gestion\/tableau-de-bord/, 'office dashboard'],
    [/^\/gestion\/personnel/, 'office staff'],
    [/^\/gestion\/journal/, 'office journal'],
    [/^\/gestion\/conservation/, 'office retention'],
    [/^\/gestion\/justificatifs/, 'office files'],
    [/^\/gestion/, 'office home'],
    [/^\/compte/, 'accounts'],
    [/^\/(connexion|deconnexion)/, 'session'],
    [/^\/mot-de-passe/, 'password'],
    [/^\/espace/, 'space'],
    [/^\/inscription\//, 'wizard'],
    [/^\/demandes/, 'requests'],
    [/^\/(inscriptions\/[^/]+\/justificatifs|justificatifs)/, 'uploads'],
    [/^\/(inscriptions|mes-documents|verifier)/, 'receipts'],
    [/^\/(healthz|readyz)/, 'health'],
    [/^\/demo/, 'demo mailbox'],
  ];
  return groups.find(([pattern]) => pattern.test(p))?.[1] ?? 'public';
}

/**
 * The route, among `patterns` as Fastify registered them (`:name` for one segment, `*` for the
 * rest), that serves `pathAndQuery`: as the router does, a static segment wins over a
 * parameter, which wins over the wildcard.
 */
export function routeOf(patterns: readonly string[], pathAndQuery: string): string | undefined {
  const p = pathAndQuery.split('?')[0] ?? '';
  const rank = (pattern: string): number[] =>
    pattern.split('/').map((s) => (s === '*' ? 0 : s.startsWith(':') ? 1 : 2));
  const matching = patterns.filter((pattern) => {
    const source = pattern
      .split('/')
      .map((segment) =>
        segment === '*'
          ? '.*'
          : segment.startsWith(':')
            ? '[^/]+'
            : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    return new RegExp(`^${source}$`).test(p);
  });
  return matching.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < Math.max(ra.length, rb.length); i += 1)
      if ((ra[i] ?? -1) !== (rb[i] ?? -1)) return (rb[i] ?? -1) - (ra[i] ?? -1);
    return 0;
  })[0];
}
