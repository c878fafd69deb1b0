/**
 * The corpus of hostile requests (test/corpus/hostile-requests.yaml), run on SQLite and on
 * PostgreSQL against one application per database and one world built once (candidates A and
 * B, the office's staff; test/support/hostile-fixture.ts). Every case must get the answer the
 * corpus says, never a 5xx; an HTML answer is a French page without internal detail, without
 * the markup the case sent, and without the other candidate's data; and nothing is stored:
 * every table (rate-limit counters aside) and the upload folder are the same after the case.
 * The corpus also has a case for every route the server registers. The counts are printed.
 * Last, a property (fast-check): arbitrary urlencoded bodies, with a valid session and CSRF
 * token, posted to the main forms of both sides, never get a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/web/route-list.js';
import { testDialects } from '../support/databases.js';
import {
  type CorpusCase,
  FAMILIES,
  type Sender,
  loadCorpus,
  resolvePlaceholders,
  routeGroup,
  routeOf,
  textOf,
} from '../support/hostile-corpus.js';
import { HostileFiles } from '../support/hostile-files.js';
import {
  type HostileWorld,
  buildHostileWorld,
  storedChanges,
  storedState,
} from '../support/hostile-fixture.js';
import { type FormPart, MULTIPART_TYPE, multipartBody } from '../support/multipart.js';
import { INTERNAL_DETAIL, expectFrenchPage } from '../support/refusals.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const corpus = loadCorpus();

/** A small limit keeps the files over it small; the rules are the same at 10 MB. */
const UPLOAD_LIMIT = 1024 * 1024;
const files = new HostileFiles(UPLOAD_LIMIT);

/** Who may see whose data: anybody else's answer must not show it. */
const MAY_SEE = {
  anonymous: [],
  newcomer: [],
  candidateA: ['candidateA'],
  candidateB: ['candidateB'],
  deskRight: ['candidateA', 'candidateB'],
  deskOther: [],
  admin: ['candidateA', 'candidateB'],
} as const;

function statusMatches(status: number, expected: CorpusCase['expect']['status']): boolean {
  if (expected === '4xx') return status >= 400 && status < 500;
  return Array.isArray(expected) ? expected.includes(status) : status === expected;
}

