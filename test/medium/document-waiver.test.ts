/**
 * « Non concerné » decided by the office, on SQLite and PostgreSQL, through the real routes: a
 * reason is required; the document then shows « Non concerné » with that reason to the office
 * and to the candidate, leaves what the candidate must provide (not missing, not counted in
 * « Mes inscriptions », no reminder, no file taken, « J'ai fourni toutes mes pièces » possible
 * without it and its mail not listing it), mails nothing, is logged without its text, survives
 * the candidate's later saves, and is decided once (409 after). « Annuler “Non concerné” »
 * takes it back: asked again (attendu, or transmis with its files), reason cleared, logged,
 * counted and reminded again; refused on a document not waived, on a stale page and to
 * another pôle.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declareComplete } from '../../src/domain/documents/declare-complete.js';
import { justificatifsSummary } from '../../src/domain/documents/justificatifs-summary.js';
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
const JDC = 'jdc';
const WORK = 'certificats-travail';
const REASON = 'Né avant 1979 : le candidat n’est pas concerné par la JDC.';
const CLOSE = new Date('2024-11-13T18:00:00.000Z').getTime();
const DAY = 86_400_000;

describe.each(dialects)('« Non concerné » decided by the office (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  let number: string;
  let registrationId: string;
  let bacPro: StaffMember;
  let sah: StaffMember;
  let admin: StaffMember;

  const review = (): string => `/gestion/inscriptions/${number}/pieces`;
  const waive = (key: string): string => `${review()}/${key}/non-concerne`;
  const cancel = (key: string): string => `${review()}/${key}/annuler-non-concerne`;

  const save = (phone = IDENTITY_FIELDS.phone) =>
    saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields(
        '2025',
        'BCP',
        '40022106',
        { ...IDENTITY_FIELDS, phone },
        CANDIDATURE_FIELDS,
      ),
    });

  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
    const saved = await save();
    number = saved.number;
    registrationId = saved.id;
    await addFile('piece-identite');
    ({ bacPro, sah, admin } = await addReviewers(t));
  });
  afterEach(() => t.close());

  /** Adds a file to `key` as the candidate; 'accepted' or the French refusal. */
  const addFile = (key: string): Promise<string> => tryAddFile(t, { accountId, number }, key);

  const office = (member = bacPro): Promise<TestBrowser> => staffBrowser(t, member.id);
  const candidate = (): Promise<TestBrowser> => candidateBrowser(t, accountId);

  const row = (key: string) =>
    t.app.database.db
      .selectFrom('required_documents')
      .selectAll()
      .where('registration_id', '=', registrationId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();

  const summary = async () =>
    (
      await justificatifsSummary(t.app.documents, { accountId, registrationIds: [registrationId] })
    ).get(registrationId);
  const toProvide = async (): Promise<number | undefined> => (await summary())?.toProvide;

  const audit = (action: string) =>
    t.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  /** The « À faire » line of « Mes inscriptions » about supporting documents. */
  const spaceLine = async (): Promise<string> => {
    const space = await (await candidate()).get('/espace');
    const line = space.html
      .querySelectorAll('main li')
      .find((li) => li.textContent.includes('Mes justificatifs'));
    return line?.textContent.replace(/\s+/g, ' ').trim() ?? '';
  };

  /** The text of the section of a page that is about the document `label`. */
  const section = (page: Page, label: string): string => {
    const found = page.html
      .querySelectorAll('section')
      .find((node) => node.querySelector('h2')?.textContent.trim() === label);
    expect(found).toBeDefined();
    return found?.textContent.replace(/\s+/g, ' ') ?? '';
  };

  it('takes the document out of what the candidate must provide, with the reason shown on both sides, and keeps it through later saves', async () => {
    const jdcLabel = (await row(JDC)).label;
    const workLabel = (await row(WORK)).label;
    expect(await toProvide()).toBe(2);
    const mailsBefore = (await mailsTo(t.app, DEMO)).length;

    const browser = await office();
    const page = await browser.get(review());
    const done = await browser.submit(page, waive(JDC), { raison: `  ${REASON}  ` });
    expect(done.status).toBe(303);
    const after = await browser.follow(done);
    expect(after.text).toContain('La pièce est marquée « Non concerné »');
    const officeSection = section(after, jdcLabel);
    expect(officeSection).toContain('Non concerné');
    expect(officeSection).toContain(`Non concerné : ${REASON}`);
    // Nothing more to decide on it: no « Valider », « Refuser » or « Non concerné » form.
    expect(after.html.querySelector(`form[action="${waive(JDC)}"]`)).toBeNull();
    expect(after.html.querySelector(`form[action="${review()}/${JDC}/refuser"]`)).toBeNull();

    const stored = await row(JDC);
    expect(stored.state).toBe('non_concerne');
    expect(Number(stored.required)).toBe(1);
    expect(stored.waiver_reason).toBe(REASON);
    expect(stored.reviewed_by).toBe(bacPro.id);

    // The registration's page in the office shows it too.
    const file = await browser.get(`/gestion/inscriptions/${number}`);
    expect(file.text).toContain(`Non concerné : ${REASON}`);

    // Logged with the document and the state, never the office's text; no mail.
    const entries = await t.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'document.waived')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor_id).toBe(bacPro.id);
    expect(JSON.stringify(entries[0])).toContain('non_concerne');
    expect(JSON.stringify(entries[0])).not.toContain('1979');
    expect(await mailsTo(t.app, DEMO)).toHaveLength(mailsBefore);

    // « Mes justificatifs »: « Non concerné » with the reason, nothing to upload.
    const own = await (await candidate()).get(`/inscriptions/${number}/justificatifs`);
    const ownSection = section(own, jdcLabel);
    expect(ownSection).toContain('Non concerné');
    expect(ownSection).toContain('Né avant 1979');
    expect(ownSection).not.toContain('Ajouter un fichier');
    expect(await addFile(JDC)).toContain('ne vous concerne pas');
    expect(await toProvide()).toBe(1);
    // « Mes inscriptions » no longer counts it among the documents asked.
    expect((await summary())?.required).toBe(2);
    expect(await spaceLine()).toContain('1 pièce à fournir.');

    // The candidate saves again (a new phone number), twice: the waiver stays.
    await save('07 11 22 33 44');
    await save('07 55 66 77 88');
    const kept = await row(JDC);
    expect(kept.state).toBe('non_concerne');
    expect(kept.waiver_reason).toBe(REASON);
    expect(await toProvide()).toBe(1);

    // Reminders name what is still missing, not the waived document.
    t.clock.set(new Date(CLOSE - 7 * DAY));
    expect(await t.app.sendReminders()).toEqual({ sent: 1 });
    const reminder = (await mailsTo(t.app, DEMO)).find((m) => m.subject.startsWith('Rappel'));
    expect(reminder?.text_body).toContain(workLabel);
    expect(reminder?.text_body).not.toContain(jdcLabel);

    // Once the other documents have their files, the file can be declared complete.
    expect(await addFile(WORK)).toBe('accepted');
    expect(await toProvide()).toBe(0);
    const declared = await declareComplete(t.app.documents, {
      accountId,
      accountEmail: DEMO,
      registrationNumber: number,
    });
    expect(declared.recorded).toBe(true);
    // Its mail lists the documents provided, not the one that does not concern the candidate.
    const complete = (await mailsTo(t.app, DEMO)).find((m) =>
      m.subject.startsWith('Pièces justificatives fournies'),
    );
    expect(complete?.text_body).toContain(workLabel);
    expect(complete?.text_body).not.toContain(jdcLabel);
  });

  it('requires a reason, leaving no trace without it, and decides once: a stale page or a second click is refused (409)', async () => {
    const browser = await office();
    const page = await browser.get(review());
    const empty = await browser.submit(page, waive(JDC), { raison: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain(
      'Indiquez pourquoi cette pièce ne concerne pas le candidat : il le lira.',
    );
    expect((await row(JDC)).state).toBe('attendu');
    expect(
      await t.app.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'document.waived')
        .execute(),
    ).toEqual([]);

    // A file arrives after the page was shown: the page's form is stale.
    await addFile(JDC);
    const stale = await browser.submit(page, waive(JDC), { raison: REASON });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('a changé depuis l’affichage de la page');
    expect((await row(JDC)).state).toBe('transmis');

    // From the page shown again: once, then a second click is refused.
    const first = await browser.submit(stale, waive(JDC), { raison: REASON });
    expect(first.status).toBe(303);
    const second = await browser.submit(stale, waive(JDC), { raison: REASON });
    expect(second.status).toBe(409);
    expect(second.text).toContain('déjà marquée « Non concerné »');
    // Nor can it be validated or refused any more.
    const accept = await browser.submit(stale, `${review()}/${JDC}/valider`, {});
    expect(accept.status).toBe(409);
    expect(accept.text).toContain('Cette pièce est marquée « Non concerné »');
  });

  it('« Annuler “Non concerné” » asks for the document again, reason cleared, logged without it, counted and reminded again, and keeps it asked through later saves', async () => {
    const jdcLabel = (await row(JDC)).label;
    const browser = await office();
    const waived = await browser.submit(await browser.get(review()), waive(JDC), {
      raison: REASON,
    });
    expect(waived.status).toBe(303);
    expect(await toProvide()).toBe(1);
    const mailsBefore = (await mailsTo(t.app, DEMO)).length;

    const page = await browser.follow(waived);
    const form = page.html.querySelector(`form[action="${cancel(JDC)}"]`);
    expect(form?.querySelector('input[name="_csrf"]')).not.toBeNull();
    expect(form?.querySelector('button[type=submit]')?.textContent).toBe(
      `Annuler “Non concerné” : ${jdcLabel}`,
    );
    // Only a waived document offers it.
    expect(page.html.querySelector(`form[action="${cancel('piece-identite')}"]`)).toBeNull();
    // No token, no cancellation.
    const forged = await browser.post(cancel(JDC), { depuis: 'x' }, null);
    expect(forged.status).toBe(403);
    expect((await row(JDC)).state).toBe('non_concerne');

    t.clock.advance(60_000);
    const done = await browser.submit(page, cancel(JDC), {});
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${review()}?non-concerne-annule=1`);
    const after = await browser.follow(done);
    expect(after.text).toContain(
      '« Non concerné » est annulé : la pièce est de nouveau demandée au candidat.',
    );
    const officeSection = section(after, jdcLabel);
    expect(officeSection).toContain('Attendu');
    expect(officeSection).not.toContain(REASON);
    expect(after.html.querySelector(`form[action="${cancel(JDC)}"]`)).toBeNull();
    expect(after.html.querySelector(`form[action="${waive(JDC)}"]`)).not.toBeNull();

    // No file: « attendu » again, the reason gone, the decision the canceller's.
    const stored = await row(JDC);
    expect(stored.state).toBe('attendu');
    expect(stored.waiver_reason).toBeNull();
    expect(Number(stored.required)).toBe(1);
    expect(stored.reviewed_by).toBe(bacPro.id);
    expect(stored.reviewed_at).toBe(t.clock.now().toISOString());

    // Logged with the states before and after, never the reason; no mail.
    const entries = await audit('document.waiver_cancelled');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_kind: 'staff',
      actor_id: bacPro.id,
      subject_type: 'registration',
      subject_id: registrationId,
    });
    expect(JSON.parse(entries[0]?.before_state ?? '{}')).toMatchObject({
      document: JDC,
      state: 'non_concerne',
    });
    expect(JSON.parse(entries[0]?.after_state ?? '{}')).toMatchObject({
      document: JDC,
      state: 'attendu',
    });
    expect(JSON.stringify(entries[0])).not.toContain('1979');
    expect(await mailsTo(t.app, DEMO)).toHaveLength(mailsBefore);
    const file = await browser.get(`/gestion/inscriptions/${number}`);
    expect(file.text).toContain('« Non concerné » annulé : pièce de nouveau demandée');
    expect(file.text).not.toContain(REASON);

    // The candidate has it to provide again: listed, counted, reminded, and it takes a file.
    const own = await (await candidate()).get(`/inscriptions/${number}/justificatifs`);
    const ownSection = section(own, jdcLabel);
    expect(ownSection).toContain('Attendu');
    expect(ownSection).not.toContain('ne vous concerne pas');
    expect(await toProvide()).toBe(2);
    expect((await summary())?.required).toBe(3);
    expect(await spaceLine()).toContain('2 pièces à fournir.');
    await save('07 11 22 33 44');
    expect((await row(JDC)).state).toBe('attendu');
    t.clock.set(new Date(CLOSE - 7 * DAY));
    expect(await t.app.sendReminders()).toEqual({ sent: 1 });
    const reminder = (await mailsTo(t.app, DEMO)).find((m) => m.subject.startsWith('Rappel'));
    expect(reminder?.text_body).toContain(jdcLabel);
    expect(await addFile(JDC)).toBe('accepted');
    expect((await row(JDC)).state).toBe('transmis');
  });

  it('gives a waived document that has files back to the office to check (transmis)', async () => {
    const identityLabel = (await row('piece-identite')).label;
    const browser = await office();
    const waived = await browser.submit(await browser.get(review()), waive('piece-identite'), {
      raison: REASON,
    });
    expect(waived.status).toBe(303);
    const done = await browser.submit(await browser.follow(waived), cancel('piece-identite'), {});
    expect(done.status).toBe(303);
    expect((await row('piece-identite')).state).toBe('transmis');
    const [entry] = await audit('document.waiver_cancelled');
    expect(JSON.parse(entry?.after_state ?? '{}')).toMatchObject({ state: 'transmis' });
    // Back among the documents to check: « Valider » and « Refuser » are offered again.
    const after = await browser.follow(done);
    expect(section(after, identityLabel)).toContain('Transmis');
    expect(after.html.querySelector(`form[action="${review()}/piece-identite/valider"]`)).not.toBe(
      null,
    );
    expect((await browser.submit(after, `${review()}/piece-identite/valider`, {})).status).toBe(
      303,
    );
  });

  it('refuses to cancel what is not waived, a stale page and another pôle (4xx), changing nothing', async () => {
    const browser = await office();
    const page = await browser.get(review());
    // Not waived: the form is not offered, and a crafted post is refused.
    const notWaived = await browser.post(cancel(JDC), { depuis: 'x' }, csrfOf(page));
    expect(notWaived.status).toBe(409);
    expect(notWaived.text).toContain(
      'Cette pièce n’est pas marquée « Non concerné » : il n’y a rien à annuler.',
    );
    expect((await row(JDC)).state).toBe('attendu');

    const shown = await browser.follow(await browser.submit(page, waive(JDC), { raison: REASON }));
    // Meanwhile an administrator cancels it and waives it again with another reason: the page
    // this gestionnaire has open shows a waiver that is no longer the one stored.
    const other = await office(admin);
    t.clock.advance(1000);
    const adminPage = await other.get(review());
    await other.follow(await other.submit(adminPage, cancel(JDC), {}));
    const rewaived = await other.submit(await other.get(review()), waive(JDC), {
      raison: 'Dispensé : JDC effectuée (certificat vu au guichet).',
    });
    expect(rewaived.status).toBe(303);
    const stale = await browser.submit(shown, cancel(JDC), {});
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('a changé depuis l’affichage de la page');
    expect((await row(JDC)).waiver_reason).toBe(
      'Dispensé : JDC effectuée (certificat vu au guichet).',
    );

    // A gestionnaire of another pôle: 403, nothing changed, nothing logged.
    const outsider = await office(sah);
    const forbidden = await outsider.post(
      cancel(JDC),
      { depuis: 'x' },
      csrfOf(await outsider.get('/gestion')),
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.text).toContain('pôle dont vous n’êtes pas gestionnaire');
    expect((await row(JDC)).state).toBe('non_concerne');
    expect(await audit('document.waiver_cancelled')).toHaveLength(1);

    // From a fresh page: once; a second click from the same page is refused.
    const fresh = await browser.get(review());
    expect((await browser.submit(fresh, cancel(JDC), {})).status).toBe(303);
    const twice = await browser.submit(fresh, cancel(JDC), {});
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('n’est pas marquée « Non concerné »');
    expect(await audit('document.waiver_cancelled')).toHaveLength(2);
  });

  it('counts in « Mes inscriptions » only the documents asked: none once each is waived, one again after a cancellation', async () => {
    expect(await spaceLine()).toContain('2 pièces à fournir.');
    expect((await summary())?.required).toBe(3);
    const browser = await office();
    for (const key of ['piece-identite', JDC, WORK]) {
      const done = await browser.submit(await browser.get(review()), waive(key), {
        raison: REASON,
      });
      expect(done.status).toBe(303);
    }
    expect(await summary()).toMatchObject({ required: 0, toProvide: 0 });
    const line = await spaceLine();
    expect(line).toContain('Aucune pièce justificative n’est demandée pour cette inscription');
    expect(line).not.toContain('toutes les pièces demandées ont un fichier');

    expect((await browser.submit(await browser.get(review()), cancel(WORK), {})).status).toBe(303);
    expect(await summary()).toMatchObject({ required: 1, toProvide: 1 });
    expect(await spaceLine()).toContain('1 pièce à fournir.');
  });
});
