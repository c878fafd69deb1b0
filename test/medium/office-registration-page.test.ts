/**
 * The office's page of one registration, on SQLite and PostgreSQL: a candidate registers,
 * changes their phone, adds and removes files, declares their file complete and writes to the
 * pôle, all through the real routes; the pôle's gestionnaire then sees every field, both
 * versions with the change between them, the documents with links to the files, the request
 * and the history the audit log kept of each act (with no personal value in it). Another
 * pôle's gestionnaire is refused, a visitor without a staff session is sent to the office's
 * sign-in, and « Écarter » / « Réintégrer » write their change, its entry and the candidate's
 * mail together (one mail each, even after a second click), with a 409 for a second click and
 * a 422 for a missing or too long reason; the candidate's « Mes inscriptions » says « Écartée »
 * with the reason and the pôle, then no longer once reinstated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { makeJpeg, makePdf, makePng } from '../support/files.js';
import { mailsTo } from '../support/outbox.js';
import {
  CANDIDATURE_FIELDS,
  IDENTITY_FIELDS,
  fillWizard,
  signInDemo,
} from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const NUMBER = 'demo-BCP-000001';
const OFFICE_PAGE = `/gestion/inscriptions/${NUMBER}`;
const FILES_PAGE = `/inscriptions/${NUMBER}/justificatifs`;
const NEW_PHONE = '07 98 76 54 32';
/** Phone numbers as the registration keeps them (spaces removed). */
const OLD_PHONE_STORED = '0612345678';
const NEW_PHONE_STORED = '0798765432';
const REQUEST_TEXT = 'Mon deuxième prénom est Maria et non Marie.';
const GESTIONNAIRE = 'Agnès Lefort';
const CANDIDATE_EMAIL = 'candidat.demo@exemple.fr';
const BOUNDARY = '----candidat-office-page-boundary';