describe.each(dialects)('hostile requests (%s)', (dialect) => {
  let t: TestApp;
  let world: HostileWorld;
  const ran = { total: 0, family: new Map<string, number>(), group: new Map<string, number>() };

  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT) } });
    world = await buildHostileWorld(t);
  }, 120_000);

  afterAll(async () => {
    const list = (counts: Map<string, number>) =>
      [...counts].map(([name, n]) => `${name} ${n}`).join(', ');
    console.log(
      `hostile corpus on ${dialect}: ${ran.total} of ${corpus.length} cases ran\n` +
        `  by family: ${list(ran.family)}\n  by route group: ${list(ran.group)}`,
    );
    await t.close();
  });

  it('has a case for every route the server registers', () => {
    const routes = registeredRoutes(t.app.server);
    const covered = new Set(
      corpus.flatMap((c) => {
        const [method = '', target = ''] = c.request.split(' ');
        const patterns = routes.filter((r) => r.method === method).map((r) => r.url);
        const route = routeOf(patterns, resolvePlaceholders(target, world.placeholders));
        return route ? [`${method} ${route}`] : [];
      }),
    );
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((r) => !covered.has(r));
    expect(missing, 'routes without a hostile case').toEqual([]);
    for (const family of FAMILIES)
      expect(corpus.filter((c) => c.family === family).length).toBeGreaterThan(0);
  });

  /** The CSRF token the case sends, after the browser got a page (and its CSRF cookie). */
  async function csrfFor(browser: TestBrowser, c: CorpusCase): Promise<string | null> {
    const own = csrfOf(await browser.get('/mot-de-passe/oublie'));
    switch (c.csrf) {
      case 'page':
        return own;
      case 'none':
        return null;
      case 'forged':
        return `${own.slice(0, -4)}AAAA`;
      case 'other-browser':
        return csrfOf(await t.browser().get('/mot-de-passe/oublie'));
    }
  }

  /** The multipart body of a case's file, shaped as the case says. */
  async function multipart(
    c: CorpusCase,
    csrf: string | null,
    resolve: (s: string) => string,
  ): Promise<{ body: Buffer; type: string }> {
    const spec = c.file;
    if (!spec) throw new Error('no file');
    const token: FormPart[] = csrf === null ? [] : [{ name: '_csrf', value: csrf }];
    const fields: FormPart[] = Object.entries(spec.fields).map(([name, value]) => ({
      name,
      value: textOf(value, resolve),
    }));
    const file: FormPart = {
      name: 'fichier',
      filename: spec.name,
      data: await files.of(spec.kind),
      type: spec.type,
    };
    const parts: Record<NonNullable<typeof spec.shape> | 'page', FormPart[]> = {
      page: [...token, ...fields, file],
      'file-before-csrf': [file, ...token, ...fields],
      'two-files': [...token, ...fields, file, { ...file, filename: 'deuxieme.pdf' }],
      'no-file-part': [...token, ...fields],
      'empty-filename': [...token, ...fields, { ...file, filename: '' }],
      'extra-field': [...token, { name: 'autre', value: 'champ inattendu' }, ...fields, file],
      'text-instead-of-file': [...token, ...fields, { name: 'fichier', value: 'pas un fichier' }],
      unterminated: [...token, ...fields, file],
      'no-boundary': [...token, ...fields, file],
    };
    let body = multipartBody(parts[spec.shape ?? 'page']);
    if (spec.shape === 'unterminated') body = body.subarray(0, body.length - 40);
    const type = spec.shape === 'no-boundary' ? 'multipart/form-data' : MULTIPART_TYPE;
    return { body, type };
  }

  /** Sends the case's request from `browser`. */
  async function send(
    c: CorpusCase,
    browser: TestBrowser,
    url: string,
    csrf: string | null,
    resolve: (s: string) => string,
  ): Promise<Page> {
    if (c.request.startsWith('GET ')) return browser.get(url);
    if (c.file) {
      const { body, type } = await multipart(c, csrf, resolve);
      return browser.raw('POST', url, body, type);
    }
    if (c.body) {
      const text = textOf(c.body.text, (s) =>
        resolve(s.replaceAll('{csrf}', encodeURIComponent(csrf ?? ''))),
      );
      return browser.raw('POST', url, text, c.body.type);
    }
    const fields = Object.fromEntries(
      Object.entries(c.form ?? {}).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.map((v) => textOf(v, resolve)) : textOf(value, resolve),
      ]),
    );
    return browser.post(url, fields, csrf);
  }

  /** Every text the case sends, to tell a leak from what the sender typed being shown back. */
  function sentTexts(c: CorpusCase, url: string, resolve: (s: string) => string): string[] {
    const values = Object.values(c.form ?? {}).flatMap((v) => (Array.isArray(v) ? v : [v]));
    return [url, ...values.map((v) => textOf(v, resolve))];
  }

  it.each(corpus.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    ran.total += 1;
    ran.family.set(c.family, (ran.family.get(c.family) ?? 0) + 1);
    const resolve = (s: string): string => resolvePlaceholders(s, world.placeholders);
    const url = resolve(c.request.slice(c.request.indexOf(' ') + 1));
    ran.group.set(routeGroup(url), (ran.group.get(routeGroup(url)) ?? 0) + 1);

    const browser = await world.browser(c.as, c.cookies);
    const csrf = c.request.startsWith('POST ') ? await csrfFor(browser, c) : null;
    const before = await storedState(t);
    const page = await send(c, browser, url, csrf, resolve);
    const after = await storedState(t);

    const where = `${c.id}: ${c.why}`;
    expect(page.status, `${where} — never a 5xx`).toBeLessThan(500);
    expect(
      statusMatches(page.status, c.expect.status),
      `${where} — expected ${JSON.stringify(c.expect.status)}, got ${page.status} ${page.location ?? ''} ${page.text.slice(0, 300)}`,
    ).toBe(true);
    const html = String(page.headers['content-type']).startsWith('text/html');
    if (page.status === 303) expect(page.location, where).toBe(resolve(c.expect.location ?? ''));
    else if (html || page.status >= 400) expectFrenchPage(page, ...[c.expect.text ?? []].flat());
    else expect(page.body, `${where} — internal detail`).not.toMatch(INTERNAL_DETAIL);
    expect(
      storedChanges(before, after, c.expect.stored === 'draft', c.expect.stored === 'journal'),
      `${where} — stored`,
    ).toEqual([]);

    // Nothing of a candidate the sender may not see, unless the sender typed it.
    const sent = sentTexts(c, url, resolve).join('\n');
    const seeable: readonly string[] = MAY_SEE[c.as];
    if (!url.startsWith('/demo/'))
      for (const owner of ['candidateA', 'candidateB'] as const) {
        if (seeable.includes(owner)) continue;
        for (const word of world.privateWords[owner])
          if (!sent.includes(word))
            expect(page.body, `${where} — shows ${owner}'s « ${word} »`).not.toContain(word);
      }
    // Markup the case sent never comes back as markup.
    for (const value of sentTexts(c, url, resolve).slice(1))
      if (value.includes('<') && value.length < 5000)
        expect(page.body, `${where} — echoes markup`).not.toContain(value);
  });

  // Last: arbitrary bodies may well be accepted and change what the cases above rely on.
  it('answers arbitrary urlencoded bodies on the main forms without a 5xx, in French', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.constantFrom('', 'oui', '1', '2024-11-28', '23:59', 'autre', "' OR 1=1 --", '\u0000'),
      fc.array(fc.string({ maxLength: 20 }), { minLength: 2, maxLength: 3 }),
    );
    for (const form of PROPERTY_FORMS) {
      const browser = await world.browser(form.as, undefined);
      const csrf = csrfOf(await browser.get('/mot-de-passe/oublie'));
      const url = resolvePlaceholders(form.path, world.placeholders);
      const body = fc.dictionary(
        fc.oneof(fc.constantFrom(...form.fields), fc.string({ maxLength: 12 })),
        value,
        { maxKeys: form.fields.length + 2 },
      );
      await fc.assert(
        fc.asyncProperty(body, async (fields) => {
          const page = await browser.post(url, fields, csrf);
          expect(page.status, `${url} answered ${page.status}`).toBeLessThan(500);
          if (page.status >= 400) expectFrenchPage(page);
        }),
        { numRuns: 15 },
      );
    }
  });
});

