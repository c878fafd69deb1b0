/**
 * The rights matrix: every route of the application, as the server registered it, against
 * six visitors — anonymous, candidate A (who owns a registration and a file), candidate B,
 * a gestionnaire of A's registration's pôle, a gestionnaire of another pôle, and an
 * administrator — with the answer each must get. A route without a line here fails the test:
 * whoever adds a route adds its line (one line: the route, a URL with its parameters filled
 * from the fixture, then six expectations in the order of the header).
 *
 * Expectations: an exact status (303) or a class ('2xx', '3xx', '4xx'). Every request uses a
 * fresh session of its visitor, with a valid CSRF token for POSTs; GET rows run first, then
 * POST rows in the order written (a row that spends something, like « J'ai fourni toutes mes
 * pièces », comes after the rows that need it), and within a row the visitor allowed to act
 * goes last. Staff cookies are sent to candidate pages too (this test browser ignores cookie
 * paths), and candidates' to office pages: each must open nothing on the other side.
 */
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../src/domain/accounts/open-session.js';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { registeredRoutes } from '../../src/web/route-list.js';
import { testDialects } from '../support/databases.js';
import { fillWizard, signInDemo } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();

const VISITORS = [
  'anonymous',
  'candidateA',
  'candidateB',
  'deskRight',
  'deskOther',
  'admin',
] as const;
type Visitor = (typeof VISITORS)[number];
/** The order visitors are tried in a row: the owner and the administrator last. */
const ORDER: readonly Visitor[] = [
  'anonymous',
  'candidateB',
  'deskOther',
  'deskRight',
  'admin',
  'candidateA',
];

type Expected = number | '2xx' | '3xx' | '4xx';
type Six = [Expected, Expected, Expected, Expected, Expected, Expected];

interface Fixture {
  /** A's registration number (pôle bac-pro) and one of its required documents. */
  number: string;
  document: string;
  /** A file A uploaded. */
  upload: string;
  /** The open window A registered in. */
  session: string;
  exam: string;
  /** A mail in the demo mailbox. */
  mail: string;
  /** A staff member's unused setup link token, and a staff member to disable. */
  setupToken: string;
  victim: string;
}

interface Row {
  route: string;
  url: (f: Fixture) => string;
  expect: Six;
  /** `upload`: a multipart body with a PDF, as « Ajouter » sends it. */
  body?: 'form' | 'upload';
}

const row = (
  route: string,
  url: string | ((f: Fixture) => string),
  expect: Six,
  body?: 'upload',
): Row => ({
  route,
  url: typeof url === 'string' ? () => url : url,
  expect,
  ...(body ? { body } : {}),
});

