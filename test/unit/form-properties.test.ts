/**
 * Property-based tests (fast-check) of every parser a form goes through: credentials, the
 * registration form's identity, address and candidature, the office's answers and reopening
 * deadlines, the uploaded file's name and first bytes, the catalogue edited as text or field by
 * field, and the web layer's form parsing. Arbitrary input never makes them throw anything but
 * the application's refusal (a DomainError « validation » whose field messages are French, or
 * the 400 of a malformed form), and valid input goes through unchanged and round-trips.
 * (HTTP: test/medium/hostile-corpus.test.ts posts arbitrary bodies to the main routes.)
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emailProblem, normalizeEmail } from '../../src/domain/accounts/email-address.js';
import { passwordFieldErrors } from '../../src/domain/accounts/credentials-form.js';
import type { ExamOptions } from '../../src/domain/catalogue/catalogue.js';
import { catalogueFromText } from '../../src/domain/catalogue/catalogue-file.js';
import { catalogueFileData, catalogueFileText } from '../../src/domain/catalogue/catalogue-yaml.js';
import { displayName, MAX_DISPLAY_NAME_LENGTH } from '../../src/domain/documents/file-name.js';
import { jpegDimensions, pngDimensions } from '../../src/domain/documents/image-dimensions.js';
import { sniffMediaType } from '../../src/domain/documents/media-type.js';
import { findRefusalReason } from '../../src/domain/documents/review/refusal-reasons.js';
import { parseReopeningDeadline } from '../../src/domain/documents/review/reopening-deadline.js';
import { DomainError } from '../../src/domain/errors.js';
import { checkAnswer } from '../../src/domain/office-requests/answer-request.js';
import {
  parseAddress,
  parseCandidature,
  parseContact,
  parseDay,
  parseIdentity,
  rawFieldsOf,
} from '../../src/domain/registrations/registration-form.js';
import { parisDay, parisWallClock } from '../../src/domain/time/paris-time.js';
import { CATALOGUES_DIR } from '../../src/demo/demo-data.js';
import { MalformedForm, parseForm, textField } from '../../src/web/form-handling.js';

const RUNS = { numRuns: 300 };

// ------------------------------------------------------------------ what a refusal must be

/** A message for a person in France: a French sentence, no code, no English, no « undefined ». */
function expectFrench(message: string): void {
  expect(message).toMatch(/^[A-ZÀ-ÖØ-Þa-zà-ÿ«L]/u);
  expect(message).toMatch(/[\p{L}\p{N}.»)]$/u);
  expect(message).not.toMatch(/\b(undefined|null|NaN|Invalid|Expected|Error|object|string)\b/);
}

function expectFrenchErrors(errors: Record<string, string>, fields: readonly string[]): void {
  for (const [field, message] of Object.entries(errors)) {
    expect(fields).toContain(field);
    expectFrench(message);
  }
}

/** Runs `parse`: it returns, or refuses with a DomainError « validation » in French. */
function returnsOrRefuses<T>(parse: () => T, fields: readonly string[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const refusal = error as DomainError;
    expect(refusal.code).toBe('validation');
    expectFrenchErrors(refusal.details.fieldErrors ?? {}, fields);
    expect(Object.keys(refusal.details.fieldErrors ?? {}).length).toBeGreaterThan(0);
    return undefined;
  }
}

// ------------------------------------------------------------------ arbitrary input

/** Any text: every code point, lone surrogates and control characters included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    "'; DROP TABLE registrations; --",
    '<script>alert(1)</script>',
    '\u202Egpj.exe',
    '9'.repeat(3000),
    '1e309',
    '-1',
    '__proto__',
  ),
);

/** A form's fields as a record of strings: the real names, and any other. */
function fieldsOf(names: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 })), anyText, {
    maxKeys: names.length + 5,
  });
}

// ------------------------------------------------------------------ valid input

const session = { code: '2025', name: 'Session juin 2025', firstExamDay: '2025-06-10' };
const options: ExamOptions = {
  formats: ['globale', 'progressive'],
  eligibilityRoutes: [
    { code: 'experience', label: 'Trois ans d’activité' },
    { code: 'diploma', label: 'Diplôme' },
  ],
  languages: [
    { code: 'anglais', label: 'Anglais' },
    { code: 'espagnol', label: 'Espagnol' },
    { code: 'allemand', label: 'Allemand' },
  ],
  languageCount: 2,
  optionalTests: [{ code: 'arts', label: 'Arts' }],
  units: [
    { code: 'E5', label: 'E5 – Français' },
    { code: 'E6', label: 'E6 – Histoire' },
  ],
};

const word = fc.stringMatching(/^[A-ZÉ][a-zéèêëàâçîïôûü]{1,14}$/);
const name = fc
  .array(word, { minLength: 1, maxLength: 3 })
  .chain((words) => fc.constantFrom(' ', '-', '’').map((glue) => words.join(glue)))
  .filter((n) => [...n].length <= 60);
