/**
 * A candidate's personal data as a whole. « Mes données personnelles »: the ZIP holds
 * everything about the candidate (the JSON and every file, byte for byte) and nothing about
 * anyone else, no secret. « Conservation des données »: the candidates past retention (to the
 * second), the confirmed deletion of their rows and files with counts in the journal, files
 * removed only after the commit and by a later run when that failed, and the command line.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { documentsForReview } from '../../src/domain/documents/review/documents-for-review.js';
import { publishDocument } from '../../src/domain/documents/review/publish-document.js';
import { versionOf } from '../../src/domain/documents/review/review-rules.js';
import { waiveDocument } from '../../src/domain/documents/review/waive-document.js';
import { answerRequest } from '../../src/domain/office-requests/answer-request.js';
import { deleteExpiredData } from '../../src/domain/personal-data/delete-expired-data.js';
import { expiredCandidates } from '../../src/domain/personal-data/expired-candidates.js';
import type { PersonalDataContext } from '../../src/domain/personal-data/ports.js';
import { requestChange } from '../../src/domain/registrations/request-change.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { startRegistration } from '../../src/domain/registrations/start-registration.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { openSession } from '../../src/domain/accounts/open-session.js';
import { requestMails } from '../../src/infra/mail/request-mails.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { auditAddressKey } from '../../src/infra/repositories/audit-log.repository.js';
import { loadCatalogue } from '../../src/infra/repositories/catalogue.repository.js';
import { officeRequestsStore } from '../../src/infra/repositories/office-requests-store.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { importCatalogue, startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { makePdf, makePng } from '../support/files.js';
import { pdfText } from '../support/pdf.js';
import { IDENTITY_FIELDS, draftFields, signInDemo } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import { type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';
const B_EMAIL = 'paul.martin@exemple.fr';
const C_EMAIL = 'jamais.inscrit@exemple.fr';
const WORK = 'certificats-travail';
const WAIVER_REASON = 'Diplôme de niveau IV déjà obtenu : aucun certificat de travail.';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Every file of a ZIP, read back by yauzl (another library than the one that wrote it). */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    files.set(entry.fileName, Buffer.concat(chunks));
  }
  return files;
}

interface Fixture {
  a: { id: string; number: string; uploads: Buffer[]; published: Buffer; keys: string[] };
  b: { id: string; numbers: string[]; keys: string[] };
  c: { id: string };
  admin: StaffMember;
}

interface ExportedUpload {
  originalName: string;
  sha256: string;
  size: number;
  file: string;
}

interface ExportedData {
  format: string;
  account: { email: string; createdAt: string; activatedAt: string | null };
  identity: { identity: { birthName: string } } | null;
  drafts: unknown[];
  registrations: {
    number: string;
    versions: { version: number; data: { contact: { phone: string } } }[];
    documents: {
      key: string;
      required: boolean;
      state: string;
      refusalReason: string | null;
      waiverReason: string | null;
    }[];
    uploads: ExportedUpload[];
    published: (ExportedUpload & { title: string })[];
    requests: { kind: string; message: string; answers: { answer: string }[] }[];
    receipts: string[];
    documentList: string;
  }[];
  mails: { subject: string; createdAt: string }[];
  journal: { action: string; actorKind: string }[];
}

/**
 * A (the demo candidate): a 2025 BCP registration in two versions, two files (one named like a
 * web page), a question answered by the pôle, a document published to them, a document the
 * pôle marked « Non concerné ». B: a 2025
 * registration with a file, and one in a later session. C: an account that never registered,
 * with a draft in the 2025 session.
 */