// prettier-ignore
const MATRIX: Row[] = [
  //  method and route as registered                  URL                                                           anon  A     B     gR    gO    admin
  row('GET /',                                        '/',                                                          [200, 200, 200, 200, 200, 200]),
  row('GET /healthz',                                 '/healthz',                                                   [200, 200, 200, 200, 200, 200]),
  row('GET /readyz',                                  '/readyz',                                                    [200, 200, 200, 200, 200, 200]),
  row('GET /dsfr/*',                                  '/dsfr/dsfr.min.css',                                         [200, 200, 200, 200, 200, 200]),
  row('GET /static/*',                                '/static/candidat.css',                                       [200, 200, 200, 200, 200, 200]),
  row('GET /calendrier',                              '/calendrier',                                                [200, 200, 200, 200, 200, 200]),
  row('GET /calendrier.ics',                          '/calendrier.ics',                                            [200, 200, 200, 200, 200, 200]),
  row('GET /poles',                                   '/poles',                                                     [200, 200, 200, 200, 200, 200]),
  row('GET /verifier',                                '/verifier',                                                  [200, 200, 200, 200, 200, 200]),
  row('GET /verifier/*',                              '/verifier/CODE-INCONNU',                                     [404, 404, 404, 404, 404, 404]),
  row('GET /demo/courriels',                          '/demo/courriels',                                            [200, 200, 200, 200, 200, 200]),
  row('GET /demo/courriels/:id',                      (f) => `/demo/courriels/${f.mail}`,                           [200, 200, 200, 200, 200, 200]),
  row('GET /compte/creer',                            '/compte/creer',                                              [200, 200, 200, 200, 200, 200]),
  row('GET /compte/activer',                          '/compte/activer',                                            [400, 400, 400, 400, 400, 400]),
  row('GET /compte/activation',                       '/compte/activation',                                         [200, 200, 200, 200, 200, 200]),
  row('GET /connexion',                               '/connexion',                                                 [200, 303, 303, 200, 200, 200]),
  row('GET /mot-de-passe/oublie',                     '/mot-de-passe/oublie',                                       [200, 200, 200, 200, 200, 200]),
  row('GET /mot-de-passe/nouveau',                    '/mot-de-passe/nouveau',                                      [400, 400, 400, 400, 400, 400]),
  row('GET /espace',                                  '/espace',                                                    [303, 200, 200, 303, 303, 303]),
  row('GET /inscription/nouvelle',                    '/inscription/nouvelle',                                      [303, 200, 200, 303, 303, 303]),
  row('GET /inscription/:session/:exam/specialite',   (f) => `/inscription/${f.session}/${f.exam}/specialite`,      [303, 200, 200, 303, 303, 303]),
  row('GET /inscription/:session/:exam/:step',        (f) => `/inscription/${f.session}/${f.exam}/identite`,        [303, 404, 404, 303, 303, 303]),
  row('GET /inscriptions/:number/documents',          (f) => `/inscriptions/${f.number}/documents`,                 [303, 200, 404, 303, 303, 303]),
  row('GET /inscriptions/:number/recapitulatif.pdf',  (f) => `/inscriptions/${f.number}/recapitulatif.pdf`,         [303, 200, 404, 303, 303, 303]),
  row('GET /inscriptions/:number/pieces.pdf',         (f) => `/inscriptions/${f.number}/pieces.pdf`,                [303, 200, 404, 303, 303, 303]),
  row('GET /inscriptions/:number/justificatifs',      (f) => `/inscriptions/${f.number}/justificatifs`,             [303, 200, 404, 303, 303, 303]),
  row('GET /justificatifs/:upload',                   (f) => `/justificatifs/${f.upload}`,                          [303, 200, 404, 303, 303, 303]),
  row('GET /demandes/:number/:kind',                  (f) => `/demandes/${f.number}/adresse`,                       [303, 200, 404, 303, 303, 303]),
  row('GET /gestion/connexion',                       '/gestion/connexion',                                         [200, 200, 200, 303, 303, 303]),
  row('GET /gestion/connexion/code',                  '/gestion/connexion/code',                                    [303, 303, 303, 303, 303, 303]),
  row('GET /gestion/activation',                      (f) => `/gestion/activation?jeton=${f.setupToken}`,           [200, 200, 200, 200, 200, 200]),
  row('GET /gestion',                                 '/gestion',                                                   [303, 303, 303, 200, 200, 200]),
  row('GET /gestion/personnel',                       '/gestion/personnel',                                         [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/journal',                         '/gestion/journal',                                           [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/justificatifs/:upload',          (f) => `/gestion/justificatifs/${f.upload}`,                  [303, 303, 303, 200, 403, 200]),

  row('POST /compte/creer',                           '/compte/creer',                                              [400, 400, 400, 400, 400, 400]),
  row('POST /compte/activer',                         '/compte/activer',                                            [400, 400, 400, 400, 400, 400]),
  row('POST /compte/activation',                      '/compte/activation',                                         [400, 400, 400, 400, 400, 400]),
  row('POST /connexion',                              '/connexion',                                                 [400, 400, 400, 400, 400, 400]),
  row('POST /deconnexion',                            '/deconnexion',                                               [303, 303, 303, 303, 303, 303]),
  row('POST /mot-de-passe/oublie',                    '/mot-de-passe/oublie',                                       [400, 400, 400, 400, 400, 400]),
  row('POST /mot-de-passe/nouveau',                   '/mot-de-passe/nouveau',                                      [400, 400, 400, 400, 400, 400]),
  row('POST /inscription/nouvelle',                   '/inscription/nouvelle',                                      [403, '4xx', '4xx', 403, 403, 403]),
  row('POST /inscription/:session/:exam/specialite',  (f) => `/inscription/${f.session}/${f.exam}/specialite`,      [403, '4xx', '4xx', 403, 403, 403]),
  row('POST /inscription/:session/:exam/:step',       (f) => `/inscription/${f.session}/${f.exam}/identite`,        [403, '4xx', '4xx', 403, 403, 403]),
  row('POST /inscription/:session/:exam/enregistrer', (f) => `/inscription/${f.session}/${f.exam}/enregistrer`,     [403, '4xx', '4xx', 403, 403, 403]),
  row('POST /inscription/:session/:exam/modifier',    (f) => `/inscription/${f.session}/${f.exam}/modifier`,        [403, '3xx', '4xx', 403, 403, 403]),
  row('POST /demandes/:number/:kind',                 (f) => `/demandes/${f.number}/adresse`,                       [403, 422, 404, 403, 403, 403]),
  row('POST /inscriptions/:number/justificatifs/pieces/:document', (f) => `/inscriptions/${f.number}/justificatifs/pieces/${f.document}`, [403, 303, 404, 403, 403, 403], 'upload'),
  row('POST /justificatifs/:upload/supprimer',        (f) => `/justificatifs/${f.upload}/supprimer`,                [403, 303, 404, 403, 403, 403]),
  row('POST /inscriptions/:number/justificatifs/complet', (f) => `/inscriptions/${f.number}/justificatifs/complet`, [403, 409, 404, 403, 403, 403]),
  row('POST /gestion/connexion',                      '/gestion/connexion',                                         [400, 400, 400, 400, 400, 400]),
  row('POST /gestion/connexion/code',                 '/gestion/connexion/code',                                    [400, 400, 400, 400, 400, 400]),
  row('POST /gestion/activation',                     '/gestion/activation',                                        [400, 400, 400, 400, 400, 400]),
  row('POST /gestion/personnel',                      '/gestion/personnel',                                         [303, 303, 303, 403, 403, 400]),
  row('POST /gestion/personnel/:id/nouveau-lien',     (f) => `/gestion/personnel/${f.victim}/nouveau-lien`,         [303, 303, 303, 403, 403, 303]),
  row('POST /gestion/personnel/:id/desactiver',       (f) => `/gestion/personnel/${f.victim}/desactiver`,           [303, 303, 303, 403, 403, 303]),
  row('POST /gestion/deconnexion',                    '/gestion/deconnexion',                                       [303, 303, 303, 303, 303, 303]),
];

function matches(status: number, expected: Expected): boolean {
  return typeof expected === 'number' ? status === expected : String(status)[0] === expected[0];
}

async function minimalPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const BOUNDARY = '----candidat-matrix-boundary';

function multipartWithPdf(csrf: string, pdf: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="fichier"; filename="piece.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    pdf,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

describe.each(dialects)('rights matrix (%s)', (dialect) => {
  let t: TestApp;
  let fixture: Fixture;
  const ids = {} as Record<Exclude<Visitor, 'anonymous'>, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const db = t.app.database.db;

    // Candidate A: the demo account, registered to a BAC PRO (pôle bac-pro), with one file.
    const a = t.browser();
    await signInDemo(a);
    const recap = await fillWizard(a, 'demo', 'BCP', '40022106');
    const saved = await a.submit(recap, '/inscription/demo/BCP/enregistrer', {});
    const number = new URL(saved.location ?? '', 'http://x').searchParams.get('enregistree') ?? '';
    expect(number).toMatch(/^demo-BCP-\d+$/);
    const page = await a.get(`/inscriptions/${number}/justificatifs`);
    const added = await a.raw(
      'POST',
      `/inscriptions/${number}/justificatifs/pieces/piece-identite`,
      multipartWithPdf(csrfOf(page), await minimalPdf()),
      `multipart/form-data; boundary=${BOUNDARY}`,
    );
    expect(added.status).toBe(303);
    const upload = await db.selectFrom('uploads').select('id').executeTakeFirstOrThrow();

    // Candidate B: another active account, with nothing registered.
    const b = { id: randomUUID(), email: 'candidate.b@exemple.fr' };
    await accountRepository(db).insert({
      ...b,
      passwordHash: 'not used: sessions are minted',
      createdAt: t.clock.now(),
      activatedAt: t.clock.now(),
    });
    const demo = await accountRepository(db).findByEmail(DEMO_ACCOUNT.email);

    const staff = async (email: string, role: 'admin' | 'gestionnaire', desks?: string[]) =>
      (await addStaffMember(t, { email, name: email, role, ...(desks ? { desks } : {}) })).member
        .id;
    Object.assign(ids, {
      candidateA: demo?.id ?? '',
      candidateB: b.id,
      deskRight: await staff('bac.pro@ac-poitiers.fr', 'gestionnaire', ['bac-pro']),
      deskOther: await staff('sah@ac-poitiers.fr', 'gestionnaire', ['sah']),
      admin: await staff('admin@ac-poitiers.fr', 'admin'),
    });
    const pending = await addStaffMember(t, {
      email: 'pending@ac-poitiers.fr',
      name: 'En attente',
      role: 'gestionnaire',
      desks: ['sah'],
    });
    const victim = await staff('victim@ac-poitiers.fr', 'gestionnaire', ['bac-pro']);
    const mail = await db.selectFrom('outbox').select('id').executeTakeFirstOrThrow();
    fixture = {
      number,
      document: 'piece-identite',
      upload: upload.id,
      session: 'demo',
      exam: 'BCP',
      mail: mail.id,
      setupToken: new URL(pending.setupPath, 'http://x').searchParams.get('jeton') ?? '',
      victim,
    };
  });
  afterAll(() => t.close());

  /** A browser holding a fresh session of `visitor`. */
  async function browserOf(visitor: Visitor): Promise<TestBrowser> {
    const browser = t.browser();
    if (visitor === 'candidateA' || visitor === 'candidateB') {
      const token = await openSession(
        sessionRepository(t.app.database.db),
        ids[visitor],
        t.clock.now(),
      );
      browser.cookies.set('candidat_session', token);
    } else if (visitor !== 'anonymous') {
      browser.cookies.set('candidat_gestion', await mintStaffSession(t, ids[visitor]));
    }
    return browser;
  }

  async function visit(visitor: Visitor, entry: Row): Promise<Page> {
    const browser = await browserOf(visitor);
    const [method] = entry.route.split(' ');
    const url = entry.url(fixture);
    if (method === 'GET') return browser.get(url);
    const csrf = csrfOf(await browser.get('/mot-de-passe/oublie'));
    if (entry.body === 'upload')
      return browser.raw(
        'POST',
        url,
        multipartWithPdf(csrf, await minimalPdf()),
        `multipart/form-data; boundary=${BOUNDARY}`,
      );
    return browser.post(url, {}, csrf);
  }

  it('has a line for every route the server registers, and no line for a route it does not', () => {
    const registered = registeredRoutes(t.app.server).map((r) => `${r.method} ${r.url}`);
    const listed = MATRIX.map((r) => r.route);
    const missing = registered.filter((r) => !listed.includes(r));
    expect(missing, 'routes without a line in the rights matrix').toEqual([]);
    expect(
      listed.filter((r) => !registered.includes(r)),
      'lines for unknown routes',
    ).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('answers each visitor as the matrix says', async () => {
    const rows = [
      ...MATRIX.filter((r) => r.route.startsWith('GET ')),
      ...MATRIX.filter((r) => !r.route.startsWith('GET ')),
    ];
    const wrong: string[] = [];
    for (const entry of rows) {
      for (const visitor of ORDER) {
        const expected = entry.expect[VISITORS.indexOf(visitor)] ?? 0;
        const page = await visit(visitor, entry);
        const where = `${entry.route} as ${visitor}`;
        if (!matches(page.status, expected))
          wrong.push(`${where}: expected ${expected}, got ${page.status} ${page.location ?? ''}`);
        // A redirect for want of a session goes to the sign-in of the right side.
        if (
          page.status === 303 &&
          entry.route.includes(' /gestion') &&
          !entry.route.includes('deconnexion')
        ) {
          const staffVisitor = ['deskRight', 'deskOther', 'admin'].includes(visitor);
          if (!staffVisitor && !page.location?.startsWith('/gestion/connexion'))
            wrong.push(`${where}: redirected to ${page.location ?? '?'}`);
        }
        // B never sees A's registration: no page shows A's number to B.
        if (
          visitor === 'candidateB' &&
          page.body.includes(fixture.number) &&
          !entry.route.startsWith('GET /demo/')
        )
          wrong.push(`${where}: A's registration number is on the page`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
