/**
 * « J'ai fourni toutes mes pièces » and the documents' lifecycle, on SQLite and PostgreSQL,
 * through the real routes: a refused document is missing until a new file comes (the page says
 * which and why, the declaration is refused); a save that asks for a new document after the
 * declaration lifts it (logged, told to the candidate, followed by the office's list and the
 * reminders), and declaring again restores it; after the close the declaration made in time
 * stays and the office's « Réclamer la pièce » reopens a document that has no file (an
 * identity correction, a waiver cancelled), with its message, deadline, mail and audit entry;
 * « Mes inscriptions » says what is true once the window is closed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declareComplete } from '../../src/domain/documents/declare-complete.js';
import { removeUpload } from '../../src/domain/documents/remove-upload.js';
import { requestChange } from '../../src/domain/registrations/request-change.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { mailsTo } from '../support/outbox.js';
import { CANDIDATURE_FIELDS, IDENTITY_FIELDS, draftFields } from '../support/registration.js';
import { addReviewers } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';
import { candidateBrowser, staffBrowser, tryAddFile } from '../support/visitors.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';
const IDENTITY = 'piece-identite';
const JDC = 'jdc';
const WORK = 'certificats-travail';
const ARRANGEMENT = 'decision-amenagement';
const CENSUS = 'recensement';
/** The BAC PRO window closes on 13 November 2024 at 19 h, Paris time. */
const CLOSE = new Date('2024-11-13T18:00:00.000Z').getTime();
const DAY = 86_400_000;
const AFTER_CLOSE = '2024-11-20T10:00:00.000Z';
const MESSAGE = 'Votre date de naissance corrigée demande l’attestation de recensement.';