async function buildFixture(t: TestApp, demoAccountId: string): Promise<Fixture> {
  const db = t.app.database.db;
  const { member: admin } = await addStaffMember(t, {
    email: 'admin@ac-poitiers.fr',
    name: 'Administratrice',
    role: 'admin',
  });
  const fields = draftFields('2025', 'BCP', '40022106');
  const first = await saveRegistration(t.app.registrations, {
    accountId: demoAccountId,
    accountEmail: DEMO,
    fields,
  });
  await saveRegistration(t.app.registrations, {
    accountId: demoAccountId,
    accountEmail: DEMO,
    fields: draftFields('2025', 'BCP', '40022106', { ...IDENTITY_FIELDS, phone: '07 11 22 33 44' }),
  });
  const pdf = await makePdf('Carte nationale d identite de A');
  const png = makePng();
  for (const [documentKey, originalName, bytes] of [
    ['piece-identite', 'page.html', pdf],
    ['jdc', 'jdc.png', png],
  ] as const) {
    // A second apart: the export lists files in the order they came.
    t.clock.advance(1000);
    await addUpload(t.app.documents, {
      accountId: demoAccountId,
      registrationNumber: first.number,
      documentKey,
      originalName,
      source: Readable.from([bytes]),
    });
  }
  const request = await requestChange(t.app.registrations, {
    accountId: demoAccountId,
    accountEmail: DEMO,
    registrationNumber: first.number,
    kind: 'question',
    message: 'Puis-je passer l’épreuve facultative ?',
  });
  const mailContext = {
    publicUrl: t.app.config.publicUrl,
    academyName: () => 'Académie de Poitiers',
    desks: () => [],
  };
  const catalogue = await loadCatalogue(db);
  await answerRequest(
    {
      store: officeRequestsStore(db, auditAddressKey(t.app.config.sessionSecret)),
      catalogue: () => catalogue,
      mails: requestMails(mailContext),
      clock: t.clock,
    },
    { staff: admin, requestId: request.id, answer: 'Oui, en la choisissant sur le formulaire.' },
  );
  const convocation = await makePdf('Convocation de A');
  await publishDocument(t.app.review, {
    staff: admin,
    registrationNumber: first.number,
    title: 'Convocation',
    originalName: 'convocation.pdf',
    source: Readable.from([convocation]),
  });
  const review = await documentsForReview(t.app.review, {
    staff: admin,
    registrationNumber: first.number,
  });
  const work = review.documents.find((d) => d.document.key === WORK);
  if (!work) throw new Error(`no « ${WORK} » asked of A`);
  await waiveDocument(t.app.review, {
    staff: admin,
    registrationNumber: first.number,
    documentKey: WORK,
    seen: versionOf(work.document, work.files),
    reason: WAIVER_REASON,
  });

  const b = { id: randomUUID(), email: B_EMAIL };
  const c = { id: randomUUID(), email: C_EMAIL };
  for (const account of [b, c])
    await accountRepository(db).insert({
      ...account,
      passwordHash: 'not used: sessions are minted',
      createdAt: t.clock.now(),
      activatedAt: t.clock.now(),
    });
  const bFirst = await saveRegistration(t.app.registrations, {
    accountId: b.id,
    accountEmail: B_EMAIL,
    fields: draftFields('2025', 'BCP', '40022106', {
      ...IDENTITY_FIELDS,
      birthName: 'Martin',
      firstNames: 'Paul',
    }),
  });
  await addUpload(t.app.documents, {
    accountId: b.id,
    registrationNumber: bFirst.number,
    documentKey: 'piece-identite',
    originalName: 'identite-paul.pdf',
    source: Readable.from([await makePdf('Carte de B')]),
  });
  await startRegistration(t.app.registrations, {
    accountId: c.id,
    sessionCode: '2025',
    examCode: 'BCP',
    specialtyCode: '40022106',
  });
  await openSession(sessionRepository(db), demoAccountId, t.clock.now());

  // Nearly two years later B registers for a new session (first exam day 19 April 2027).
  t.clock.set('2026-10-01T08:00:00.000Z');
  await importCatalogue(t.app, 'demo.yaml');
  const bSecond = await saveRegistration(t.app.registrations, {
    accountId: b.id,
    accountEmail: B_EMAIL,
    fields: draftFields('demo', 'BCP', '40022106', {
      ...IDENTITY_FIELDS,
      birthName: 'Martin',
      firstNames: 'Paul',
    }),
  });

  const keysOf = async (accountId: string): Promise<string[]> => {
    const uploads = await db
      .selectFrom('uploads')
      .innerJoin('registrations', 'registrations.id', 'uploads.registration_id')
      .select('uploads.storage_key')
      .where('registrations.account_id', '=', accountId)
      .execute();
    const published = await db
      .selectFrom('published_documents')
      .innerJoin('registrations', 'registrations.id', 'published_documents.registration_id')
      .select('published_documents.storage_key')
      .where('registrations.account_id', '=', accountId)
      .execute();
    return [...uploads, ...published].map((r) => r.storage_key);
  };
  return {
    a: {
      id: demoAccountId,
      number: first.number,
      uploads: [pdf, png],
      published: convocation,
      keys: await keysOf(demoAccountId),
    },
    b: { id: b.id, numbers: [bFirst.number, bSecond.number], keys: await keysOf(b.id) },
    c: { id: c.id },
    admin,
  };
}