/** The forms the property above posts to, with their fields' names. */
const PROPERTY_FORMS: Array<{ as: Sender; path: string; fields: string[] }> = [
  { as: 'anonymous', path: '/compte/creer', fields: ['email', 'password', 'passwordConfirmation'] },
  { as: 'anonymous', path: '/connexion', fields: ['email', 'password'] },
  {
    as: 'newcomer',
    path: '/inscription/{session}/{exam}/identite',
    fields: ['birthName', 'firstNames', 'sex', 'birthDate', 'postalCode', 'phone', 'action'],
  },
  {
    as: 'newcomer',
    path: '/inscription/{session}/{exam}/candidature',
    fields: ['status', 'eligibilityRoute', 'format', 'language1', 'kept_E1', 'keptMark_E1'],
  },
  { as: 'candidateA', path: '/demandes/{registrationOfA}/etat-civil', fields: ['message'] },
  {
    as: 'candidateA',
    path: '/demandes/{registrationOfA}/adresse',
    fields: ['addressLine1', 'postalCode', 'city', 'country', 'message'],
  },
  { as: 'admin', path: '/gestion/personnel', fields: ['name', 'email', 'role', 'desks'] },
  { as: 'deskRight', path: '/gestion/demandes/{requestOfA}/repondre', fields: ['answer'] },
  { as: 'deskRight', path: '/gestion/inscriptions/{registrationOfA}/ecarter', fields: ['motif'] },
  {
    as: 'deskRight',
    path: '/gestion/inscriptions/{registrationOfA}/pieces/{document}/refuser',
    fields: ['motif', 'precision', 'date', 'heure', 'depuis'],
  },
  { as: 'admin', path: '/gestion/catalogue/poles/sah', fields: ['nom', 'telephones', 'courriel'] },
  {
    as: 'admin',
    path: '/gestion/catalogue/fenetres/{session}/{exam}',
    fields: ['ouverture_date', 'ouverture_heure', 'cloture_date', 'cloture_heure', 'avant'],
  },
];