const place = fc.stringMatching(/^[A-Z0-9][a-z0-9 '’(),./-]{1,40}$/).map((p) => p.trim());
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
const birthDate = fc
  .date({
    min: new Date('1926-06-11T00:00:00Z'),
    max: new Date('2011-06-09T00:00:00Z'),
    noInvalidDate: true,
  })
  .map(isoDay);
const identityFields = fc.record({
  birthName: name,
  usageName: fc.oneof(fc.constant(''), name),
  firstNames: name,
  sex: fc.constantFrom('F', 'M'),
  birthDate,
  birthCommune: place,
  birthCountry: place,
  nationality: place,
});
const contactFields = fc.record({
  addressLine1: place,
  addressLine2: fc.oneof(fc.constant(''), place),
  postalCode: fc.stringMatching(/^\d{5}$/),
  city: place,
  country: fc.constant('France'),
  phone: fc.stringMatching(/^0[1-9]\d{8}$/),
});
const candidatureFields = fc
  .record({
    distance: fc.boolean(),
    distanceBody: place,
    eligibilityRoute: fc.constantFrom('experience', 'diploma'),
    format: fc.constantFrom('globale', 'progressive'),
    languages: fc.shuffledSubarray(['anglais', 'espagnol', 'allemand'], {
      minLength: 2,
      maxLength: 2,
    }),
    optionalTest: fc.constantFrom('', 'arts'),
    arrangements: fc.option(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 200 }), {
      nil: undefined,
    }),
    kept: fc.option(
      fc.record({
        year: fc.integer({ min: 2020, max: 2024 }),
        mark: fc.integer({ min: 1000, max: 2000 }),
      }),
      { nil: undefined },
    ),
  })
  .map((c) => {
    const fields: Record<string, string> = {
      status: c.distance ? 'distance' : 'individuel',
      distanceBody: c.distance ? c.distanceBody : '',
      eligibilityRoute: c.eligibilityRoute,
      format: c.format,
      language1: c.languages[0] ?? '',
      language2: c.languages[1] ?? '',
      optionalTest: c.optionalTest,
      arrangements: c.arrangements === undefined ? 'non' : 'oui',
      arrangementsDetails: (c.arrangements ?? '').replace(/\s+/g, ' ').trim(),
    };
    if (c.kept) {
      fields.kept_E5 = 'oui';
      fields.keptYear_E5 = String(c.kept.year);
      fields.keptMark_E5 = String(c.kept.mark / 100).replace('.', ',');
    }
    return fields;
  });

// ------------------------------------------------------------------ the properties

describe('credentials (« Créer votre compte », « Se connecter », « Mot de passe oublié »)', () => {
  it('never throws on any email, and says what is wrong in French', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const normalized = normalizeEmail(raw);
        expect(normalizeEmail(normalized)).toBe(normalized);
        const problem = emailProblem(normalized);
        if (problem !== null) expectFrench(problem);
      }),
      RUNS,
    );
  });

  it('takes every plain address, in any case and with spaces around', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const address = fc
      .tuple(
        fc.stringMatching(/^[a-z0-9]+(?:[._+-][a-z0-9]+){0,2}$/),
        label,
        fc.stringMatching(/^[a-z]{2,6}$/),
      )
      .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)
      .filter((a) => a.split('@')[0]!.length <= 64);
    fc.assert(
      fc.property(address, fc.constantFrom('', ' ', '\t'), fc.boolean(), (email, pad, upper) => {
        const typed = `${pad}${upper ? email.toUpperCase() : email}${pad}`;
        expect(emailProblem(normalizeEmail(typed))).toBeNull();
        expect(normalizeEmail(typed)).toBe(email);
      }),
      RUNS,
    );
  });

  it('never throws on any password and confirmation, and refuses in French', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (password, confirmation, email) => {
        const errors = passwordFieldErrors(password, confirmation, normalizeEmail(email));
        expectFrenchErrors(errors, ['password', 'passwordConfirmation']);
      }),
      RUNS,
    );
  });

  it('takes a passphrase typed twice', () => {
    const passphrase = fc
      .array(fc.stringMatching(/^[a-zéèàç]{4,9}$/), { minLength: 3, maxLength: 6 })
      .map((words) => words.join(' '))
      .filter((p) => new Set(p).size > 3 && p.length <= 128);
    fc.assert(
      fc.property(passphrase, (password) => {
        expect(passwordFieldErrors(password, password, 'marie.curie@exemple.fr')).toEqual({});
      }),
      RUNS,
    );
  });
});

