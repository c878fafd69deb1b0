/**
 * « Non concerné » decided by the office, on SQLite and PostgreSQL, through the real routes: a
 * reason is required; the document then shows « Non concerné » with that reason to the office
 * and to the candidate, leaves what the candidate must provide (not missing, no reminder, no
 * file taken, « J'ai fourni toutes mes pièces » possible without it), mails nothing, is logged
 * without its text, survives the candidate's later saves, and is decided once (409 after).
 */
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/domain/accounts/open-session.js';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { declareComplete } from '../../src/domain/documents/declare-complete.js';
import { justificatifsSummary } from '../../src/domain/documents/justificatifs-summary.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { makePdf } from '../support/files.js';
import { mailsTo } from '../support/outbox.js';
import { CANDIDATURE_FIELDS, IDENTITY_FIELDS, draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import type { Page, TestBrowser } from '../support/test-browser.js';

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

  const review = (): string => `/gestion/inscriptions/${number}/pieces`;
  const waive = (key: string): string => `${review()}/${key}/non-concerne`;

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
    bacPro = (
      await addStaffMember(t, {
        email: 'bac.pro@ac-poitiers.fr',
        name: 'Agnès Martin',
        role: 'gestionnaire',
        desks: ['bac-pro'],
      })
    ).member;
  });
  afterEach(() => t.close());

  async function addFile(key: string): Promise<string> {
    return addUpload(t.app.documents, {
      accountId,
      registrationNumber: number,
      documentKey: key,
      originalName: `${key}.pdf`,
      source: Readable.from([await makePdf(key)]),
    }).then(
      () => 'accepted',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
  }

  async function office(): Promise<TestBrowser> {
    const browser = t.browser();
    browser.cookies.set('candidat_gestion', await mintStaffSession(t, bacPro.id));
    return browser;
  }

  async function candidate(): Promise<TestBrowser> {
    const browser = t.browser();
    const token = await openSession(sessionRepository(t.app.database.db), accountId, t.clock.now());
    browser.cookies.set('candidat_session', token);
    return browser;
  }

  const row = (key: string) =>
    t.app.database.db
      .selectFrom('required_documents')
      .selectAll()
      .where('registration_id', '=', registrationId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();

  const toProvide = async (): Promise<number | undefined> =>
    (
      await justificatifsSummary(t.app.documents, { accountId, registrationIds: [registrationId] })
    ).get(registrationId)?.toProvide;

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
});
