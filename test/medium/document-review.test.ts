/**
 * The office's review of supporting documents, on SQLite and PostgreSQL, through the real
 * routes: the review page and its rights (the pôle of the registration, administrators; 403 to
 * another pôle, 404 for an unknown number), « Valider » (a file needed, once, not on a stale
 * page), « Refuser » (reason, text, deadline; the mail; the document reopened for the candidate
 * alone, after the close, until the date and not after), « Publier un document » (to its owner
 * only, opened once seen, bad files refused with nothing kept) and the pending actions on
 * « Mes inscriptions ».
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/domain/accounts/open-session.js';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { makePdf, makePng } from '../support/files.js';
import { MULTIPART_TYPE, multipartBody } from '../support/multipart.js';
import { mailsTo } from '../support/outbox.js';
import { draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';
const IDENTITY = 'piece-identite';
const JDC = 'jdc';
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe.each(dialects)('review of supporting documents (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  let number: string;
  let registrationId: string;
  let bacPro: StaffMember;
  let sah: StaffMember;
  let admin: StaffMember;

  const review = (): string => `/gestion/inscriptions/${number}/pieces`;
  const action = (key: string, verb: 'valider' | 'refuser'): string => `${review()}/${key}/${verb}`;
  const publishPath = (): string => `/gestion/inscriptions/${number}/documents-publies`;
  const justificatifs = (): string => `/inscriptions/${number}/justificatifs`;

  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
    const saved = await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    number = saved.number;
    registrationId = saved.id;
    await addFile(IDENTITY, await makePdf('Carte nationale d identite'));
    const member = async (email: string, role: 'admin' | 'gestionnaire', desks?: string[]) =>
      (
        await addStaffMember(t, {
          email,
          name: email === 'bac.pro@ac-poitiers.fr' ? 'Agnès Martin' : email,
          role,
          ...(desks ? { desks } : {}),
        })
      ).member;
    bacPro = await member('bac.pro@ac-poitiers.fr', 'gestionnaire', ['bac-pro']);
    sah = await member('sah@ac-poitiers.fr', 'gestionnaire', ['sah']);
    admin = await member('admin@ac-poitiers.fr', 'admin');
  });
  afterEach(() => t.close());

  // ------------------------------------------------------------------ helpers

  async function addFile(key: string, bytes: Buffer, name = `${key}.pdf`): Promise<string> {
    const upload = await addUpload(t.app.documents, {
      accountId,
      registrationNumber: number,
      documentKey: key,
      originalName: name,
      source: Readable.from([bytes]),
    });
    return upload.id;
  }

  /** A browser with a fresh office session of `member` (sessions last 8 hours). */
  async function office(member: StaffMember): Promise<TestBrowser> {
    const browser = t.browser();
    browser.cookies.set('candidat_gestion', await mintStaffSession(t, member.id));
    return browser;
  }

  /** A browser with a fresh session of the candidate `id` (the demo candidate by default). */
  async function candidate(id = accountId): Promise<TestBrowser> {
    const browser = t.browser();
    const token = await openSession(sessionRepository(t.app.database.db), id, t.clock.now());
    browser.cookies.set('candidat_session', token);
    return browser;
  }

  async function otherCandidate(): Promise<TestBrowser> {
    const id = randomUUID();
    await accountRepository(t.app.database.db).insert({
      id,
      email: 'autre.candidat@exemple.fr',
      passwordHash: 'not used: the session is minted',
      createdAt: t.clock.now(),
      activatedAt: t.clock.now(),
    });
    return candidate(id);
  }

  const row = (key: string) =>
    t.app.database.db
      .selectFrom('required_documents')
      .selectAll()
      .where('registration_id', '=', registrationId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();

  const audit = (actionCode: string) =>
    t.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', actionCode)
      .orderBy('id')
      .execute();

  const mailsAbout = async (subject: RegExp) =>
    (await mailsTo(t.app, DEMO)).filter((m) => subject.test(m.subject));

  const uploadCount = async (): Promise<number> =>
    (await t.app.database.db.selectFrom('uploads').select('id').execute()).length;

  /** Every file in the file store, temporary ones included. */
  function storedFiles(): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else found.push(full);
      }
    };
    walk(t.app.config.uploadDir);
    return found;
  }

  function section(page: Page, key: string): string {
    const found = page.html.querySelector(`section[data-piece="${key}"]`);
    if (!found) throw new Error(`no section for ${key} (status ${page.status}): ${page.text}`);
    return found.textContent.replace(/\s+/g, ' ');
  }

  /** The candidate's « Ajouter » for `key`, as the page's form sends it. */
  async function candidateUpload(browser: TestBrowser, key: string, bytes: Buffer): Promise<Page> {
    const page = await browser.get(justificatifs());
    return browser.raw(
      'POST',
      `${justificatifs()}/pieces/${key}`,
      multipartBody([
        { name: '_csrf', value: csrfOf(page) },
        { name: 'fichier', filename: 'nouvelle-piece.pdf', data: bytes },
      ]),
      MULTIPART_TYPE,
    );
  }

  async function publish(
    browser: TestBrowser,
    title: string,
    file: { filename: string; data: Buffer; type?: string } | undefined,
  ): Promise<Page> {
    const page = await browser.get(review());
    return browser.raw(
      'POST',
      publishPath(),
      multipartBody([
        { name: '_csrf', value: csrfOf(page) },
        { name: 'titre', value: title },
        { name: 'fichier', ...(file ?? { filename: '', data: Buffer.alloc(0) }) },
      ]),
      MULTIPART_TYPE,
    );
  }

  const refusal = { motif: 'illisible', precision: 'La photo est floue.' };

  // ------------------------------------------------------------------ the page and its rights

  it('shows each document, its state and its files to the pôle of the registration; 403 to another pôle, 404 for an unknown number', async () => {
    const fileId = (
      await t.app.database.db.selectFrom('uploads').select('id').executeTakeFirstOrThrow()
    ).id;
    const browser = await office(bacPro);
    const page = await browser.get(review());
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Inscription n° ${number} : DUPONT Camille Marie`);
    expect(page.text).toContain('Pôle baccalauréats professionnels');
    const identity = section(page, IDENTITY);
    expect(identity).toContain('Pièce d’identité en cours de validité');
    expect(identity).toContain('Transmis');
    expect(identity).toContain('piece-identite.pdf (PDF');
    const link = page.html.querySelector(
      `section[data-piece="${IDENTITY}"] a[href^="/gestion/justificatifs/"]`,
    );
    expect(link?.getAttribute('href')).toBe(`/gestion/justificatifs/${fileId}`);
    const file = await browser.get(link?.getAttribute('href') ?? '');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(page.html.querySelector(`form[action="${action(IDENTITY, 'valider')}"]`)).not.toBeNull();
    const reasons = page.html
      .querySelectorAll(`form[action="${action(IDENTITY, 'refuser')}"] select option`)
      .map((o) => o.textContent.trim());
    expect(reasons).toEqual([
      'Choisir un motif',
      'Document illisible',
      'Document incomplet',
      'Document expiré',
      'Document ne correspondant pas à la pièce demandée',
      'Nom ne correspondant pas au candidat',
      'Autre',
    ]);
    // A document without a file offers no decision.
    expect(section(page, JDC)).toContain('Attendu');
    expect(section(page, JDC)).toContain('Aucun fichier déposé.');
    expect(page.html.querySelector(`form[action="${action(JDC, 'valider')}"]`)).toBeNull();
    expect(page.html.querySelector(`form[action="${action(JDC, 'refuser')}"]`)).toBeNull();

    expect((await (await office(admin)).get(review())).status).toBe(200);
    const refused = await (await office(sah)).get(review());
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(
      'Cette inscription concerne un pôle dont vous n’êtes pas gestionnaire.',
    );
    expect((await browser.get('/gestion/inscriptions/2025-BCP-999999/pieces')).status).toBe(404);
    const asCandidate = await (await candidate()).get(review());
    expect(asCandidate.status).toBe(303);
    expect(asCandidate.location).toBe('/gestion/connexion');
  });

  // ------------------------------------------------------------------ « Valider »

  it('accepts a document that has a file, once, with its audit entry; not one without a file', async () => {
    const browser = await office(bacPro);
    const page = await browser.get(review());
    const accepted = await browser.submit(page, action(IDENTITY, 'valider'), {});
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`${review()}?validee=1`);
    const accepted1 = await row(IDENTITY);
    expect(accepted1.state).toBe('valide');
    expect(accepted1.reviewed_by).toBe(bacPro.id);
    expect(accepted1.reviewed_at).toBe(t.clock.now().toISOString());

    const after = await browser.follow(accepted);
    expect(after.text).toContain('La pièce a été validée.');
    expect(section(after, IDENTITY)).toMatch(
      /Validé Dernière décision le 1er novembre 2024 à 10 h 00 par Agnès Martin\./,
    );
    expect(after.html.querySelector(`form[action="${action(IDENTITY, 'valider')}"]`)).toBeNull();

    // The same form sent again (a second click): refused, nothing written twice.
    const again = await browser.submit(page, action(IDENTITY, 'valider'), {});
    expect(again.status).toBe(409);
    expect(again.text).toContain('Cette pièce est déjà validée.');
    const entries = await audit('document.accepted');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor_id).toBe(bacPro.id);
    expect(entries[0]?.subject_id).toBe(registrationId);
    expect(JSON.parse(entries[0]?.before_state ?? '')).toEqual({
      document: IDENTITY,
      state: 'transmis',
      reopenedUntil: null,
    });
    expect(JSON.parse(entries[0]?.after_state ?? '')).toEqual({
      document: IDENTITY,
      state: 'valide',
      reopenedUntil: null,
    });

    const noFile = await browser.post(
      action(JDC, 'valider'),
      { depuis: (await row(JDC)).updated_at },
      csrfOf(page),
    );
    expect(noFile.status).toBe(409);
    expect(noFile.text).toContain('Cette pièce n’a aucun fichier : elle ne peut pas être validée.');
    expect((await row(JDC)).state).toBe('attendu');
    expect(await mailsAbout(/refusée/)).toEqual([]);
  });

  it('refuses a decision taken on a page older than the document’s last change', async () => {
    const browser = await office(bacPro);
    const page = await browser.get(review());
    await addFile(IDENTITY, await makePdf('Verso'), 'verso.pdf'); // the candidate adds the back
    const stale = await browser.submit(page, action(IDENTITY, 'valider'), {});
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('a changé depuis l’affichage de la page');
    expect((await row(IDENTITY)).state).toBe('transmis');
    const staleRefusal = await browser.submit(page, action(IDENTITY, 'refuser'), {
      ...refusal,
      date: '2024-11-20',
      heure: '23:59',
    });
    expect(staleRefusal.status).toBe(409);
    expect(await mailsAbout(/refusée/)).toEqual([]);
    // The page shown again is current: its form decides.
    expect((await browser.submit(stale, action(IDENTITY, 'valider'), {})).status).toBe(303);
  });

  // ------------------------------------------------------------------ « Refuser » and the reopening

  it('refuses with a reason: one mail, and the document alone reopens after the close until the date, not after', async () => {
    await addFile('certificats-travail', await makePdf('Employeur'));
    t.clock.set('2024-11-20T09:00:00.000Z'); // a week after the close (13 November, 19 h 00)
    const browser = await office(bacPro);
    const page = await browser.get(review());
    const form = page.html.querySelector(`form[action="${action(IDENTITY, 'refuser')}"]`);
    // Offered: 15 days later at 23 h 59, Paris time.
    expect(form?.querySelector('input[name=date]')?.getAttribute('value')).toBe('2024-12-05');
    expect(form?.querySelector('input[name=heure]')?.getAttribute('value')).toBe('23:59');

    const refused = await browser.submit(page, action(IDENTITY, 'refuser'), {
      ...refusal,
      date: '2024-12-05',
      heure: '23:59',
    });
    expect(refused.status).toBe(303);
    expect(refused.location).toBe(`${review()}?refusee=1`);
    const stored = await row(IDENTITY);
    expect(stored.state).toBe('refuse');
    expect(stored.refusal_reason).toBe('Document illisible : La photo est floue.');
    expect(stored.reopened_until).toBe('2024-12-05T22:59:00.000Z');
    expect(stored.reviewed_by).toBe(bacPro.id);

    const [mail, ...more] = await mailsAbout(/^Pièce justificative refusée/);
    expect(more).toEqual([]);
    expect(mail?.text_body).toContain('« Pièce d’identité en cours de validité');
    expect(mail?.text_body).toContain('Motif : Document illisible : La photo est floue.');
    expect(mail?.text_body).toContain('avant le 5 décembre 2024 à 23 h 59 (heure de Paris)');
    expect(mail?.text_body).toContain(`http://localhost:3000/inscriptions/${number}/justificatifs`);
    expect(mail?.text_body).toContain(
      'Pour toute question sur cette inscription : Pôle baccalauréats professionnels, 05.16.52.64.64 / 05.16.52.64.63 / 05.16.52.64.31 / pole.bac.pro@ac-poitiers.fr.',
    );
    const [entry] = await audit('document.refused');
    expect(JSON.parse(entry?.after_state ?? '')).toEqual({
      document: IDENTITY,
      state: 'refuse',
      reopenedUntil: '2024-12-05T22:59:00.000Z',
      reason: 'illisible',
    });
    expect(entry?.after_state).not.toContain('floue'); // the office's text stays out of the log

    // A second click on the same form: refused, no second mail.
    const again = await browser.submit(page, action(IDENTITY, 'refuser'), {
      ...refusal,
      date: '2024-12-05',
      heure: '23:59',
    });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Cette pièce est déjà refusée');
    expect(await mailsAbout(/^Pièce justificative refusée/)).toHaveLength(1);

    // The candidate sees why and until when, and may upload for that document only.
    const person = await candidate();
    const mine = await person.get(justificatifs());
    expect(mine.text).toContain(
      'vos justificatifs ne peuvent plus être modifiés, sauf les pièces que le pôle vous demande de déposer à nouveau (ci-dessous)',
    );
    expect(mine.text).toContain('Motif du refus : Document illisible : La photo est floue.');
    expect(mine.text).toContain('jusqu’au 5 décembre 2024 à 23 h 59 (heure de Paris)');
    const files = storedFiles().length;
    const rows = await uploadCount();
    const closed = await candidateUpload(person, JDC, await makePdf('JDC'));
    expect(closed.status).toBe(409);
    expect(closed.text).toContain('Les inscriptions pour cet examen sont closes');
    expect(storedFiles()).toHaveLength(files);
    expect(await uploadCount()).toBe(rows);

    const again2 = await candidateUpload(person, IDENTITY, await makePdf('Carte lisible'));
    expect(again2.status).toBe(303);
    expect((await row(IDENTITY)).state).toBe('transmis');
    const reviewed = await browser.get(review());
    expect(section(reviewed, IDENTITY)).toContain('Transmis');
    expect(section(reviewed, IDENTITY)).toContain('nouvelle-piece.pdf');

    // Past the date nothing more is taken, and nothing is stored.
    t.clock.set('2024-12-05T23:00:00.000Z');
    const late = await candidateUpload(await candidate(), IDENTITY, await makePdf('Trop tard'));
    expect(late.status).toBe(409);
    expect(late.text).toContain(
      'Le délai accordé par le pôle pour déposer à nouveau cette pièce a pris fin le 5 décembre 2024 à 23 h 59 (heure de Paris)',
    );
    expect(storedFiles()).toHaveLength(files + 1);
    expect(await uploadCount()).toBe(rows + 1);
  });

  it('keeps a refused document refused, its reason shown, when its file is removed', async () => {
    const browser = await office(bacPro);
    await browser.submit(await browser.get(review()), action(IDENTITY, 'refuser'), {
      motif: 'expire',
      precision: '',
      date: '2024-11-20',
      heure: '12:00',
    });
    expect((await row(IDENTITY)).refusal_reason).toBe('Document expiré');
    const person = await candidate();
    const page = await person.get(justificatifs());
    const remove = page.html.querySelector('form[action$="/supprimer"]')?.getAttribute('action');
    expect((await person.submit(page, remove ?? '', {})).status).toBe(303);
    expect((await row(IDENTITY)).state).toBe('refuse');
    expect((await person.get(justificatifs())).text).toContain('Motif du refus : Document expiré');
  });

  it('checks the refusal form: a reason from the list, a text for « Autre » and at most 1000 characters, a deadline that exists and is ahead', async () => {
    const browser = await office(bacPro);
    const page = await browser.get(review());
    const post = (fields: Record<string, string>) =>
      browser.submit(page, action(IDENTITY, 'refuser'), fields);

    const empty = await post({
      motif: 'autre',
      precision: '  ',
      date: '2024-10-01',
      heure: '12:00',
    });
    expect(empty.status).toBe(422);
    const summary = empty.html.querySelector('.fr-alert--error')?.textContent ?? '';
    expect(summary).toContain('Le refus n’a pas été enregistré');
    expect(summary).toContain('Précisez le motif du refus : le candidat le lira.');
    expect(summary).toContain('La date limite doit être dans le futur.');
    const shown = empty.html.querySelector(`form[action="${action(IDENTITY, 'refuser')}"]`);
    expect(shown?.querySelector('option[selected]')?.getAttribute('value')).toBe('autre');
    expect(shown?.querySelector('input[name=date]')?.getAttribute('value')).toBe('2024-10-01');
    expect(empty.html.querySelector('a[href="#piece-1-precision"]')?.textContent).toContain(
      'Précision pour le candidat',
    );

    const cases: [Record<string, string>, string][] = [
      [
        { ...refusal, precision: 'x'.repeat(1001), date: '2024-11-20', heure: '12:00' },
        'Le motif ne doit pas dépasser 1000 caractères.',
      ],
      [
        { motif: 'au-hasard', precision: '', date: '2024-11-20', heure: '12:00' },
        'Choisissez le motif du refus.',
      ],
      [{ ...refusal, date: '2024-11-31', heure: '12:00' }, 'Indiquez une date qui existe'],
      [{ ...refusal, date: '2025-03-30', heure: '02:30' }, 'n’existe pas à Paris'],
      [
        { ...refusal, date: '2026-01-15', heure: '12:00' },
        'La date limite doit être dans moins d’un an.',
      ],
    ];
    for (const [fields, message] of cases) {
      const answer = await post(fields);
      expect(answer.status).toBe(422);
      expect(answer.text).toContain(message);
    }
    expect((await row(IDENTITY)).state).toBe('transmis');
    expect(await audit('document.refused')).toEqual([]);
    expect(await mailsAbout(/refusée/)).toEqual([]);

    const other = await office(sah);
    const otherDesk = await other.post(
      action(IDENTITY, 'refuser'),
      { ...refusal, date: '2024-11-20', heure: '12:00', depuis: (await row(IDENTITY)).updated_at },
      csrfOf(await other.get('/gestion')),
    );
    expect(otherDesk.text).toContain('pôle dont vous n’êtes pas gestionnaire');
    expect(otherDesk.status).toBe(403);
    expect((await row(IDENTITY)).state).toBe('transmis');
  });

  // ------------------------------------------------------------------ « Publier un document »

  it('publishes a PDF to its owner only, mailed, marked seen at the first download', async () => {
    const browser = await office(bacPro);
    const pdf = await makePdf('Convocation');
    const sent = await publish(browser, 'Convocation aux épreuves', {
      filename: 'convocation-dupont.pdf',
      data: pdf,
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${review()}?publie=1`);
    const doc = await t.app.database.db
      .selectFrom('published_documents')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(doc.title).toBe('Convocation aux épreuves');
    expect(doc.original_name).toBe('convocation-dupont.pdf');
    expect(doc.published_by).toBe(bacPro.id);
    expect(doc.seen_at).toBeNull();
    expect(sha256(readFileSync(path.join(t.app.config.uploadDir, doc.storage_key)))).toBe(
      sha256(pdf),
    );
    const [mail] = await mailsAbout(/^Un document est disponible dans Mes documents/);
    expect(mail?.text_body).toContain('le document « Convocation aux épreuves »');
    expect(mail?.text_body).toContain(`http://localhost:3000/inscriptions/${number}/documents`);
    expect(await audit('document.published')).toHaveLength(1);
    expect((await browser.follow(sent)).text).toMatch(
      /Convocation aux épreuves \([\d,]+ Ko\), publié le 1er novembre 2024 à 10 h 00 : pas encore ouvert par le candidat\./,
    );

    const person = await candidate();
    const documents = await person.get(`/inscriptions/${number}/documents`);
    expect(documents.text).toContain('Documents transmis par le pôle');
    const link = documents.html.querySelector(`a[href="/mes-documents/publies/${doc.id}"]`);
    expect(link?.textContent).toContain('Convocation aux épreuves');
    expect(documents.text).toContain('Nouveau');

    expect((await (await otherCandidate()).get(`/mes-documents/publies/${doc.id}`)).status).toBe(
      404,
    );
    expect((await t.browser().get(`/mes-documents/publies/${doc.id}`)).location).toBe('/connexion');
    expect((await row(IDENTITY)).state).toBe('transmis');
    const unseen = await t.app.database.db
      .selectFrom('published_documents')
      .select('seen_at')
      .executeTakeFirstOrThrow();
    expect(unseen.seen_at).toBeNull();

    const response = await t.app.server.inject({
      method: 'GET',
      url: `/mes-documents/publies/${doc.id}`,
      headers: { cookie: [...person.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      'inline; filename="Convocation aux epreuves.pdf"',
    );
    expect(sha256(response.rawPayload)).toBe(sha256(pdf));
    const firstSeen = t.clock.now().toISOString();
    t.clock.advance(3_600_000);
    expect((await person.get(`/mes-documents/publies/${doc.id}`)).status).toBe(200);
    const seen = await t.app.database.db
      .selectFrom('published_documents')
      .select('seen_at')
      .executeTakeFirstOrThrow();
    expect(seen.seen_at).toBe(firstSeen);
    expect((await person.get(`/inscriptions/${number}/documents`)).text).not.toContain('Nouveau');
  });

  it('refuses a file that is not a PDF, a missing title or file, and another pôle, keeping neither a row nor a file', async () => {
    const browser = await office(bacPro);
    const files = storedFiles().length;
    const png = await publish(browser, 'Convocation', {
      filename: 'convocation.pdf',
      data: makePng(),
      type: 'application/pdf',
    });
    expect(png.status).toBe(415);
    expect(png.text).toContain(
      'Ce fichier n’est pas un PDF. Seuls les documents PDF peuvent être publiés au candidat.',
    );
    const untitled = await publish(browser, '   ', { filename: 'c.pdf', data: await makePdf() });
    expect(untitled.status).toBe(422);
    expect(untitled.text).toContain('Donnez un titre au document');
    const noFile = await publish(browser, 'Convocation', undefined);
    expect(noFile.status).toBe(422);
    expect(noFile.text).toContain('Choisissez un fichier à ajouter.');
    // What was typed stays in the form.
    expect(noFile.html.querySelector('input[name=titre]')?.getAttribute('value')).toBe(
      'Convocation',
    );
    const otherDesk = await publish(await office(sah), 'Convocation', {
      filename: 'c.pdf',
      data: await makePdf(),
    });
    expect(otherDesk.status).toBe(403);
    expect(
      await t.app.database.db.selectFrom('published_documents').select('id').execute(),
    ).toEqual([]);
    expect(storedFiles()).toHaveLength(files);
    expect(await mailsAbout(/Mes documents/)).toEqual([]);
  });

  it('answers a malformed publication with a 4xx and keeps nothing', async () => {
    const browser = await office(bacPro);
    const csrf = csrfOf(await browser.get(review()));
    const pdf = { name: 'fichier', filename: 'c.pdf', data: await makePdf() };
    const bodies = [
      [
        { name: '_csrf', value: csrf },
        { name: 'titre', value: 'A' },
        { name: 'titre', value: 'B' },
        pdf,
      ],
      [{ name: '_csrf', value: csrf }, pdf, { name: 'titre', value: 'Après le fichier' }],
      [{ name: '_csrf', value: csrf }, { name: 'autre', value: 'x' }, pdf],
      [{ name: '_csrf', value: csrf }, { name: 'titre', value: 'é'.repeat(2000) }, pdf],
      [
        { name: '_csrf', value: csrf },
        { name: 'titre', value: 'Sans fichier' },
      ],
      [pdf, { name: '_csrf', value: csrf }],
    ];
    for (const parts of bodies) {
      const answer = await browser.raw('POST', publishPath(), multipartBody(parts), MULTIPART_TYPE);
      expect(answer.status, JSON.stringify(parts.map((p) => p.name))).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    }
    const form = await browser.post(publishPath(), { titre: 'Formulaire' }, csrf);
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    expect(
      await t.app.database.db.selectFrom('published_documents').select('id').execute(),
    ).toEqual([]);
    expect(storedFiles()).toHaveLength(1); // the candidate's file; no temporary one left
  });

  // ------------------------------------------------------------------ « Mes inscriptions »

  it('lists the pending actions of each registration on « Mes inscriptions »', async () => {
    const second = await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BP', '45022111'),
    });
    const browser = await office(bacPro);
    await browser.submit(await browser.get(review()), action(IDENTITY, 'refuser'), {
      ...refusal,
      date: '2024-11-20',
      heure: '18:00',
    });
    await publish(browser, 'Convocation aux épreuves', {
      filename: 'c.pdf',
      data: await makePdf(),
    });
    const request = async (answer: string, closedAt: string | null) =>
      t.app.database.db
        .insertInto('office_requests')
        .values({
          id: randomUUID(),
          account_id: accountId,
          registration_id: registrationId,
          desk_code: 'bac-pro',
          kind: 'address',
          message: 'Je déménage.',
          payload: '{}',
          state: closedAt ? 'closed' : 'answered',
          created_at: '2024-10-20T08:00:00.000Z',
          answer,
          answered_at: '2024-10-21T08:00:00.000Z',
          answered_by: bacPro.id,
          applied_at: null,
          closed_at: closedAt,
        })
        .execute();
    await request('Votre nouvelle adresse est enregistrée.', null);
    await request('Réponse ancienne, close depuis longtemps.', '2024-09-01T08:00:00.000Z');

    const person = await candidate();
    const card = async (n: string) => {
      const space = await person.get('/espace');
      const found = space.html
        .querySelectorAll('.fr-card')
        .find((c) => c.textContent.includes(`n° ${n}`));
      if (!found) throw new Error(`no card for ${n}`);
      return found;
    };
    let mine = await card(number);
    const refused = mine.querySelector('li[data-action=piece-refusee]');
    expect(refused?.textContent.replace(/\s+/g, ' ')).toContain(
      '– motif : Document illisible : La photo est floue. Déposez-en une nouvelle avant le 20 novembre 2024 à 18 h 00 (heure de Paris) dans Mes justificatifs.',
    );
    expect(refused?.querySelector('a')?.getAttribute('href')).toBe(justificatifs());
    const published = mine.querySelector('li[data-action=document-publie]');
    expect(published?.textContent).toContain('« Convocation aux épreuves »');
    expect(published?.querySelector('a')?.getAttribute('href')).toBe(
      `/inscriptions/${number}/documents`,
    );
    const answers = mine.querySelectorAll('li[data-action=reponse]').map((a) => a.textContent);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('Votre nouvelle adresse est enregistrée.');
    expect((await card(second.number)).querySelectorAll('li[data-action]')).toEqual([]);

    // Opened, uploaded again, closed over 30 days ago: each action goes.
    const doc = await t.app.database.db
      .selectFrom('published_documents')
      .select('id')
      .executeTakeFirstOrThrow();
    await person.get(`/mes-documents/publies/${doc.id}`);
    await candidateUpload(person, IDENTITY, await makePdf('Carte lisible'));
    await t.app.database.db
      .updateTable('office_requests')
      .set({ state: 'closed', closed_at: '2024-10-01T08:00:00.000Z' })
      .where('answer', '=', 'Votre nouvelle adresse est enregistrée.')
      .execute();
    mine = await card(number);
    expect(mine.querySelectorAll('li[data-action]')).toEqual([]);
  });
});