const IDENTITY = [
  'birthName',
  'usageName',
  'firstNames',
  'sex',
  'birthDate',
  'birthCommune',
  'birthCountry',
  'nationality',
];
const ADDRESS = ['addressLine1', 'addressLine2', 'postalCode', 'city', 'country'];
const CANDIDATURE = [
  'status',
  'distanceBody',
  'eligibilityRoute',
  'format',
  'language1',
  'language2',
  'optionalTest',
  'arrangements',
  'arrangementsDetails',
  'kept_E5',
  'keptYear_E5',
  'keptMark_E5',
  'exempt_E5',
  'exemptDiploma_E5',
  'kept_E6',
  'exempt_E6',
];

describe('the registration form (« M’inscrire », « Modifier », address changes)', () => {
  it('never throws on any identity, address or contact, and refuses field by field in French', () => {
    fc.assert(
      fc.property(fieldsOf([...IDENTITY, ...ADDRESS, 'phone']), (fields) => {
        expectFrenchErrors(parseIdentity(fields, session).errors, IDENTITY);
        expectFrenchErrors(parseAddress(fields).errors, ADDRESS);
        expectFrenchErrors(parseContact(fields).errors, [...ADDRESS, 'phone']);
        const day = parseDay(fields.birthDate ?? '');
        if (day !== null) expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
      RUNS,
    );
  });

  it('never throws on any candidature, and refuses field by field in French', () => {
    fc.assert(
      fc.property(fieldsOf(CANDIDATURE), (fields) => {
        const { errors } = parseCandidature(fields, options, session);
        expectFrenchErrors(errors, CANDIDATURE);
      }),
      RUNS,
    );
  });

  it('takes every valid registration, and shows it again (« Modifier ») as it reads it', () => {
    fc.assert(
      fc.property(
        identityFields,
        contactFields,
        candidatureFields,
        (identity, contact, candidature) => {
          const typed = { ...identity, ...contact };
          const parsedIdentity = parseIdentity(typed, session);
          const parsedContact = parseContact(typed);
          const parsedCandidature = parseCandidature(candidature, options, session);
          expect(parsedIdentity.errors).toEqual({});
          expect(parsedContact.errors).toEqual({});
          expect(parsedCandidature.errors).toEqual({});
          const data = {
            identity: parsedIdentity.value,
            contact: parsedContact.value,
            candidature: parsedCandidature.value,
          };
          const again = rawFieldsOf(data);
          expect(parseIdentity(again.identity, session)).toEqual(parsedIdentity);
          expect(parseContact(again.identity)).toEqual(parsedContact);
          expect(parseCandidature(again.candidature, options, session)).toEqual(parsedCandidature);
        },
      ),
      RUNS,
    );
  });
});

describe('the office’s forms', () => {
  it('« Répondre », « Clore »: any answer is kept as typed or refused in French', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, required) => {
        const kept = returnsOrRefuses(() => checkAnswer(text, required), ['answer']);
        if (kept !== undefined) {
          expect(kept).toBe(text.replace(/\r\n?/g, '\n').trim());
          expect(checkAnswer(kept, required)).toBe(kept);
        }
      }),
      RUNS,
    );
  });

  it('« Répondre »: every plain answer of 2 000 characters at most is kept', () => {
    const answer = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 400 })
      .map((a) => a.replace(/[\p{Cc}]/gu, ' ').trim())
      .filter((a) => a !== '');
    fc.assert(
      fc.property(answer, (text) => {
        expect(checkAnswer(text, true)).toBe(text);
      }),
      RUNS,
    );
  });

  it('« Refuser »: any reason code and deadline is read or refused in French', () => {
    const now = new Date('2024-11-13T10:00:00Z');
    fc.assert(
      fc.property(anyText, anyText, anyText, (reason, date, time) => {
        const code = findRefusalReason(reason);
        if (code) expect(code.code).toBe(reason);
        const deadline = returnsOrRefuses(
          () => parseReopeningDeadline({ date, time }, now),
          ['date', 'heure'],
        );
        if (deadline) {
          expect(deadline.getTime()).toBeGreaterThan(now.getTime());
          expect(deadline.getTime() - now.getTime()).toBeLessThanOrEqual(366 * 86_400_000);
        }
      }),
      RUNS,
    );
  });

  it('« Refuser »: every deadline within the year is read back as typed, in Paris time', () => {
    const now = new Date('2024-11-13T10:00:00Z');
    const day = fc
      .integer({ min: 1, max: 360 })
      .map((n) => isoDay(new Date(now.getTime() + n * 86_400_000)));
    const time = fc
      .tuple(fc.integer({ min: 5, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(day, time, (date, hour) => {
        const deadline = parseReopeningDeadline({ date, time: hour }, now);
        expect(parisWallClock(deadline)).toEqual({ date, time: hour });
        expect(parisDay(deadline)).toBe(date);
      }),
      RUNS,
    );
  });
});

