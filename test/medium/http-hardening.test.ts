/**
 * HTTP hardening, over a real socket (the headers a browser gets, not inject's): on a public
 * page, a candidate's page, an office page, a candidate's file seen by its owner and by the
 * office, error pages and a 404, a Content-Security-Policy that allows no inline script and no
 * framing, nosniff, a referrer policy, HSTS exactly when PUBLIC_URL is https, no version
 * banner; cookies HttpOnly and SameSite (and Secure behind https); a file named « page.html »
 * served as what it is, never as HTML. Then every state-changing route the server registers,
 * posted with valid sessions but without the CSRF token: refused with the French CSRF page,
 * and nothing in the database changed.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PDFDocument } from 'pdf-lib';
import { Agent, type Response, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/web/route-list.js';
import { testDialects } from '../support/databases.js';
import { DEMO_CREDENTIALS, fillWizard } from '../support/registration.js';
import {
  STAFF_PASSWORD,
  activateStaff,
  addStaffMember,
  signInStaffWith,
} from '../support/staff.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const CSRF_REFUSAL = 'Le formulaire a expiré ou n’a pas pu être vérifié';
const ADMIN_EMAIL = 'admin@ac-poitiers.fr';
const BOUNDARY = '----candidat-hardening-boundary';

async function pdfBytes(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A multipart body with a PDF named `filename`, and `_csrf` first when given. */
function multipart(pdf: Buffer, filename: string, csrf?: string): Buffer {
  const token = csrf
    ? `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`
    : '';
  return Buffer.concat([
    Buffer.from(
      `${token}--${BOUNDARY}\r\nContent-Disposition: form-data; name="fichier"; filename="${filename}"\r\nContent-Type: text/html\r\n\r\n`,
    ),
    pdf,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

interface Scenario {
  t: TestApp;
  base: string;
  /** The HTTP client's connections, closed before the server so that closing never waits. */
  agent: Agent;
  candidate: TestBrowser;
  staff: TestBrowser;
  number: string;
  upload: string;
  /** Every Set-Cookie header seen while signing in on both sides. */
  setCookies: string[];
}

/** The demo candidate registered with a file named « page.html », and a signed-in administrator. */
async function scenario(dialect: (typeof dialects)[number], publicUrl: string): Promise<Scenario> {
  const t = await startTestApp(dialect, { env: { PUBLIC_URL: publicUrl } });
  const setCookies: string[] = [];
  const candidate = t.browser();
  const form = await candidate.get('/connexion');
  setCookies.push(...form.setCookies);
  const signedIn = await candidate.submit(form, '/connexion', DEMO_CREDENTIALS);
  expect(signedIn.status).toBe(303);
  setCookies.push(...signedIn.setCookies);
  const recap = await fillWizard(candidate, 'demo', 'BCP', '40022106');
  const saved = await candidate.submit(recap, '/inscription/demo/BCP/enregistrer', {});
  const number = new URL(saved.location ?? '', 'http://x').searchParams.get('enregistree') ?? '';
  const page = await candidate.get(`/inscriptions/${number}/justificatifs`);
  const added = await candidate.raw(
    'POST',
    `/inscriptions/${number}/justificatifs/pieces/piece-identite`,
    multipart(await pdfBytes(), 'page.html', csrfOf(page)),
    `multipart/form-data; boundary=${BOUNDARY}`,
  );
  expect(added.status).toBe(303);
  const { id: upload } = await t.app.database.db
    .selectFrom('uploads')
    .select('id')
    .executeTakeFirstOrThrow();

  const { setupPath } = await addStaffMember(t, {
    email: ADMIN_EMAIL,
    name: 'Administratrice',
    role: 'admin',
  });
  const secret = await activateStaff(t, t.browser(), setupPath);
  t.clock.advance(30_000); // a TOTP code is good once: the next sign-in needs the next step
  const staff = t.browser();
  const code = await signInStaffWith(t, staff, ADMIN_EMAIL, secret, STAFF_PASSWORD);
  expect(code.status).toBe(303);
  setCookies.push(...code.setCookies);

  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.server.address() as AddressInfo;
  return {
    t,
    base: `http://127.0.0.1:${port}`,
    agent: new Agent(),
    candidate,
    staff,
    number,
    upload,
    setCookies,
  };
}

/** A request over the socket, with `browser`'s cookies; redirects are not followed. */
async function fetchAs(s: Scenario, path: string, browser?: TestBrowser): Promise<Response> {
  const cookie = browser ? [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  return fetch(`${s.base}${path}`, {
    dispatcher: s.agent,
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name.toLowerCase(), values]),
  );
}

/** What is wrong with the headers of one response (empty when all is right). */
function headerProblems(response: Response, secure: boolean): string[] {
  const problems: string[] = [];
  const h = response.headers;
  const csp = h.get('content-security-policy');
  if (!csp) problems.push('no Content-Security-Policy');
  else {
    const d = directives(csp);
    const scripts = d.get('script-src') ?? d.get('default-src');
    if (!scripts) problems.push('CSP: neither script-src nor default-src');
    else if (scripts.some((v) => v === "'unsafe-inline'" || v === "'unsafe-eval'" || v === '*'))
      problems.push(`CSP allows inline scripts: ${scripts.join(' ')}`);
    if (d.get('frame-ancestors')?.join(' ') !== "'none'")
      problems.push(`CSP frame-ancestors is ${d.get('frame-ancestors')?.join(' ') ?? 'missing'}`);
    if (d.get('object-src')?.join(' ') !== "'none'") problems.push('CSP object-src is not none');
  }
  if (h.get('x-content-type-options') !== 'nosniff') problems.push('no nosniff');
  const referrer = h.get('referrer-policy') ?? '';
  if (
    !['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(
      referrer,
    )
  )
    problems.push(`Referrer-Policy is ${referrer || 'missing'}`);
  const hsts = h.get('strict-transport-security');
  if (secure) {
    const maxAge = Number(/max-age=(\d+)/.exec(hsts ?? '')?.[1] ?? 0);
    if (maxAge < 31_536_000) problems.push(`HSTS is ${hsts ?? 'missing'} behind https`);
  } else if (hsts) problems.push(`HSTS sent over plain http: ${hsts}`);
  if (h.get('x-powered-by')) problems.push(`X-Powered-By: ${h.get('x-powered-by')}`);
  if (h.get('server')) problems.push(`Server: ${h.get('server')}`);
  return problems;
}

const PAGES: {
  what: string;
  path: (s: Scenario) => string;
  as: 'anonymous' | 'candidate' | 'staff';
  status: number;
}[] = [
  { what: 'home page', path: () => '/', as: 'anonymous', status: 200 },
  { what: 'public calendar', path: () => '/calendrier', as: 'anonymous', status: 200 },
  { what: 'sign-in page', path: () => '/connexion', as: 'anonymous', status: 200 },
  { what: '« Mes inscriptions »', path: () => '/espace', as: 'candidate', status: 200 },
  {
    what: '« Mes justificatifs »',
    path: (s) => `/inscriptions/${s.number}/justificatifs`,
    as: 'candidate',
    status: 200,
  },
  {
    what: '« Mes données personnelles »',
    path: () => '/espace/donnees-personnelles',
    as: 'candidate',
    status: 200,
  },
  { what: 'office home', path: () => '/gestion', as: 'staff', status: 200 },
  { what: 'office journal', path: () => '/gestion/journal', as: 'staff', status: 200 },
  {
    what: 'candidate’s file, by its owner',
    path: (s) => `/justificatifs/${s.upload}`,
    as: 'candidate',
    status: 200,
  },
  {
    what: 'candidate’s file, by the office',
    path: (s) => `/gestion/justificatifs/${s.upload}`,
    as: 'staff',
    status: 200,
  },
  { what: 'error page (bad link)', path: () => '/compte/activer', as: 'anonymous', status: 400 },
  { what: 'error page (undecodable URL)', path: () => '/compte/%E0', as: 'anonymous', status: 400 },
  { what: 'refused office page', path: () => '/gestion/personnel', as: 'candidate', status: 303 },
  { what: '404', path: () => '/nulle-part', as: 'anonymous', status: 404 },
];

describe.each(dialects)('HTTP hardening (%s)', (dialect) => {
  for (const [scheme, publicUrl] of [
    ['http', 'http://localhost:3000'],
    ['https', 'https://inscriptions.exemple.fr'],
  ] as const) {
    describe(`behind ${scheme}`, () => {
      let s: Scenario;
      const secure = scheme === 'https';
      beforeAll(async () => {
        s = await scenario(dialect, publicUrl);
      }, 120_000); // signs in on both sides (argon2id) and walks the wizard
      afterAll(async () => {
        await s.agent.close();
        await s.t.close();
      });

      it('sends the security headers on every kind of response, HSTS only behind https', async () => {
        const problems: string[] = [];
        for (const page of PAGES) {
          const browser = page.as === 'anonymous' ? undefined : s[page.as];
          const response = await fetchAs(s, page.path(s), browser);
          if (response.status !== page.status)
            problems.push(`${page.what}: status ${response.status}, expected ${page.status}`);
          problems.push(...headerProblems(response, secure).map((p) => `${page.what}: ${p}`));
          await response.arrayBuffer();
        }
        expect(problems).toEqual([]);
        if (secure) {
          const csp = (await fetchAs(s, '/')).headers.get('content-security-policy') ?? '';
          expect(directives(csp).has('upgrade-insecure-requests')).toBe(true);
        }
      });

      it('gives assets no version banner and nosniff', async () => {
        const css = await fetchAs(s, '/dsfr/dsfr.min.css');
        expect(css.status).toBe(200);
        expect(css.headers.get('x-powered-by')).toBeNull();
        expect(css.headers.get('server')).toBeNull();
        expect(css.headers.get('x-content-type-options')).toBe('nosniff');
        await css.arrayBuffer();
      });

      it(`sets every cookie HttpOnly and SameSite${secure ? ', and Secure' : ', not Secure'}`, () => {
        // Cookies set with a value; clearing one (Max-Age=0, no value) carries nothing to protect.
        const set = s.setCookies.filter((c) => !/^[^=]+=;/.test(c));
        const names = new Set(set.map((c) => c.split('=')[0]));
        expect(names).toEqual(new Set(['candidat_csrf', 'candidat_session', 'candidat_gestion']));
        for (const cookie of set) {
          const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
          expect(attributes, cookie).toContain('httponly');
          expect(
            attributes.some((a) => a === 'samesite=lax' || a === 'samesite=strict'),
            cookie,
          ).toBe(true);
          expect(attributes.includes('secure'), cookie).toBe(secure);
        }
      });

      it('serves a file named « page.html » as a PDF attachment or inline PDF, never as HTML', async () => {
        for (const [path, browser] of [
          [`/justificatifs/${s.upload}`, s.candidate],
          [`/gestion/justificatifs/${s.upload}`, s.staff],
        ] as const) {
          const response = await fetchAs(s, path, browser);
          expect(response.status).toBe(200);
          expect(response.headers.get('content-type')).toBe('application/pdf');
          expect(response.headers.get('x-content-type-options')).toBe('nosniff');
          const disposition = response.headers.get('content-disposition') ?? '';
          expect(disposition).toMatch(/^(inline|attachment); filename="page\.html\.pdf"/);
          expect((await response.text()).startsWith('%PDF-')).toBe(true);
        }
      });
    });
  }

  describe('CSRF', () => {
    let s: Scenario;
    beforeAll(async () => {
      s = await scenario(dialect, 'http://localhost:3000');
    }, 120_000);
    afterAll(async () => {
      await s.agent.close();
      await s.t.close();
    });

    /** Every row of every table, in a stable order: equal snapshots mean nothing changed. */
    async function snapshot(): Promise<Record<string, string[]>> {
      const db = s.t.app.database.db;
      const tables = (await db.introspection.getTables()).map((table) => table.name);
      const all: Record<string, string[]> = {};
      for (const table of tables) {
        const rows = await db
          .selectFrom(table as 'accounts')
          .selectAll()
          .execute();
        all[table] = rows.map((r) => JSON.stringify(r)).sort();
      }
      return all;
    }

    it('refuses every state-changing route without the token, with valid sessions, and changes nothing', async () => {
      const routes = registeredRoutes(s.t.app.server).filter(
        (r) => r.method !== 'GET' && r.method !== 'HEAD',
      );
      expect(routes.length).toBeGreaterThan(20);
      const values: Record<string, string> = {
        number: s.number,
        upload: s.upload,
        session: 'demo',
        exam: 'BCP',
        step: 'identite',
        kind: 'adresse',
        document: 'piece-identite',
        desk: 'bac-pro',
      };
      const url = (pattern: string): string =>
        pattern
          .replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? randomUUID())
          .replace('*', 'x');
      // One browser holding both sessions and the CSRF cookie: only the token is missing.
      const browser = s.t.browser();
      for (const [name, value] of [...s.candidate.cookies, ...s.staff.cookies])
        browser.cookies.set(name, value);
      expect(browser.cookies.has('candidat_csrf')).toBe(true);

      const before = await snapshot();
      const wrong: string[] = [];
      for (const route of routes) {
        const target = url(route.url);
        let page = await browser.post(
          target,
          { confirmation: 'oui', nombre: '0', email: ADMIN_EMAIL, password: STAFF_PASSWORD },
          null,
        );
        // The upload route reads multipart only: send it a real file without the token.
        if (page.status === 415)
          page = await browser.raw(
            'POST',
            target,
            multipart(await pdfBytes(), 'piece.pdf'),
            `multipart/form-data; boundary=${BOUNDARY}`,
          );
        if (page.status !== 403 || !page.text.includes(CSRF_REFUSAL))
          wrong.push(`${route.method} ${route.url}: ${page.status} ${page.text.slice(0, 80)}`);
      }
      expect(wrong).toEqual([]);
      expect(await snapshot()).toEqual(before);
      // Both sessions are still open: even « Se déconnecter » was refused.
      expect((await s.candidate.get('/espace')).status).toBe(200);
      expect((await s.staff.get('/gestion')).status).toBe(200);
    });
  });
});