describe.each(dialects)('the declaration and the documents’ lifecycle (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  let number: string;
  let registrationId: string;
  let bacPro: StaffMember;

  const justificatifs = (): string => `/inscriptions/${number}/justificatifs`;
  const review = (): string => `/gestion/inscriptions/${number}/pieces`;
  const claim = (key: string): string => `${review()}/${key}/reclamer`;

  const save = (candidature: Record<string, string> = {}, phone = IDENTITY_FIELDS.phone) =>
    saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields(
        '2025',
        'BCP',
        '40022106',
        { ...IDENTITY_FIELDS, phone },
        { ...CANDIDATURE_FIELDS, ...candidature },
      ),
    });

  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
    const saved = await save();
    number = saved.number;
    registrationId = saved.id;
    ({ bacPro } = await addReviewers(t));
  });
  afterEach(() => t.close());

  /** Adds a file to `key` as the candidate; 'accepted' or the French refusal. */
  const addFile = (key: string): Promise<string> => tryAddFile(t, { accountId, number }, key);

  const declare = () =>
    declareComplete(t.app.documents, { accountId, accountEmail: DEMO, registrationNumber: number });

  const office = (): Promise<TestBrowser> => staffBrowser(t, bacPro.id);
  const candidate = (): Promise<TestBrowser> => candidateBrowser(t, accountId);

  const row = (key: string) =>
    t.app.database.db
      .selectFrom('required_documents')
      .selectAll()
      .where('registration_id', '=', registrationId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();

  const registration = () =>
    t.app.database.db
      .selectFrom('registrations')
      .select(['complete_declared_at', 'declaration_lifted_at'])
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow();

  const audit = (action: string) =>
    t.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  const text = (node: { textContent: string } | null | undefined): string =>
    node?.textContent.replace(/\s+/g, ' ').trim() ?? '';

  /** The section of the review page (or of « Mes justificatifs ») about document `key`. */
  const section = (page: Page, label: string): string =>
    text(
      page.html
        .querySelectorAll('section')
        .find((node) => node.querySelector('h2')?.textContent.trim() === label),
    );

  /** The « À faire » line of « Mes inscriptions » about supporting documents. */
  const spaceLine = (page: Page): string =>
    text(
      page.html
        .querySelectorAll('main li')
        .find((li) => li.textContent.includes('Mes justificatifs')),
    );

  it('counts a refused document as missing until a new file comes: the page says which and why, the declaration is refused', async () => {
    for (const key of [IDENTITY, JDC, WORK]) expect(await addFile(key)).toBe('accepted');
    const jdcLabel = (await row(JDC)).label;
    const desk = await office();
    const refused = await desk.submit(await desk.get(review()), `${review()}/${JDC}/refuser`, {
      motif: 'illisible',
      precision: 'La photo est floue.',
      date: '2024-11-20',
      heure: '23:59',
    });
    expect(refused.status).toBe(303);
    // The refused file is kept for the office's record.
    expect((await row(JDC)).state).toBe('refuse');

    const browser = await candidate();
    const page = await browser.get(justificatifs());
    expect(page.html.querySelector(`form[action="${justificatifs()}/complet"]`)).toBeNull();
    const missing = text(page.html.querySelector('[data-pieces-manquantes]'));
    expect(missing).toContain('Il manque une pièce :');
    expect(missing).toContain(
      `« ${jdcLabel} » : refusée par le pôle (motif : Document illisible : La photo est floue.) ; déposez un nouveau fichier.`,
    );
    const posted = await browser.post(`${justificatifs()}/complet`, {}, csrfOf(page));
    expect(posted.status).toBe(409);
    expect(posted.text).toContain(
      `Il manque encore une pièce : « ${jdcLabel} » (refusée par le pôle : déposez un nouveau fichier).`,
    );
    expect((await registration()).complete_declared_at).toBeNull();
    expect(await audit('documents.declared_complete')).toEqual([]);
    expect(spaceLine(await browser.get('/espace'))).toContain('1 pièce à fournir.');

    // A new file after the refusal: nothing is missing any more.
    const [old] = await t.app.database.db
      .selectFrom('uploads')
      .select('id')
      .where('document_key', '=', JDC)
      .execute();
    await removeUpload(t.app.documents, { accountId, uploadId: old?.id ?? '' });
    expect((await row(JDC)).state).toBe('refuse');
    await expect(declare()).rejects.toThrow('refusée par le pôle');
    expect(await addFile(JDC)).toBe('accepted');
    const ready = await browser.get(justificatifs());
    expect(ready.html.querySelector('[data-pieces-manquantes]')).toBeNull();
    expect(ready.html.querySelector(`form[action="${justificatifs()}/complet"]`)).not.toBeNull();
    expect((await declare()).recorded).toBe(true);
  });

  it('lifts the declaration when a save asks for a new document, logged and told; the list and reminders follow; declaring again restores it', async () => {
    for (const key of [IDENTITY, JDC, WORK]) expect(await addFile(key)).toBe('accepted');
    const first = await declare();
    expect(first.recorded).toBe(true);

    // A save that asks for nothing new keeps the declaration.
    t.clock.advance(60_000);
    await save({}, '07 11 22 33 44');
    expect((await registration()).complete_declared_at).toBe(first.declaredAt.toISOString());

    // An arrangement requested: its decision is asked, with no file.
    t.clock.advance(60_000);
    const saved = await save({ arrangements: 'oui', arrangementsDetails: 'Tiers temps' });
    const arrangement = await row(ARRANGEMENT);
    expect(arrangement.state).toBe('attendu');
    expect(await registration()).toEqual({
      complete_declared_at: null,
      declaration_lifted_at: t.clock.now().toISOString(),
    });
    const [entry, ...more] = await audit('documents.declaration_lifted');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor_kind: 'candidate',
      actor_id: accountId,
      subject_type: 'registration',
      subject_id: registrationId,
    });
    expect(JSON.parse(entry?.before_state ?? '{}')).toEqual({
      completeDeclaredAt: first.declaredAt.toISOString(),
    });
    expect(JSON.parse(entry?.after_state ?? '{}')).toEqual({
      completeDeclaredAt: null,
      documents: [ARRANGEMENT],
    });

    // The page after saving, and « Mes inscriptions »' line.
    const browser = await candidate();
    const space = await browser.get(`/espace?enregistree=${saved.number}`);
    expect(space.text).toContain(
      'Cette modification demande une nouvelle pièce justificative : votre dossier n’est plus déclaré complet.',
    );
    const line = text(space.html.querySelector('[data-justificatifs="declaration-levee"]'));
    expect(line).toContain('votre dossier n’est plus déclaré complet');
    expect(line).toContain('1 pièce à fournir.');
    // « Mes justificatifs »: why, and the new document open to « Ajouter ».
    const page = await browser.get(justificatifs());
    expect(text(page.html.querySelector('[data-declaration-levee]'))).toContain(
      'cliquez à nouveau sur « J’ai fourni toutes mes pièces »',
    );
    expect(
      page.html.querySelector(`form[action="${justificatifs()}/pieces/${ARRANGEMENT}"]`),
    ).not.toBeNull();
    expect(text(page.html.querySelector('[data-pieces-manquantes]'))).toContain(
      `« ${arrangement.label} » : aucun fichier déposé.`,
    );

    // The office's list: no longer « Dossier complet ».
    const desk = await office();
    const complete = await desk.get('/gestion/inscriptions?etat=complete');
    expect(complete.status).toBe(200);
    expect(complete.text).not.toContain(number);
    const notComplete = await desk.get('/gestion/inscriptions?etat=enregistree');
    const listed = text(
      notComplete.html
        .querySelectorAll('main tbody tr')
        .find((tr) => tr.textContent.includes(number)),
    );
    expect(listed).toContain('Enregistrée');
    expect(listed).not.toContain('Dossier complet');

    // The reminders name it.
    t.clock.set(new Date(CLOSE - 7 * DAY));
    expect(await t.app.sendReminders()).toEqual({ sent: 1 });
    const reminder = (await mailsTo(t.app, DEMO)).find((m) => m.subject.startsWith('Rappel'));
    expect(reminder?.text_body).toContain(arrangement.label);

    // Provided and declared again: the lifting is over.
    expect(await addFile(ARRANGEMENT)).toBe('accepted');
    const again = await declare();
    expect(again.recorded).toBe(true);
    expect(await registration()).toEqual({
      complete_declared_at: again.declaredAt.toISOString(),
      declaration_lifted_at: null,
    });
    const after = await browser.get(justificatifs());
    expect(after.html.querySelector('[data-declaration-levee]')).toBeNull();
  });

  /** A's identity corrected by the office to a birth date that asks for the census certificate. */
  async function correctBirthDate(desk: TestBrowser): Promise<Page> {
    const csrf = csrfOf(await desk.get('/gestion'));
    const [request] = await t.app.database.db
      .selectFrom('office_requests')
      .select('id')
      .where('kind', '=', 'identity')
      .execute();
    return desk.post(
      `/gestion/demandes/${request?.id ?? ''}/appliquer`,
      {
        birthName: 'Dupont',
        usageName: '',
        firstNames: 'Camille Marie',
        sex: 'F',
        birthDate: '2008-01-15',
        birthCommune: 'Poitiers',
        birthCountry: 'France',
        nationality: 'française',
      },
      csrf,
    );
  }

  const askCorrection = () =>
    requestChange(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      registrationNumber: number,
      kind: 'identity',
      message: 'Je suis née en 2008, pas en 2001.',
    });

  it('lifts it too when the office’s correction asks for a new document while the window is open', async () => {
    for (const key of [IDENTITY, JDC, WORK]) expect(await addFile(key)).toBe('accepted');
    await declare();
    await askCorrection();
    t.clock.advance(60_000);
    expect((await correctBirthDate(await office())).status).toBe(303);
    expect((await row(CENSUS)).state).toBe('attendu');
    expect((await registration()).complete_declared_at).toBeNull();
    const [entry] = await audit('documents.declaration_lifted');
    expect(entry).toMatchObject({ actor_kind: 'staff', actor_id: bacPro.id });
    expect(await addFile(CENSUS)).toBe('accepted');
  });

  it('after the close keeps the declaration and lets the office claim the new document: « Réclamer la pièce » reopens it, mailed, logged, once', async () => {
    for (const key of [IDENTITY, JDC, WORK]) expect(await addFile(key)).toBe('accepted');
    const declared = await declare();
    await askCorrection();
    t.clock.set(AFTER_CLOSE);
    const desk = await office();
    expect((await correctBirthDate(desk)).status).toBe(303);
    const census = await row(CENSUS);
    expect(census.state).toBe('attendu');
    // Declared in time, before the close: that stays; the candidate cannot add it alone.
    expect((await registration()).complete_declared_at).toBe(declared.declaredAt.toISOString());
    expect(await audit('documents.declaration_lifted')).toEqual([]);
    expect(await addFile(CENSUS)).toContain('Vous avez déclaré avoir fourni toutes vos pièces');

    // The review page offers « Réclamer la pièce » for it, not for a document with a file.
    const page = await desk.get(review());
    const form = page.html.querySelector(`form[action="${claim(CENSUS)}"]`);
    expect(form?.querySelector('input[name="_csrf"]')).not.toBeNull();
    expect(form?.querySelector('input[name=date]')?.getAttribute('value')).toBe('2024-12-05');
    expect(form?.querySelector('input[name=heure]')?.getAttribute('value')).toBe('23:59');
    expect(text(form?.querySelector('button[type=submit]'))).toBe(
      `Réclamer la pièce : ${census.label}`,
    );
    expect(page.html.querySelector(`form[action="${claim(IDENTITY)}"]`)).toBeNull();

    // Without a deadline: refused, the page again with what was typed, nothing recorded.
    const mailsBefore = (await mailsTo(t.app, DEMO)).length;
    const empty = await desk.submit(page, claim(CENSUS), {
      precision: MESSAGE,
      date: '',
      heure: '23:59',
    });
    expect(empty.status).toBe(422);
    expect(text(empty.html.querySelector('.fr-alert--error'))).toContain(
      'La pièce n’a pas été réclamée',
    );
    expect(empty.html.querySelector(`form[action="${claim(CENSUS)}"] textarea`)?.textContent).toBe(
      MESSAGE,
    );
    expect((await row(CENSUS)).reopened_until).toBeNull();
    expect(await audit('document.claimed')).toEqual([]);

    const done = await desk.submit(page, claim(CENSUS), {
      precision: `  ${MESSAGE}  `,
      date: '2024-12-05',
      heure: '23:59',
    });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${review()}?reclamee=1`);
    const shown = await desk.follow(done);
    expect(shown.text).toContain('La pièce est réclamée au candidat.');
    expect(section(shown, census.label)).toContain(
      `Rouverte au candidat jusqu’au 5 décembre 2024 à 23 h 59 (heure de Paris). Message : ${MESSAGE}`,
    );
    expect(shown.html.querySelector(`form[action="${claim(CENSUS)}"]`)).toBeNull();
    const claimed = await row(CENSUS);
    expect(claimed).toMatchObject({
      state: 'attendu',
      refusal_reason: MESSAGE,
      reopened_until: '2024-12-05T22:59:00.000Z',
      reviewed_by: bacPro.id,
    });

    // Logged without the message; mailed once.
    const entries = await audit('document.claimed');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_kind: 'staff', actor_id: bacPro.id });
    expect(JSON.parse(entries[0]?.after_state ?? '{}')).toEqual({
      document: CENSUS,
      state: 'attendu',
      reopenedUntil: '2024-12-05T22:59:00.000Z',
    });
    expect(JSON.stringify(entries[0])).not.toContain('date de naissance corrigée');
    const mails = await mailsTo(t.app, DEMO);
    expect(mails).toHaveLength(mailsBefore + 1);
    const mail = mails.find((m) => m.subject.startsWith('Pièce justificative demandée'));
    expect(mail?.text_body).toContain(`la pièce « ${census.label} »`);
    expect(mail?.text_body).toContain(`Message du pôle : ${MESSAGE}`);
    expect(mail?.text_body).toContain('avant le 5 décembre 2024 à 23 h 59 (heure de Paris)');

    // Once: the same form again is refused, nothing mailed.
    const twice = await desk.submit(page, claim(CENSUS), {
      precision: MESSAGE,
      date: '2024-12-05',
      heure: '23:59',
    });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('Cette pièce est déjà rouverte au candidat jusqu’au');
    expect(await mailsTo(t.app, DEMO)).toHaveLength(mailsBefore + 1);

    // The candidate sees it on « Mes inscriptions » and « Mes justificatifs », and provides it.
    const browser = await candidate();
    const space = await browser.get('/espace');
    const action = text(space.html.querySelector('[data-action="piece-reclamee"]'));
    expect(action).toContain(
      `Pièce demandée par le pôle « ${census.label} » – message : ${MESSAGE}`,
    );
    expect(action).toContain('Déposez-la avant le 5 décembre 2024 à 23 h 59 (heure de Paris)');
    const own = await browser.get(justificatifs());
    expect(section(own, census.label)).toContain(
      `Le pôle vous demande cette pièce : vous pouvez la déposer jusqu’au 5 décembre 2024 à 23 h 59 (heure de Paris). Message du pôle : ${MESSAGE}`,
    );
    expect(
      own.html.querySelector(`form[action="${justificatifs()}/pieces/${CENSUS}"]`),
    ).not.toBeNull();
    expect(await addFile(CENSUS)).toBe('accepted');
    expect((await row(CENSUS)).state).toBe('transmis');
    // Now it has a file: the office validates or refuses it, no more claiming.
    const next = await desk.get(review());
    expect(next.html.querySelector(`form[action="${claim(CENSUS)}"]`)).toBeNull();
    expect(next.html.querySelector(`form[action="${review()}/${CENSUS}/valider"]`)).not.toBeNull();
  });

  it('claims a document whose « Non concerné » was cancelled after the declaration', async () => {
    for (const key of [IDENTITY, WORK]) expect(await addFile(key)).toBe('accepted');
    const desk = await office();
    const waived = await desk.submit(await desk.get(review()), `${review()}/${JDC}/non-concerne`, {
      raison: 'Né avant 1979.',
    });
    expect(waived.status).toBe(303);
    expect((await declare()).recorded).toBe(true);
    const cancelled = await desk.submit(
      await desk.follow(waived),
      `${review()}/${JDC}/annuler-non-concerne`,
      {},
    );
    expect(cancelled.status).toBe(303);
    expect((await row(JDC)).state).toBe('attendu');
    expect(await addFile(JDC)).toContain('Vous avez déclaré avoir fourni toutes vos pièces');

    t.clock.advance(60_000);
    const page = await desk.follow(cancelled);
    const done = await desk.submit(page, claim(JDC), {
      precision: '',
      date: '2024-11-20',
      heure: '12:00',
    });
    expect(done.status).toBe(303);
    expect((await row(JDC)).refusal_reason).toBeNull();
    const mail = (await mailsTo(t.app, DEMO)).find((m) =>
      m.subject.startsWith('Pièce justificative demandée'),
    );
    expect(mail?.text_body).not.toContain('Message du pôle');
    expect(await addFile(JDC)).toBe('accepted');

    // Past the deadline the claim is over: the file is locked again, and the candidate told why.
    t.clock.set('2024-11-21T10:00:00.000Z');
    const removed = await t.app.database.db
      .selectFrom('uploads')
      .select('id')
      .where('document_key', '=', JDC)
      .executeTakeFirstOrThrow();
    await expect(
      removeUpload(t.app.documents, { accountId, uploadId: removed.id }),
    ).rejects.toThrow('a pris fin le 20 novembre 2024 à 12 h 00');
  });

  it('says on « Mes inscriptions » what is true once the window is closed, and whom to contact', async () => {
    const browser = await candidate();
    const open = spaceLine(await browser.get('/espace'));
    expect(open).toContain('avant la clôture');

    t.clock.set(AFTER_CLOSE);
    const closed = text(
      (await (await candidate()).get('/espace')).html.querySelector('[data-justificatifs="clos"]'),
    );
    expect(closed).not.toContain('avant la clôture');
    expect(closed).toContain(
      'les inscriptions sont closes, vous ne pouvez plus déposer de pièce ni déclarer votre dossier complet, sauf une pièce que le pôle vous demande de déposer (Mes justificatifs). 3 pièces à fournir.',
    );
    expect(closed).toContain(
      'contactez le pôle qui gère votre examen : Pôle baccalauréats professionnels',
    );
    expect(closed).toContain('pole.bac.pro@ac-poitiers.fr');
  });
});