describe('uploaded files (« Ajouter », « Publier un document »)', () => {
  it('shows any file name back cleaned: one line, no folder, no control or invisible character', () => {
    fc.assert(
      fc.property(anyText, (original) => {
        const shown = displayName(original);
        expect(shown.length).toBeGreaterThan(0);
        expect([...shown].length).toBeLessThanOrEqual(MAX_DISPLAY_NAME_LENGTH);
        expect(shown).not.toMatch(/[/\\\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u);
        expect(displayName(shown)).toBe(shown);
      }),
      RUNS,
    );
  });

  it('reads the type and the announced size of any bytes without throwing', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.uint8Array({ maxLength: 600 }).map((b) => Uint8Array.from([0xff, 0xd8, 0xff, ...b])),
      fc
        .uint8Array({ maxLength: 600 })
        .map((b) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.integer({ min: 1, max: 64 }), async (head, cut) => {
        sniffMediaType(head);
        // The JPEG's walk reads the bytes as they come: in chunks cut anywhere, the same answer.
        const chunks = Array.from({ length: Math.ceil(head.length / cut) }, (_, i) =>
          head.subarray(i * cut, (i + 1) * cut),
        );
        const jpeg = await jpegDimensions([head]);
        expect(await jpegDimensions(chunks)).toEqual(jpeg);
        for (const size of [pngDimensions(head), jpeg])
          if (size) {
            expect(size.width).toBeGreaterThanOrEqual(0);
            expect(size.height).toBeGreaterThanOrEqual(0);
          }
      }),
      RUNS,
    );
  });
});

describe('the catalogue edited by the office (text, windows, pôles)', () => {
  const now = new Date('2024-11-13T10:00:00Z');
  const shipped = readFileSync(path.join(CATALOGUES_DIR, 'poitiers-2025.yaml'), 'utf8');
  const parsed = catalogueFromText({ file: 'poitiers-2025.yaml', text: shipped }, { now });
  if (!parsed.ok) throw new Error('the shipped catalogue does not load');

  it('answers any text with the catalogue or errors in French, each with its line', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          anyText.map((junk) => `${shipped}\n${junk}`),
        ),
        (text) => {
          const result = catalogueFromText({ file: 'catalogue.yaml', text }, { now });
          if (!result.ok)
            for (const error of result.errors) {
              expect(error.line).toBeGreaterThanOrEqual(1);
              expect(error.reason.length).toBeGreaterThan(0);
              expect(error.reason).not.toMatch(/\b(undefined|NaN)\b/);
            }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('takes any pôle name without control characters, trimmed, and refuses the others', () => {
    fc.assert(
      fc.property(anyText, (typed) => {
        const data = catalogueFileData(parsed.catalogue);
        const desk = data.desks[0];
        if (!desk) throw new Error('no pôle');
        desk.name = typed;
        const result = catalogueFromText(
          { file: 'catalogue.yaml', text: catalogueFileText(data) },
          { now },
        );
        // The catalogue's loader trims first (vertical tabs and form feeds are white space).
        const trimmed = typed.trim();
        const acceptable = trimmed !== '' && !/[^\P{Cc}\t\n\r]/u.test(trimmed);
        expect(result.ok).toBe(acceptable);
        if (result.ok) expect(result.catalogue.desks[0]?.name).toBe(trimmed);
      }),
      { numRuns: 100 },
    );
  });

  it('exports the catalogue as text that imports to the same catalogue', () => {
    const text = catalogueFileText(catalogueFileData(parsed.catalogue));
    const again = catalogueFromText({ file: 'catalogue.yaml', text }, { now });
    expect(again.ok && again.catalogue).toEqual(parsed.catalogue);
  });
});

describe('the web layer’s form parsing (every route’s zod schema)', () => {
  const schemas = [
    z.object({ email: textField, password: textField }),
    z.object({ answer: textField.optional() }),
    z.record(z.string(), textField),
    z.object({ revision: z.coerce.number().int().min(1) }),
    z.object({
      desks: z.union([textField, z.array(textField).max(50)]).optional(),
      name: textField,
    }),
  ];
  const value = fc.oneof(
    anyText,
    fc.array(anyText, { maxLength: 4 }),
    fc.constant(undefined),
    fc.string({ maxLength: 20_000, unit: 'binary-ascii' }),
  );
  const body = fc.oneof(
    fc.dictionary(
      fc.oneof(
        fc.constantFrom('email', 'password', 'answer', 'revision', 'desks', 'name'),
        fc.string(),
      ),
      value,
    ),
    fc.constant(undefined),
    fc.constant(null),
    fc.anything(),
  );

  it('parses any body, or refuses it as a malformed form (400), nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...schemas), body, (schema, posted) => {
        try {
          parseForm(schema, posted);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedForm);
          expect((error as MalformedForm).statusCode).toBe(400);
        }
      }),
      RUNS,
    );
  });
});