describe.each(dialects)('the office’s page of a registration (%s)', (dialect) => {
  let t: TestApp;
  let candidate: TestBrowser;
  const staff = {} as Record<'deskRight' | 'deskOther' | 'admin', string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    candidate = t.browser();
    await signInDemo(candidate);
    const saved = await candidate.submit(
      await fillWizard(candidate, 'demo', 'BCP', '40022106'),
      '/inscription/demo/BCP/enregistrer',
      {},
    );
    expect(saved.location).toBe(`/espace?enregistree=${NUMBER}`);

    // Version 2: the phone changes.
    t.clock.advance(60_000);
    const base = '/inscription/demo/BCP';
    const espace = await candidate.get('/espace');
    expect((await candidate.submit(espace, `${base}/modifier`, {})).status).toBe(303);
    for (const [step, fields] of [
      ['identite', { ...IDENTITY_FIELDS, phone: NEW_PHONE }],
      ['candidature', CANDIDATURE_FIELDS],
    ] as const) {
      const page = await candidate.get(`${base}/${step}`);
      const next = await candidate.submit(page, `${base}/${step}`, {
        ...fields,
        action: 'suivant',
      });
      expect(next.status, `${step}: ${next.text.slice(0, 200)}`).toBe(303);
    }
    const resaved = await candidate.submit(
      await candidate.get(`${base}/recapitulatif`),
      `${base}/enregistrer`,
      {},
    );
    expect(resaved.location).toBe(`/espace?enregistree=${NUMBER}`);

    // Files: four added, one removed, then « J'ai fourni toutes mes pièces ».
    t.clock.advance(60_000);
    expect((await upload('piece-identite', 'recto.jpg', makeJpeg())).status).toBe(303);
    expect((await upload('piece-identite', 'brouillon.png', makePng())).status).toBe(303);
    expect((await upload('jdc', 'jdc.pdf', await makePdf())).status).toBe(303);
    expect((await upload('certificats-travail', 'employeur.pdf', await makePdf())).status).toBe(
      303,
    );
    const draft = await t.app.database.db
      .selectFrom('uploads')
      .select('id')
      .where('original_name', '=', 'brouillon.png')
      .executeTakeFirstOrThrow();
    const files = await candidate.get(FILES_PAGE);
    expect((await candidate.submit(files, `/justificatifs/${draft.id}/supprimer`, {})).status).toBe(
      303,
    );
    expect(
      (await candidate.submit(await candidate.get(FILES_PAGE), `${FILES_PAGE}/complet`, {})).status,
    ).toBe(303);

    // A request to the pôle.
    t.clock.advance(60_000);
    const requestPage = await candidate.get(`/demandes/${NUMBER}/etat-civil`);
    const sent = await candidate.submit(requestPage, `/demandes/${NUMBER}/etat-civil`, {
      message: REQUEST_TEXT,
    });
    expect(sent.status).toBe(303);

    const add = async (email: string, name: string, desks?: string[]) =>
      (
        await addStaffMember(t, {
          email,
          name,
          role: desks ? 'gestionnaire' : 'admin',
          ...(desks ? { desks } : {}),
        })
      ).member.id;
    staff.deskRight = await add('agnes.lefort@ac-poitiers.fr', GESTIONNAIRE, ['bac-pro']);
    staff.deskOther = await add('sah@ac-poitiers.fr', 'Pôle SAH', ['sah']);
    staff.admin = await add('admin@ac-poitiers.fr', 'Administratrice');
  });
  afterAll(() => t.close());

  async function upload(key: string, filename: string, data: Buffer): Promise<Page> {
    const page = await candidate.get(FILES_PAGE);
    return candidate.raw(
      'POST',
      `${FILES_PAGE}/pieces/${key}`,
      Buffer.concat([
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrfOf(page)}\r\n` +
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="fichier"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      ]),
      `multipart/form-data; boundary=${BOUNDARY}`,
    );
  }

  async function office(who: keyof typeof staff): Promise<TestBrowser> {
    const browser = t.browser();
    browser.cookies.set('candidat_gestion', await mintStaffSession(t, staff[who]));
    return browser;
  }

  const registrationId = async (): Promise<string> =>
    (
      await t.app.database.db
        .selectFrom('registrations')
        .select('id')
        .where('number', '=', NUMBER)
        .executeTakeFirstOrThrow()
    ).id;

  /** The body rows of the table whose caption starts with `caption`, as the cells' text. */
  const rowsOf = (page: Page, caption: string): string[][] => {
    const table = page.html
      .querySelectorAll('table')
      .find((t) => t.querySelector('caption')?.textContent.trim().startsWith(caption));
    return (table?.querySelectorAll('tbody tr') ?? []).map((tr) =>
      tr.querySelectorAll('th, td').map((cell) => cell.textContent.replace(/\s+/g, ' ').trim()),
    );
  };
  /** The history's rows: date, author, action, detail. */
  const historyOf = (page: Page): string[][] => rowsOf(page, 'Actions sur cette inscription');

  it('shows the pôle every field, both versions and their change, the files, the request and the history', async () => {
    const page = await (await office('deskRight')).get(OFFICE_PAGE);
    expect(page.status).toBe(200);
    expect(page.html.querySelector('h1')?.textContent).toBe(`Inscription n° ${NUMBER}`);
    // Fields of the current version, the account, the states.
    for (const text of [
      'candidat.demo@exemple.fr',
      'Pôle baccalauréats professionnels',
      'Version 2, enregistrée le 13 novembre 2024 à 11 h 01',
    ])
      expect(page.text).toContain(text);
    expect(rowsOf(page, 'État civil')).toContainEqual(['Nom de naissance', 'Dupont']);
    expect(rowsOf(page, 'État civil')).toContainEqual(['Prénoms', 'Camille Marie']);
    expect(rowsOf(page, 'Coordonnées')).toEqual([
      ['Adresse postale', '12 rue des Écoles, 86000 Poitiers, France'],
      ['Téléphone', NEW_PHONE_STORED],
    ]);
    expect(rowsOf(page, 'Examen')).toContainEqual(['Spécialité', 'Cuisine (40022106)']);
    expect(page.html.querySelectorAll('.fr-badge').map((b) => b.textContent)).toContain(
      'Dossier complet',
    );
    expect(page.text).not.toContain('Écartée');
    // Both versions, the change between them.
    expect(rowsOf(page, 'Versions enregistrées')).toEqual([
      [
        '2',
        '13 novembre 2024 à 11 h 01',
        `Téléphone : « ${OLD_PHONE_STORED} » devient « ${NEW_PHONE_STORED} »`,
      ],
      ['1', '13 novembre 2024 à 11 h 00', 'Première version'],
    ]);
    // Documents: their state and a link to each file the office may open.
    const uploads = await t.app.database.db
      .selectFrom('uploads')
      .select(['id', 'original_name'])
      .execute();
    expect(uploads.map((u) => u.original_name).sort()).toEqual([
      'employeur.pdf',
      'jdc.pdf',
      'recto.jpg',
    ]);
    for (const u of uploads) {
      const link = page.html.querySelector(`a[href="/gestion/justificatifs/${u.id}"]`);
      expect(link?.textContent).toBe(u.original_name);
    }
    expect(page.text).toContain('Transmis');
    const review = page.html.querySelector(`a[href="${OFFICE_PAGE}/pieces"]`);
    expect(review?.textContent.trim()).toBe('Vérifier les pièces');
    // The request, linked to the inbox.
    const request = await t.app.database.db
      .selectFrom('office_requests')
      .select('id')
      .executeTakeFirstOrThrow();
    expect(page.html.querySelector(`a[href="/gestion/demandes/${request.id}"]`)?.textContent).toBe(
      'Correction d’état civil',
    );
    expect(page.text).toContain(REQUEST_TEXT);
    // The history, newest first, each act by the candidate.
    const history = historyOf(page);
    expect(history.map((row) => [row[1], row[2]])).toEqual([
      ['Le candidat', 'Demande envoyée au pôle'],
      ['Le candidat', '« J’ai fourni toutes mes pièces »'],
      ['Le candidat', 'Fichier supprimé'],
      ['Le candidat', 'Fichier ajouté'],
      ['Le candidat', 'Fichier ajouté'],
      ['Le candidat', 'Fichier ajouté'],
      ['Le candidat', 'Fichier ajouté'],
      ['Le candidat', 'Inscription enregistrée'],
      ['Le candidat', 'Inscription enregistrée'],
    ]);
    expect(history[2]?.[3]).toContain('Fichier pour « Pièce d’identité');
    expect(history.flat().join(' ')).not.toContain('brouillon.png');
    expect(history[7]?.[3]).toBe('Version 2 – lignes modifiées : Téléphone');
    expect(history[8]?.[3]).toBe('Version 1');
    expect(history[8]?.[0]).toBe('13 novembre 2024 à 11 h 00');
  });

  it('logs the candidate’s acts with ids and labels, never the values they typed', async () => {
    const id = await registrationId();
    const entries = await t.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_type', '=', 'registration')
      .where('subject_id', '=', id)
      .execute();
    const account = await t.app.database.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', 'candidat.demo@exemple.fr')
      .executeTakeFirstOrThrow();
    expect(entries).toHaveLength(9);
    for (const e of entries) {
      expect(e.actor_kind).toBe('candidate');
      expect(e.actor_id).toBe(account.id);
      // The route passed the client's address; only its keyed hash is kept.
      expect(e.client_hash).toMatch(/^[0-9a-f]{16}$/);
      const written = `${e.before_state ?? ''}${e.after_state ?? ''}`;
      for (const value of [NEW_PHONE_STORED, OLD_PHONE_STORED, 'Dupont', 'Camille', REQUEST_TEXT])
        expect(written).not.toContain(value);
    }
    const resave = entries.find(
      (e) => e.action === 'registration.saved' && e.after_state?.includes('"version":2'),
    );
    expect(JSON.parse(resave?.after_state ?? 'null')).toEqual({
      version: 2,
      changed: ['Téléphone'],
    });
    const jdc = await t.app.database.db
      .selectFrom('uploads')
      .selectAll()
      .where('original_name', '=', 'jdc.pdf')
      .executeTakeFirstOrThrow();
    const added = entries.find(
      (e) => e.action === 'upload.added' && e.after_state?.includes(jdc.id),
    );
    // No file name: it may carry the candidate's name, and the log outlives retention.
    expect(entries.some((e) => e.after_state?.includes('jdc.pdf'))).toBe(false);
    expect(JSON.parse(added?.after_state ?? 'null')).toEqual({
      upload: jdc.id,
      document: 'jdc',
      size: Number(jdc.size),
      sha256: jdc.sha256,
    });
  });

  it('refuses another pôle, sends anyone without a staff session to the office’s sign-in, and knows no other number', async () => {
    const other = await office('deskOther');
    const refused = await other.get(OFFICE_PAGE);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(
      'Cette inscription relève d’un pôle dont vous n’êtes pas gestionnaire.',
    );
    expect(refused.text).not.toContain('Dupont');
    const setAsideRefused = await other.post(
      `${OFFICE_PAGE}/ecarter`,
      { motif: 'pas mon pôle' },
      csrfOf(await other.get('/gestion')),
    );
    expect(setAsideRefused.status).toBe(403);

    const anonymous = await t.browser().get(OFFICE_PAGE);
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/gestion/connexion');
    // The candidate's own session cookie opens nothing on the office's side.
    const asCandidate = await candidate.get(OFFICE_PAGE);
    expect(asCandidate.status).toBe(303);
    expect(asCandidate.location).toBe('/gestion/connexion');

    const admin = await office('admin');
    expect((await admin.get(OFFICE_PAGE)).status).toBe(200);
    for (const url of [
      '/gestion/inscriptions/demo-BCP-999999',
      '/gestion/inscriptions/pas%20un%20num%C3%A9ro',
      `/gestion/inscriptions/${'9'.repeat(41)}`,
    ]) {
      const missing = await admin.get(url);
      expect(missing.status, url).toBe(404);
      expect(missing.text).toContain('Page non trouvée');
    }
    const db = t.app.database.db;
    const row = await db
      .selectFrom('registrations')
      .select('set_aside_at')
      .where('number', '=', NUMBER)
      .executeTakeFirstOrThrow();
    expect(row.set_aside_at).toBeNull();
  });

  it('sets aside with a reason and puts back, each with its audit entry; refuses an empty or long reason and a second click', async () => {
    const browser = await office('deskRight');
    const db = t.app.database.db;
    const id = await registrationId();
    const stored = () =>
      db
        .selectFrom('registrations')
        .select(['set_aside_at', 'set_aside_reason'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const staffEntries = () =>
      db
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', id)
        .where('actor_kind', '=', 'staff')
        .orderBy('id')
        .execute();

    const page = await browser.get(OFFICE_PAGE);
    const empty = await browser.submit(page, `${OFFICE_PAGE}/ecarter`, { motif: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.html.querySelector('#champ-motif-erreur')?.textContent).toBe(
      'Indiquez pourquoi cette inscription est écartée.',
    );
    expect(empty.html.querySelector('.fr-alert--error a[href="#champ-motif"]')).not.toBeNull();
    const long = 'x'.repeat(1001);
    const tooLong = await browser.submit(page, `${OFFICE_PAGE}/ecarter`, { motif: long });
    expect(tooLong.status).toBe(422);
    expect(tooLong.text).toContain('Le motif ne peut pas dépasser 1000 caractères.');
    expect(tooLong.html.querySelector('#champ-motif')?.textContent).toBe(long);
    const notSetAside = await browser.post(`${OFFICE_PAGE}/reintegrer`, {}, csrfOf(page));
    expect(notSetAside.status).toBe(409);
    expect(notSetAside.text).toContain('Cette inscription n’est pas écartée');
    expect(await stored()).toEqual({ set_aside_at: null, set_aside_reason: null });
    expect(await staffEntries()).toEqual([]);
    /** The candidate's mails whose subject starts with `subject`. */
    const mailed = async (subject: string) =>
      (await mailsTo(t.app, CANDIDATE_EMAIL)).filter((m) => m.subject.startsWith(subject));
    expect(await mailed('Votre inscription est')).toEqual([]);
    /** The candidate's card on « Mes inscriptions », as text. */
    const card = async (): Promise<string> =>
      ((await candidate.get('/espace')).html.querySelector('.fr-card')?.textContent ?? '').replace(
        /\s+/g,
        ' ',
      );
    expect(await card()).not.toContain('Écartée');

    t.clock.advance(3_600_000);
    const reason = 'Inscrit deux fois :\nvoir aussi l’inscription demo-BCP-000002.';
    const done = await browser.submit(page, `${OFFICE_PAGE}/ecarter`, { motif: `  ${reason} ` });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${OFFICE_PAGE}?ecartee=1`);
    expect(await stored()).toEqual({
      set_aside_at: t.clock.now().toISOString(),
      set_aside_reason: reason,
    });
    const shown = await browser.follow(done);
    expect(shown.text).toContain('L’inscription a été écartée.');
    expect(shown.html.querySelector('.fr-badge--error')?.textContent).toBe('Écartée');
    expect(shown.text).toContain('Inscription écartée le 13 novembre 2024 à 12 h 03');
    expect(shown.text).toContain('voir aussi l’inscription demo-BCP-000002.');
    expect(historyOf(shown)[0]?.slice(1, 3)).toEqual([GESTIONNAIRE, 'Inscription écartée']);
    expect(shown.html.querySelector(`form[action="${OFFICE_PAGE}/ecarter"]`)).toBeNull();

    const again = await browser.post(`${OFFICE_PAGE}/ecarter`, { motif: 'encore' }, csrfOf(shown));
    expect(again.status).toBe(409);
    expect(again.text).toContain('Cette inscription est déjà écartée.');
    expect((await stored()).set_aside_reason).toBe(reason);

    // The candidate is told once, by mail and on « Mes inscriptions »: when, why, whom to ask.
    const setAsideMails = await mailed('Votre inscription est écartée');
    expect(setAsideMails).toHaveLength(1);
    expect(setAsideMails[0]?.subject).toBe(
      'Votre inscription est écartée – BAC PRO Cuisine – Session de démonstration',
    );
    const setAsideText = setAsideMails[0]?.text_body ?? '';
    for (const text of [
      `Le service des examens (Pôle baccalauréats professionnels) a écarté le 13 novembre 2024 à 12 h 03 (heure de Paris) votre inscription n° ${NUMBER}`,
      `Motif : ${reason}`,
      'Pour toute question sur cette inscription : Pôle baccalauréats professionnels, 05.16.52.64.64',
      'pole.bac.pro@ac-poitiers.fr',
      'Mes inscriptions : http://localhost:3000/espace',
    ])
      expect(setAsideText).toContain(text);
    const espace = await candidate.get('/espace');
    const badges = espace.html.querySelectorAll('.fr-card .fr-badge').map((b) => b.textContent);
    expect(badges).toContain('Écartée');
    expect(badges).not.toContain('Enregistrée');
    const notice = (espace.html.querySelector('.fr-card .fr-alert')?.textContent ?? '').replace(
      /\s+/g,
      ' ',
    );
    expect(notice).toContain(
      'Écartée par le service des examens le 13 novembre 2024 à 12 h 03. Motif : Inscrit deux fois : voir aussi l’inscription demo-BCP-000002.',
    );
    expect(notice).toContain('Pôle baccalauréats professionnels');
    expect(
      espace.html.querySelector('.fr-card .fr-alert a[href="mailto:pole.bac.pro@ac-poitiers.fr"]'),
    ).not.toBeNull();

    t.clock.advance(60_000);
    const back = await browser.submit(shown, `${OFFICE_PAGE}/reintegrer`, {});
    expect(back.status).toBe(303);
    expect(back.location).toBe(`${OFFICE_PAGE}?reintegree=1`);
    expect(await stored()).toEqual({ set_aside_at: null, set_aside_reason: null });
    const after = await browser.follow(back);
    expect(after.text).toContain('L’inscription a été réintégrée.');
    expect(after.html.querySelector('.fr-badge--error')).toBeNull();
    const [, author, action, detail] = historyOf(after)[0] ?? [];
    expect([author, action]).toEqual([GESTIONNAIRE, 'Inscription réintégrée']);
    expect(detail).toMatch(/^Motif levé : Inscrit deux fois :\s*voir aussi l’inscription/);
    const again2 = await browser.post(`${OFFICE_PAGE}/reintegrer`, {}, csrfOf(after));
    expect(again2.status).toBe(409);

    // One mail for each act, the second clicks sent nothing; the card is an ordinary one again.
    expect(await mailed('Votre inscription est écartée')).toHaveLength(1);
    const reinstated = await mailed('Votre inscription est réintégrée');
    expect(reinstated).toHaveLength(1);
    expect(reinstated[0]?.text_body).toContain(
      `Le service des examens (Pôle baccalauréats professionnels) a réintégré le 13 novembre 2024 à 12 h 04 (heure de Paris) votre inscription n° ${NUMBER} (BAC PRO Cuisine – Session de démonstration) : elle n’est plus écartée.`,
    );
    expect(await card()).not.toContain('Écartée');
    expect(await card()).toContain('Enregistrée');

    const entries = await staffEntries();
    expect(entries.map((e) => [e.action, e.actor_id])).toEqual([
      ['registration.set_aside', staff.deskRight],
      ['registration.reinstated', staff.deskRight],
    ]);
    const setAt = '2024-11-13T11:03:00.000Z';
    expect(JSON.parse(entries[0]?.before_state ?? 'null')).toEqual({
      setAsideAt: null,
      setAsideReason: null,
    });
    expect(JSON.parse(entries[0]?.after_state ?? 'null')).toEqual({
      setAsideAt: setAt,
      setAsideReason: reason,
    });
    expect(JSON.parse(entries[1]?.before_state ?? 'null')).toEqual({
      setAsideAt: setAt,
      setAsideReason: reason,
    });
    expect(JSON.parse(entries[1]?.after_state ?? 'null')).toEqual({
      setAsideAt: null,
      setAsideReason: null,
    });
  });
});
