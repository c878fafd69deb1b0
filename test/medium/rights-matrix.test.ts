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
import { Readable } from 'node:stream';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { publishDocument } from '../../src/domain/documents/review/publish-document.js';
import { requestChange } from '../../src/domain/registrations/request-change.js';
import { registeredRoutes } from '../../src/web/route-list.js';
import { testDialects } from '../support/databases.js';
import { addStaffMember } from '../support/staff.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type Page, csrfOf } from '../support/test-browser.js';
import {
  VISITORS,
  type Visitor,
  type VisitorIds,
  addActiveCandidate,
  addOfficeVisitors,
  browserOf,
  demoAccountId,
  registerDemoCandidate,
  uploadThroughPage,
} from '../support/visitors.js';

const dialects = await testDialects();

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
  /** A's request to the pôle (an identity correction, open). */
  request: string;
  /** A document the office published to A. */
  published: string;
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
  row('GET /compte',                                  '/compte',                                                    [303, 200, 200, 303, 303, 303]),
  row('GET /compte/adresse/confirmer',                '/compte/adresse/confirmer',                                  [400, 400, 400, 400, 400, 400]),
  row('GET /espace',                                  '/espace',                                                    [303, 200, 200, 303, 303, 303]),
  row('GET /mes-documents',                           '/mes-documents',                                             [303, 303, 200, 303, 303, 303]),
  row('GET /mes-justificatifs',                       '/mes-justificatifs',                                         [303, 303, 200, 303, 303, 303]),
  row('GET /espace/donnees-personnelles',             '/espace/donnees-personnelles',                               [303, 200, 200, 303, 303, 303]),
  row('GET /inscription/nouvelle',                    '/inscription/nouvelle',                                      [303, 200, 200, 303, 303, 303]),
  row('GET /inscription/:session/:exam/specialite',   (f) => `/inscription/${f.session}/${f.exam}/specialite`,      [303, 200, 200, 303, 303, 303]),
  row('GET /inscription/:session/:exam/:step',        (f) => `/inscription/${f.session}/${f.exam}/identite`,        [303, 404, 404, 303, 303, 303]),
  row('GET /inscriptions/:number/documents',          (f) => `/inscriptions/${f.number}/documents`,                 [303, 200, 404, 303, 303, 303]),
  row('GET /inscriptions/:number/recapitulatif.pdf',  (f) => `/inscriptions/${f.number}/recapitulatif.pdf`,         [303, 200, 404, 303, 303, 303]),
  row('GET /inscriptions/:number/pieces.pdf',         (f) => `/inscriptions/${f.number}/pieces.pdf`,                [303, 200, 404, 303, 303, 303]),
  row('GET /inscriptions/:number/justificatifs',      (f) => `/inscriptions/${f.number}/justificatifs`,             [303, 200, 404, 303, 303, 303]),
  row('GET /justificatifs/:upload',                   (f) => `/justificatifs/${f.upload}`,                          [303, 200, 404, 303, 303, 303]),
  row('GET /mes-documents/publies/:id',               (f) => `/mes-documents/publies/${f.published}`,               [303, 200, 404, 303, 303, 303]),
  row('GET /demandes/:number/:kind',                  (f) => `/demandes/${f.number}/adresse`,                       [303, 200, 404, 303, 303, 303]),
  row('GET /demandes/:id',                            (f) => `/demandes/${f.request}`,                              [303, 200, 404, 303, 303, 303]),
  row('GET /gestion/connexion',                       '/gestion/connexion',                                         [200, 200, 200, 303, 303, 303]),
  row('GET /gestion/connexion/code',                  '/gestion/connexion/code',                                    [303, 303, 303, 303, 303, 303]),
  row('GET /gestion/activation',                      (f) => `/gestion/activation?jeton=${f.setupToken}`,           [200, 200, 200, 200, 200, 200]),
  row('GET /gestion',                                 '/gestion',                                                   [303, 303, 303, 200, 200, 200]),
  row('GET /gestion/personnel',                       '/gestion/personnel',                                         [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/journal',                         '/gestion/journal',                                           [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/conservation',                    '/gestion/conservation',                                      [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/demandes',                        '/gestion/demandes',                                          [303, 303, 303, 200, 200, 200]),
  row('GET /gestion/demandes/:id',                    (f) => `/gestion/demandes/${f.request}`,                      [303, 303, 303, 200, 403, 200]),
  row('GET /gestion/catalogue',                       '/gestion/catalogue',                                         [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/catalogue/export',                '/gestion/catalogue/export',                                  [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/catalogue/fenetres',              '/gestion/catalogue/fenetres',                                [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/catalogue/poles',                 '/gestion/catalogue/poles',                                   [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/catalogue/yaml',                  '/gestion/catalogue/yaml',                                    [303, 303, 303, 403, 403, 200]),
  row('GET /gestion/tableau-de-bord',                 (f) => `/gestion/tableau-de-bord?session=${f.session}`,       [303, 303, 303, 200, 200, 200]),
  // With A's pôle as the filter: the gestionnaire of another pôle may list their own, not A's.
  row('GET /gestion/inscriptions',                    '/gestion/inscriptions?pole=bac-pro',                         [303, 303, 303, 200, 403, 200]),
  row('GET /gestion/inscriptions.csv',                '/gestion/inscriptions.csv?pole=bac-pro',                     [303, 303, 303, 200, 403, 200]),
  row('GET /gestion/justificatifs/:upload',          (f) => `/gestion/justificatifs/${f.upload}`,                  [303, 303, 303, 200, 403, 200]),
  row('GET /gestion/inscriptions/:number',            (f) => `/gestion/inscriptions/${f.number}`,                   [303, 303, 303, 200, 403, 200]),
  row('GET /gestion/inscriptions/:number/pieces',     (f) => `/gestion/inscriptions/${f.number}/pieces`,            [303, 303, 303, 200, 403, 200]),

  row('POST /compte/creer',                           '/compte/creer',                                              [400, 400, 400, 400, 400, 400]),
  row('POST /compte/activer',                         '/compte/activer',                                            [400, 400, 400, 400, 400, 400]),
  row('POST /compte/activation',                      '/compte/activation',                                         [400, 400, 400, 400, 400, 400]),
  row('POST /connexion',                              '/connexion',                                                 [400, 400, 400, 400, 400, 400]),
  row('POST /deconnexion',                            '/deconnexion',                                               [303, 303, 303, 303, 303, 303]),
  row('POST /mot-de-passe/oublie',                    '/mot-de-passe/oublie',                                       [400, 400, 400, 400, 400, 400]),
  row('POST /mot-de-passe/nouveau',                   '/mot-de-passe/nouveau',                                      [400, 400, 400, 400, 400, 400]),
  // « Mon compte »: a candidate's empty form is malformed (400), nothing changed.
  row('POST /compte/mot-de-passe',                    '/compte/mot-de-passe',                                       [403, 400, 400, 403, 403, 403]),
  row('POST /compte/adresse',                         '/compte/adresse',                                            [403, 400, 400, 403, 403, 403]),
  row('POST /compte/adresse/confirmer',               '/compte/adresse/confirmer',                                  [400, 400, 400, 400, 400, 400]),
  row('POST /inscription/nouvelle',                   '/inscription/nouvelle',                                      [403, '4xx', '4xx', 403, 403, 403]),
  row('POST /inscription/:session/:exam/specialite',  (f) => `/inscription/${f.session}/${f.exam}/specialite`,      [403, '4xx', '4xx', 403, 403, 403]),
  row('POST /inscription/:session/:exam/:step',       (f) => `/inscription/${f.session}/${f.exam}/identite`,        [403, '4xx', '4xx', 403, 403, 403]),
  row('POST /inscription/:session/:exam/enregistrer', (f) => `/inscription/${f.session}/${f.exam}/enregistrer`,     [403, '4xx', '4xx', 403, 403, 403]),
  row('POST /inscription/:session/:exam/modifier',    (f) => `/inscription/${f.session}/${f.exam}/modifier`,        [403, '3xx', '4xx', 403, 403, 403]),
  row('POST /demandes/:number/:kind',                 (f) => `/demandes/${f.number}/adresse`,                       [403, 422, 404, 403, 403, 403]),
  row('POST /inscriptions/:number/justificatifs/pieces/:document', (f) => `/inscriptions/${f.number}/justificatifs/pieces/${f.document}`, [403, 303, 404, 403, 403, 403], 'upload'),
  row('POST /justificatifs/:upload/supprimer',        (f) => `/justificatifs/${f.upload}/supprimer`,                [403, 303, 404, 403, 403, 403]),
  row('POST /inscriptions/:number/justificatifs/complet', (f) => `/inscriptions/${f.number}/justificatifs/complet`, [403, 409, 404, 403, 403, 403]),
  // Each candidate downloads their own archive (B's holds nothing of A: checked below).
  row('POST /espace/donnees-personnelles/archive',    '/espace/donnees-personnelles/archive',                       [403, 200, 200, 403, 403, 403]),
  row('POST /gestion/connexion',                      '/gestion/connexion',                                         [400, 400, 400, 400, 400, 400]),
  row('POST /gestion/connexion/code',                 '/gestion/connexion/code',                                    [400, 400, 400, 400, 400, 400]),
  row('POST /gestion/activation',                     '/gestion/activation',                                        [400, 400, 400, 400, 400, 400]),
  row('POST /gestion/personnel',                      '/gestion/personnel',                                         [303, 303, 303, 403, 403, 400]),
  row('POST /gestion/personnel/:id/nouveau-lien',     (f) => `/gestion/personnel/${f.victim}/nouveau-lien`,         [303, 303, 303, 403, 403, 303]),
  row('POST /gestion/personnel/:id/desactiver',       (f) => `/gestion/personnel/${f.victim}/desactiver`,           [303, 303, 303, 403, 403, 303]),
  row('POST /gestion/catalogue/fenetres/:session/:exam', (f) => `/gestion/catalogue/fenetres/${f.session}/${f.exam}`, [303, 303, 303, 403, 403, 400]),
  row('POST /gestion/catalogue/poles/:desk',          '/gestion/catalogue/poles/bac-pro',                           [303, 303, 303, 403, 403, 400]),
  row('POST /gestion/catalogue/yaml',                 '/gestion/catalogue/yaml',                                    [303, 303, 303, 403, 403, 400]),
  // An empty reason is refused (422), and A's registration is not set aside (409): nothing is spent.
  row('POST /gestion/inscriptions/:number/ecarter',   (f) => `/gestion/inscriptions/${f.number}/ecarter`,           [303, 303, 303, 422, 403, 422]),
  row('POST /gestion/inscriptions/:number/reintegrer', (f) => `/gestion/inscriptions/${f.number}/reintegrer`,       [303, 303, 303, 409, 403, 409]),
  // An empty answer, an empty identity form: refused (422), nothing spent; « Clore » last.
  row('POST /gestion/demandes/:id/repondre',          (f) => `/gestion/demandes/${f.request}/repondre`,             [303, 303, 303, 422, 403, 422]),
  row('POST /gestion/demandes/:id/appliquer',         (f) => `/gestion/demandes/${f.request}/appliquer`,            [303, 303, 303, 422, 403, 422]),
  row('POST /gestion/demandes/:id/clore',             (f) => `/gestion/demandes/${f.request}/clore`,                [303, 303, 303, 303, 403, 409]),
  // Without the confirmation's fields: a malformed form (400), nothing deleted.
  row('POST /gestion/conservation/suppression',       '/gestion/conservation/suppression',                          [303, 303, 303, 403, 403, 400]),
  // After « Supprimer » above the document has no file: nothing to validate (409); a refusal
  // without its reason and deadline is refused (422); a publication without a title too (422).
  row('POST /gestion/inscriptions/:number/pieces/:document/valider', (f) => `/gestion/inscriptions/${f.number}/pieces/${f.document}/valider`, [303, 303, 303, 409, 403, 409]),
  row('POST /gestion/inscriptions/:number/pieces/:document/refuser', (f) => `/gestion/inscriptions/${f.number}/pieces/${f.document}/refuser`, [303, 303, 303, 422, 403, 422]),
  // « Réclamer la pièce » without its deadline: refused (422), nothing recorded nor mailed.
  row('POST /gestion/inscriptions/:number/pieces/:document/reclamer', (f) => `/gestion/inscriptions/${f.number}/pieces/${f.document}/reclamer`, [303, 303, 303, 422, 403, 422]),
  // « Non concerné » without its reason: refused (422), nothing recorded.
  row('POST /gestion/inscriptions/:number/pieces/:document/non-concerne', (f) => `/gestion/inscriptions/${f.number}/pieces/${f.document}/non-concerne`, [303, 303, 303, 422, 403, 422]),
  // The document is not waived: nothing to cancel (409), nothing recorded.
  row('POST /gestion/inscriptions/:number/pieces/:document/annuler-non-concerne', (f) => `/gestion/inscriptions/${f.number}/pieces/${f.document}/annuler-non-concerne`, [303, 303, 303, 409, 403, 409]),
  row('POST /gestion/inscriptions/:number/documents-publies', (f) => `/gestion/inscriptions/${f.number}/documents-publies`, [303, 303, 303, 422, 403, 422], 'upload'),
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
  let ids: VisitorIds;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const db = t.app.database.db;

    // Candidate A: the demo account, registered to a BAC PRO (pôle bac-pro), with one file.
    // Candidate B: another active account, with nothing registered.
    const number = await registerDemoCandidate(t, 'demo', 'BCP', '40022106');
    expect(number).toMatch(/^demo-BCP-\d+$/);
    ids = {
      candidateA: await demoAccountId(t),
      candidateB: await addActiveCandidate(t, 'candidate.b@exemple.fr'),
      ...(await addOfficeVisitors(t)),
    };
    await uploadThroughPage(await browserOf(t, ids, 'candidateA'), number, 'piece-identite');
    const upload = await db.selectFrom('uploads').select('id').executeTakeFirstOrThrow();

    const pending = await addStaffMember(t, {
      email: 'pending@ac-poitiers.fr',
      name: 'En attente',
      role: 'gestionnaire',
      desks: ['sah'],
    });
    const { member: victim } = await addStaffMember(t, {
      email: 'victim@ac-poitiers.fr',
      name: 'victim@ac-poitiers.fr',
      role: 'gestionnaire',
      desks: ['bac-pro'],
    });
    const mail = await db.selectFrom('outbox').select('id').executeTakeFirstOrThrow();
    const request = await requestChange(t.app.registrations, {
      accountId: ids.candidateA,
      accountEmail: DEMO_ACCOUNT.email,
      registrationNumber: number,
      kind: 'identity',
      message: 'Mon prénom est mal orthographié.',
    });
    const publisher = await addStaffMember(t, {
      email: 'publisher@ac-poitiers.fr',
      name: 'Publication',
      role: 'admin',
    });
    const published = await publishDocument(t.app.review, {
      staff: publisher.member,
      registrationNumber: number,
      title: 'Convocation',
      originalName: 'convocation.pdf',
      source: Readable.from([await minimalPdf()]),
    });
    fixture = {
      number,
      document: 'piece-identite',
      upload: upload.id,
      session: 'demo',
      exam: 'BCP',
      mail: mail.id,
      setupToken: new URL(pending.setupPath, 'http://x').searchParams.get('jeton') ?? '',
      victim: victim.id,
      request: request.id,
      published: published.id,
    };
  });
  afterAll(() => t.close());

  async function visit(visitor: Visitor, entry: Row): Promise<Page> {
    const browser = await browserOf(t, ids, visitor);
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