/** The rows each table holds for one account (through its registrations where it has no column). */
async function rowsOf(t: TestApp, accountId: string): Promise<Record<string, number>> {
  const db = t.app.database.db;
  const n = (row: { n: number | string | bigint }): number => Number(row.n);
  const ofAccount = async (
    table:
      | 'accounts'
      | 'account_tokens'
      | 'sessions'
      | 'outbox'
      | 'registrations'
      | 'registration_drafts'
      | 'candidate_identities'
      | 'office_requests',
  ): Promise<number> =>
    n(
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(table === 'accounts' ? 'id' : 'account_id', '=', accountId)
        .executeTakeFirstOrThrow(),
    );
  const ofRegistrations = async (
    table: 'registration_versions' | 'required_documents' | 'uploads' | 'published_documents',
  ): Promise<number> =>
    n(
      await db
        .selectFrom(table)
        .innerJoin('registrations', 'registrations.id', `${table}.registration_id`)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('registrations.account_id', '=', accountId)
        .executeTakeFirstOrThrow(),
    );
  const answers = n(
    await db
      .selectFrom('office_request_answers')
      .innerJoin('office_requests', 'office_requests.id', 'office_request_answers.request_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('office_requests.account_id', '=', accountId)
      .executeTakeFirstOrThrow(),
  );
  return {
    accounts: await ofAccount('accounts'),
    account_tokens: await ofAccount('account_tokens'),
    sessions: await ofAccount('sessions'),
    outbox: await ofAccount('outbox'),
    registrations: await ofAccount('registrations'),
    registration_drafts: await ofAccount('registration_drafts'),
    candidate_identities: await ofAccount('candidate_identities'),
    office_requests: await ofAccount('office_requests'),
    office_request_answers: answers,
    registration_versions: await ofRegistrations('registration_versions'),
    required_documents: await ofRegistrations('required_documents'),
    uploads: await ofRegistrations('uploads'),
    published_documents: await ofRegistrations('published_documents'),
  };
}

describe.each(dialects)('personal data (%s)', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const fileOf = (key: string): string => path.join(t.app.config.uploadDir, key);

  beforeAll(async () => {
    const started = await startOnPoitiers(dialect);
    t = started.t;
    f = await buildFixture(t, started.demoAccountId);
  });
  afterAll(() => t.close());

  /** POSTs the download form of « Mes données personnelles » from `browser`; the raw response. */
  async function download(browser: TestBrowser) {
    const page = await browser.get('/espace/donnees-personnelles');
    expect(page.status).toBe(200);
    return t.app.server.inject({
      method: 'POST',
      url: '/espace/donnees-personnelles/archive',
      remoteAddress: browser.address,
      headers: {
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(csrfOf(page))}`,
    });
  }

  it('gives the candidate a ZIP of everything about them, each file byte for byte, and logs it', async () => {
    const browser = t.browser();
    await signInDemo(browser);
    const space = await browser.get('/espace');
    expect(space.html.querySelector('a[href="/espace/donnees-personnelles"]')).not.toBeNull();
    const page = await browser.get('/espace/donnees-personnelles');
    expect(page.text).toContain('Télécharger mes données (ZIP)');
    expect(page.text).toContain('conservées 24 mois après le premier jour des épreuves');

    const response = await download(browser);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="donnees-personnelles-2026-10-01.zip"',
    );
    expect(response.headers['cache-control']).toBe('private, no-store');
    const files = await unzip(response.rawPayload);
    const data = JSON.parse(files.get('donnees.json')?.toString('utf8') ?? '{}') as ExportedData;

    expect(data.format).toBe('candidat/donnees-personnelles/v1');
    expect(data.account.email).toBe(DEMO);
    expect(data.account.createdAt).toBe('2024-11-01T09:00:00.000Z');
    expect(data.identity?.identity.birthName).toBe('Dupont');
    expect(data.registrations.map((r) => r.number)).toEqual([f.a.number]);
    const [registration] = data.registrations;
    if (!registration) throw new Error('no registration in the export');
    expect(registration.versions.map((v) => [v.version, v.data.contact.phone])).toEqual([
      [1, '0612345678'],
      [2, '0711223344'],
    ]);
    expect(registration.documents.find((d) => d.key === 'piece-identite')?.state).toBe('transmis');
    // « Non concerné » as the pôle decided it: its state and its reason, as a refusal's would be.
    expect(registration.documents.find((d) => d.key === WORK)).toMatchObject({
      required: true,
      state: 'non_concerne',
      refusalReason: null,
      waiverReason: WAIVER_REASON,
    });
    expect(registration.documents.find((d) => d.key === 'piece-identite')?.waiverReason).toBe(null);
    const list = await pdfText(files.get(registration.documentList) ?? Buffer.alloc(0));
    expect(list).toMatch(/État Non concerné Raison du pôle Diplôme de niveau IV/);
    expect(list).toContain(WAIVER_REASON);
    expect(files.get('LISEZMOI.txt')?.toString('utf8')).toContain('« Non concerné »');

    // Each file is in the archive, byte for byte, where the JSON says, with the SHA-256 it gives.
    expect(registration.uploads.map((u) => u.originalName)).toEqual(['page.html', 'jdc.png']);
    expect(registration.uploads.map((u) => u.file)).toEqual([
      `inscriptions/${f.a.number}/justificatifs/01-page.html.pdf`,
      `inscriptions/${f.a.number}/justificatifs/02-jdc.png`,
    ]);
    registration.uploads.forEach((upload, i) => {
      const original = f.a.uploads[i] ?? Buffer.alloc(0);
      expect(upload.sha256).toBe(sha256(original));
      expect(sha256(files.get(upload.file) ?? Buffer.alloc(0))).toBe(sha256(original));
    });
    const [published] = registration.published;
    expect(published?.title).toBe('Convocation');
    expect(sha256(files.get(published?.file ?? '') ?? Buffer.alloc(0))).toBe(sha256(f.a.published));
    expect(published?.sha256).toBe(sha256(f.a.published));

    // The récapitulatif of each version and the list of documents, as « Mes documents » gives them.
    expect(registration.receipts).toEqual([
      `inscriptions/${f.a.number}/recapitulatif-${f.a.number}-v1.pdf`,
      `inscriptions/${f.a.number}/recapitulatif-${f.a.number}-v2.pdf`,
    ]);
    const v1 = await browser.get(`/inscriptions/${f.a.number}/recapitulatif.pdf?version=1`);
    const v1Bytes = await t.app.server.inject({
      method: 'GET',
      url: `/inscriptions/${f.a.number}/recapitulatif.pdf?version=1`,
      headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(v1.status).toBe(200);
    expect(sha256(files.get(registration.receipts[0] ?? '') ?? Buffer.alloc(0))).toBe(
      sha256(v1Bytes.rawPayload),
    );
    expect(files.get(registration.documentList)?.subarray(0, 5).toString()).toBe('%PDF-');

    expect(registration.requests).toEqual([
      expect.objectContaining({
        kind: 'question',
        message: 'Puis-je passer l’épreuve facultative ?',
        answers: [expect.objectContaining({ answer: 'Oui, en la choisissant sur le formulaire.' })],
      }),
    ]);
    const subjects = data.mails.map((m) => m.subject);
    expect(subjects.length).toBeGreaterThanOrEqual(4);
    expect(subjects.some((s) => s.includes('Confirmation d’inscription'))).toBe(true);
    expect(subjects.some((s) => s.includes('Modification d’inscription'))).toBe(true);
    expect(data.journal.map((e) => e.action)).toEqual(
      expect.arrayContaining(['registration.saved', 'upload.added', 'request.answered']),
    );
    expect(files.get('LISEZMOI.txt')?.toString('utf8')).toContain('Vos données personnelles');
    expect([...files.keys()].every((name) => !name.startsWith('/') && !name.includes('..'))).toBe(
      true,
    );

    const logged = await t.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'candidate.data_exported')
      .execute();
    expect(logged).toEqual([
      expect.objectContaining({
        actor_kind: 'candidate',
        actor_id: f.a.id,
        subject_type: 'account',
        subject_id: f.a.id,
        after_state: JSON.stringify({ registrations: 1, files: 3 }),
      }),
    ]);
  });

  it('puts nothing of another candidate in it, no secret, and no staff member', async () => {
    const db = t.app.database.db;
    const a = t.browser();
    await signInDemo(a);
    const files = await unzip((await download(a)).rawPayload);
    const everything = Buffer.concat(
      [...files.entries()].map(([k, v]) => Buffer.concat([Buffer.from(k), v])),
    );
    const text = files.get('donnees.json')?.toString('utf8') ?? '';
    for (const number of f.b.numbers) expect(everything.includes(number)).toBe(false);
    expect(text).not.toContain(B_EMAIL);
    expect(text).not.toContain('Martin');
    expect(text).not.toContain(f.admin.id);
    expect(text).not.toContain('admin@ac-poitiers.fr');
    const account = await db
      .selectFrom('accounts')
      .select('password_hash')
      .where('id', '=', f.a.id)
      .executeTakeFirstOrThrow();
    expect(text).not.toContain(account.password_hash);
    expect(text).not.toContain('$argon2');
    const secrets = [
      ...(await db.selectFrom('sessions').select('id_hash as hash').execute()),
      ...(await db.selectFrom('account_tokens').select('token_hash as hash').execute()),
    ];
    expect(secrets.length).toBeGreaterThan(0);
    for (const { hash } of secrets) expect(everything.includes(hash)).toBe(false);

    // B's own archive holds B's registrations and file, and nothing of A.
    const b = t.browser();
    b.cookies.set(
      'candidat_session',
      await openSession(sessionRepository(db), f.b.id, t.clock.now()),
    );
    const bFiles = await unzip((await download(b)).rawPayload);
    const bData = JSON.parse(bFiles.get('donnees.json')?.toString('utf8') ?? '{}') as ExportedData;
    expect(bData.account.email).toBe(B_EMAIL);
    expect(bData.registrations.map((r) => r.number)).toEqual(f.b.numbers);
    expect(bFiles.get('donnees.json')?.toString('utf8')).not.toContain(f.a.number);
    expect(bFiles.get('donnees.json')?.toString('utf8')).not.toContain(DEMO);
  });

  it('refuses the download to a visitor who is not signed in', async () => {
    const anonymous = t.browser();
    const page = await anonymous.get('/espace/donnees-personnelles');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/connexion');
    const csrf = csrfOf(await anonymous.get('/mot-de-passe/oublie'));
    const refused = await anonymous.post('/espace/donnees-personnelles/archive', {}, csrf);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
  });

  it('lists nobody before the retention time is over, then A and C to the second, never B', async () => {
    // 24 months after the 2025 session's first exam day, 10 June 2025: midnight in Paris.
    t.clock.set('2027-06-09T21:59:59.999Z');
    expect((await expiredCandidates(t.app.personalData, 1)).total).toBe(0);
    t.clock.set('2027-06-09T22:00:00.000Z');
    const expired = await expiredCandidates(t.app.personalData, 1);
    expect(expired.cutoff.cutoffDay).toBe('2025-06-10');
    const rows = expired.candidates.map((c) => [c.email, c.registrations, c.lastExamDay]);
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        [DEMO, 1, '2025-06-10'],
        [C_EMAIL, 0, null],
      ]),
    );

    const admin = t.browser();
    admin.cookies.set('candidat_gestion', await mintStaffSession(t, f.admin.id));
    const page = await admin.get('/gestion/conservation');
    expect(page.status).toBe(200);
    expect(page.text).toContain('2 candidats dont la durée de conservation est dépassée');
    expect(page.text).toContain(DEMO);
    expect(page.text).toContain(C_EMAIL);
    expect(page.text).not.toContain(B_EMAIL);
    expect(page.text).toContain('10 juin 2027');
  });

  it('deletes nothing without the box ticked, or when the list has changed since it was shown', async () => {
    const admin = t.browser();
    admin.cookies.set('candidat_gestion', await mintStaffSession(t, f.admin.id));
    const before = [await rowsOf(t, f.a.id), await rowsOf(t, f.c.id)];
    const page = await admin.get('/gestion/conservation');
    const unticked = await admin.submit(page, '/gestion/conservation/suppression', {});
    expect(unticked.status).toBe(422);
    expect(unticked.text).toContain('Cochez la case pour confirmer la suppression définitive.');
    const stale = await admin.submit(page, '/gestion/conservation/suppression', {
      confirmation: 'oui',
      nombre: '1',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('La liste a changé depuis son affichage : 2 candidat(s)');
    const malformed = await admin.submit(page, '/gestion/conservation/suppression', {
      confirmation: 'oui',
      nombre: 'tous',
    });
    expect(malformed.status).toBe(400);
    expect([await rowsOf(t, f.a.id), await rowsOf(t, f.c.id)]).toEqual(before);
    for (const key of f.a.keys) expect(existsSync(fileOf(key))).toBe(true);
  });

  it('keeps rows and files when the deletion’s transaction fails, and a later run removes files a failed removal left', async () => {
    const before = await rowsOf(t, f.a.id);
    // The transaction fails after the deletions were written: all of it is rolled back.
    const failingStore: PersonalDataContext = {
      ...t.app.personalData,
      store: {
        read: (work) => t.app.personalData.store.read(work),
        transaction: (work) =>
          t.app.personalData.store.transaction(async (unit) => {
            let deleted = false;
            const result = await work({
              ...unit,
              data: {
                ...unit.data,
                deleteCandidate: async (accountId, cutoff) => {
                  const done = await unit.data.deleteCandidate(accountId, cutoff);
                  deleted ||= done !== undefined;
                  return done;
                },
              },
            });
            if (deleted) throw new Error('the database went away before the commit');
            return result;
          }),
      },
    };
    await expect(
      deleteExpiredData(failingStore, { actor: { kind: 'system', id: null } }),
    ).rejects.toThrow('the database went away');
    expect(await rowsOf(t, f.a.id)).toEqual(before);
    for (const key of f.a.keys) expect(existsSync(fileOf(key))).toBe(true);

    // The commit succeeds, then removing one file fails: the rows are gone, that file stays
    // queued and is removed by the next run.
    const [stuck] = f.a.keys;
    const failingFiles: PersonalDataContext = {
      ...t.app.personalData,
      files: {
        ...t.app.personalData.files,
        delete: (key) =>
          key === stuck
            ? Promise.reject(new Error('the upload folder is not writable'))
            : t.app.personalData.files.delete(key),
      },
    };
    await expect(
      deleteExpiredData(failingFiles, { actor: { kind: 'system', id: null } }),
    ).rejects.toThrow('not writable');
    expect((await rowsOf(t, f.a.id)).accounts).toBe(0);
    expect(existsSync(fileOf(stuck ?? ''))).toBe(true);
    const queued = await t.app.database.db.selectFrom('file_deletions').selectAll().execute();
    expect(queued.map((q) => q.storage_key)).toContain(stuck);

    const again = await deleteExpiredData(t.app.personalData, {
      actor: { kind: 'system', id: null },
    });
    expect(again.filesRemoved).toBeGreaterThanOrEqual(1);
    for (const key of f.a.keys) expect(existsSync(fileOf(key))).toBe(false);
    expect(await t.app.database.db.selectFrom('file_deletions').selectAll().execute()).toEqual([]);
  });
});

describe.each(dialects)('deleting data past retention (%s)', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  const fileOf = (key: string): string => path.join(t.app.config.uploadDir, key);

  beforeAll(async () => {
    const started = await startOnPoitiers(dialect);
    t = started.t;
    f = await buildFixture(t, started.demoAccountId);
    t.clock.set('2027-06-10T08:00:00.000Z');
  });
  afterAll(() => t.close());

  it('deletes A and C with everything, files after the commit, keeps B, and logs counts only', async () => {
    const aSession = await openSession(sessionRepository(t.app.database.db), f.a.id, t.clock.now());
    const a = t.browser();
    a.cookies.set('candidat_session', aSession);
    expect((await a.get('/espace')).status).toBe(200);
    const bBefore = await rowsOf(t, f.b.id);
    const aBefore = await rowsOf(t, f.a.id);
    expect(aBefore).toMatchObject({ uploads: 2, published_documents: 1, registration_versions: 2 });
    const auditBefore = await t.app.database.db.selectFrom('audit_log').selectAll().execute();

    const admin = t.browser();
    admin.cookies.set('candidat_gestion', await mintStaffSession(t, f.admin.id));
    const done = await admin.submit(
      await admin.get('/gestion/conservation'),
      '/gestion/conservation/suppression',
      { confirmation: 'oui' },
    );
    expect(done.status).toBe(303);
    expect(done.location).toBe('/gestion/conservation?suppression=2');
    const after = await admin.follow(done);
    expect(after.text).toContain('Les données de 2 candidats ont été supprimées.');
    expect(after.text).toContain(
      'Aucun candidat n’a aujourd’hui dépassé la durée de conservation.',
    );

    for (const id of [f.a.id, f.c.id])
      expect(Object.values(await rowsOf(t, id)).every((n) => n === 0)).toBe(true);
    for (const key of f.a.keys) expect(existsSync(fileOf(key))).toBe(false);
    expect(await rowsOf(t, f.b.id)).toEqual(bBefore);
    for (const key of f.b.keys) expect(existsSync(fileOf(key))).toBe(true);

    // A's session went with the account.
    const signedOut = await a.get('/espace');
    expect(signedOut.status).toBe(303);
    expect(signedOut.location).toBe('/connexion');

    // The journal kept every entry and gained one per candidate: ids and counts, nothing personal.
    const audit = await t.app.database.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.filter((e) => auditBefore.some((b) => b.id === e.id))).toHaveLength(
      auditBefore.length,
    );
    const deletions = audit.filter((e) => e.action === 'candidate.data_deleted');
    expect(deletions.map((e) => e.subject_id).sort()).toEqual([f.a.id, f.c.id].sort());
    const ofA = deletions.find((e) => e.subject_id === f.a.id);
    expect(ofA).toMatchObject({
      actor_kind: 'staff',
      actor_id: f.admin.id,
      subject_type: 'account',
    });
    expect(JSON.parse(ofA?.after_state ?? '{}')).toEqual({
      registrations: 1,
      versions: 2,
      uploads: 2,
      publishedDocuments: 1,
      requests: 1,
      drafts: 0,
      sessions: aBefore.sessions,
      mails: aBefore.outbox,
    });
    expect(
      JSON.parse(deletions.find((e) => e.subject_id === f.c.id)?.after_state ?? '{}'),
    ).toMatchObject({
      registrations: 0,
      drafts: 1,
    });
    for (const e of deletions) expect(e.after_state).not.toMatch(/@|Dupont|Camille/);
  });
});

describe.each(dialects)('candidat purge-expired-data (%s)', (dialect) => {
  let t: TestApp;
  const d = { id: randomUUID(), email: 'ancien.candidat@exemple.fr', number: '', key: '' };
  const e = { id: randomUUID(), email: 'candidat.fidele@exemple.fr' };

  beforeAll(async () => {
    ({ t } = await startOnPoitiers(dialect));
    const db = t.app.database.db;
    for (const account of [d, e])
      await accountRepository(db).insert({
        id: account.id,
        email: account.email,
        passwordHash: 'not used',
        createdAt: t.clock.now(),
        activatedAt: t.clock.now(),
      });
    for (const account of [d, e]) {
      const saved = await saveRegistration(t.app.registrations, {
        accountId: account.id,
        accountEmail: account.email,
        fields: draftFields('2025', 'BCP', '40022106'),
      });
      if (account === d) d.number = saved.number;
    }
    const upload = await addUpload(t.app.documents, {
      accountId: d.id,
      registrationNumber: d.number,
      documentKey: 'piece-identite',
      originalName: 'identite.pdf',
      source: Readable.from([await makePdf('Carte de D')]),
    });
    d.key = (
      await db
        .selectFrom('uploads')
        .select('storage_key')
        .where('id', '=', upload.id)
        .executeTakeFirstOrThrow()
    ).storage_key;
    // E registers again for a session whose exams are far ahead (first exam day in 2099).
    t.clock.set('2098-12-01T08:00:00.000Z');
    await importCatalogue(t.app, 'demo.yaml');
    await saveRegistration(t.app.registrations, {
      accountId: e.id,
      accountEmail: e.email,
      fields: draftFields('demo', 'BCP', '40022106'),
    });
  });
  afterAll(() => t.close());

  /** `candidat purge-expired-data ARGS` on the test's database, as an operator runs it (real clock). */
  async function purge(args: string[], retentionMonths = '1') {
    const location = t.database.location;
    const env = {
      PATH: process.env.PATH,
      DATA_DIR: t.database.dataDir,
      DATABASE_URL: location.dialect === 'sqlite' ? `sqlite:${location.file}` : location.url,
      PUBLIC_URL: 'http://localhost:3000',
      RETENTION_MONTHS: retentionMonths,
    };
    return promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'purge-expired-data', ...args],
      { env },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  }

  // D and the demo account (which never registered) are past retention; E is not.
  it('counts with --dry-run, deleting nothing, then deletes and logs as the system', async () => {
    const dry = await purge(['--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('2 candidate(s) past retention (RETENTION_MONTHS=1');
    expect(dry.stdout).toContain('Nothing deleted (--dry-run).');
    expect((await rowsOf(t, d.id)).accounts).toBe(1);
    expect(existsSync(path.join(t.app.config.uploadDir, d.key))).toBe(true);

    const run = await purge([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Deleted the data of 2 candidate(s) past retention');
    expect(run.stdout).toContain('1 upload(s)');
    expect(run.stdout).toContain('1 file(s) removed from the upload folder.');
    expect(Object.values(await rowsOf(t, d.id)).every((n) => n === 0)).toBe(true);
    expect(existsSync(path.join(t.app.config.uploadDir, d.key))).toBe(false);
    expect((await rowsOf(t, e.id)).registrations).toBe(2);
    const logged = await t.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'candidate.data_deleted')
      .execute();
    expect(logged).toHaveLength(2);
    expect(logged).toContainEqual(
      expect.objectContaining({ actor_kind: 'system', actor_id: null, subject_id: d.id }),
    );
  }, 120_000); // two runs of the command, each starting Node and tsx

  it('stops on a wrong RETENTION_MONTHS, naming it, and deletes nothing', async () => {
    const before = await rowsOf(t, e.id);
    const bad = await purge([], 'deux ans');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid configuration: RETENTION_MONTHS');
    expect(await rowsOf(t, e.id)).toEqual(before);
  }, 60_000);
});
