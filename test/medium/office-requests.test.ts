/**
 * Candidates' requests seen from the pôles, through the real routes on SQLite and PostgreSQL:
 * the inbox scoped to the gestionnaire's pôles, oldest first, filtered and paginated; an
 * answer that the candidate reads on their page and receives by mail; an address change and an
 * identity correction applied as new versions, with the audit log; a closed request that
 * refuses everything; and the refusals of bad ids, of another pôle and of an empty answer.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { openSession } from '../../src/domain/accounts/open-session.js';
import type { RequestKind } from '../../src/domain/registrations/ports.js';
import type { Identity, PostalAddress } from '../../src/domain/registrations/registration.js';
import { requestChange } from '../../src/domain/registrations/request-change.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { mailsTo } from '../support/outbox.js';
import { draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const DEMO = DEMO_ACCOUNT.email;
const NEW_ADDRESS = {
  addressLine1: '3 place du Marché',
  addressLine2: 'Bâtiment B',
  postalCode: '79000',
  city: 'Niort',
  country: 'France',
};

describe.each(dialects)('candidates’ requests in the office (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  /** The demo candidate's BAC PRO (pôle bac-pro) and BP (pôle sah) registrations. */
  let bacPro: string;
  let bp: string;
  /** Identity correction and address change (bac-pro), question (sah). */
  const ids = { identity: '', address: '', question: '' };
  let bacProDesk: TestBrowser;
  let sahDesk: TestBrowser;
  let admin: TestBrowser;
  let candidate: TestBrowser;

  const send = async (
    number: string,
    kind: RequestKind,
    at: string,
    extra: { message?: string; address?: Record<string, string> } = {},
  ): Promise<string> => {
    t.clock.set(at);
    const request = await requestChange(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      registrationNumber: number,
      kind,
      message: extra.message ?? '',
      ...(extra.address ? { address: extra.address } : {}),
    });
    return request.id;
  };

  const staffBrowser = async (
    email: string,
    role: 'admin' | 'gestionnaire',
    desks?: string[],
  ): Promise<TestBrowser> => {
    const { member } = await addStaffMember(t, {
      email,
      name: `Agent ${email.split('@')[0] ?? ''}`,
      role,
      ...(desks ? { desks } : {}),
    });
    const browser = t.browser();
    browser.cookies.set('candidat_gestion', await mintStaffSession(t, member.id));
    return browser;
  };

  const candidateBrowser = async (id: string): Promise<TestBrowser> => {
    const browser = t.browser();
    browser.cookies.set(
      'candidat_session',
      await openSession(sessionRepository(t.app.database.db), id, t.clock.now()),
    );
    return browser;
  };

  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
    bacPro = (
      await saveRegistration(t.app.registrations, {
        accountId,
        accountEmail: DEMO,
        fields: draftFields('2025', 'BCP', '40022106'),
      })
    ).number;
    bp = (
      await saveRegistration(t.app.registrations, {
        accountId,
        accountEmail: DEMO,
        fields: draftFields('2025', 'BP', '45022111'),
      })
    ).number;
    ids.identity = await send(bacPro, 'identity', '2024-11-02T10:00:00.000Z', {
      message: 'Mon prénom est Camille-Marie, avec un trait d’union.',
    });
    ids.question = await send(bp, 'question', '2024-11-03T10:00:00.000Z', {
      message: 'Quand aurai-je ma convocation ?',
    });
    // After the BAC PRO close (13 November, 19 h Paris): the address goes through the pôle.
    ids.address = await send(bacPro, 'address', '2024-11-14T10:00:00.000Z', {
      message: 'Je déménage.',
      address: NEW_ADDRESS,
    });
    t.clock.set('2024-11-20T10:00:00.000Z');
    bacProDesk = await staffBrowser('bac.pro@ac-poitiers.fr', 'gestionnaire', ['bac-pro']);
    sahDesk = await staffBrowser('sah@ac-poitiers.fr', 'gestionnaire', ['sah']);
    admin = await staffBrowser('admin@ac-poitiers.fr', 'admin');
    candidate = await candidateBrowser(accountId);
  });
  afterEach(() => t.close());

  /** The inbox's lines: each request's link and the cells of its row, in the page's order. */
  function inboxLines(page: Page): { href: string; cells: string[] }[] {
    return page.html.querySelectorAll('main tbody tr').map((row) => ({
      href: row.querySelector('td a')?.getAttribute('href') ?? '',
      cells: row.querySelectorAll('td').map((td) => td.textContent.replace(/\s+/g, ' ').trim()),
    }));
  }
  const path = (id: string): string => `/gestion/demandes/${id}`;

  async function act(browser: TestBrowser, id: string, verb: string, fields = {}): Promise<Page> {
    const csrf = csrfOf(await browser.get('/gestion'));
    return browser.post(`${path(id)}/${verb}`, fields, csrf);
  }

  async function registrationRow(number: string) {
    return t.app.database.db
      .selectFrom('registrations')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
  }

  async function auditOf(action: string) {
    return t.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  it('lists each gestionnaire the requests of their pôles, oldest first, and filters them', async () => {
    const mine = await bacProDesk.get('/gestion/demandes');
    expect(mine.status).toBe(200);
    expect(inboxLines(mine)).toEqual([
      {
        href: path(ids.identity),
        cells: [
          'Correction d’état civil',
          bacPro,
          'DUPONT Camille Marie',
          'Pôle baccalauréats professionnels',
          '2 novembre 2024 à 11 h 00',
          '18 jours',
        ],
      },
      {
        href: path(ids.address),
        cells: [
          'Changement d’adresse',
          bacPro,
          'DUPONT Camille Marie',
          'Pôle baccalauréats professionnels',
          '14 novembre 2024 à 11 h 00',
          '6 jours',
        ],
      },
    ]);
    const registrationLink = mine.html.querySelector('main tbody tr td:nth-child(2) a');
    expect(registrationLink?.getAttribute('href')).toBe(`/gestion/inscriptions/${bacPro}`);
    expect(mine.text).toContain('2 demandes à traiter');

    const newest = await bacProDesk.get('/gestion/demandes?ordre=recentes');
    expect(inboxLines(newest).map((l) => l.href)).toEqual([path(ids.address), path(ids.identity)]);

    // The other pôle sees its own request only, and nothing of bac-pro's.
    const sah = await sahDesk.get('/gestion/demandes');
    expect(inboxLines(sah).map((l) => l.href)).toEqual([path(ids.question)]);
    const refused = await bacProDesk.get('/gestion/demandes?pole=sah');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Vous n’êtes pas gestionnaire de ce pôle.');

    // An administrator sees every pôle, or one.
    const all = await admin.get('/gestion/demandes');
    expect(inboxLines(all).map((l) => l.href)).toEqual([
      path(ids.identity),
      path(ids.question),
      path(ids.address),
    ]);
    const one = await admin.get('/gestion/demandes?pole=sah');
    expect(inboxLines(one).map((l) => l.href)).toEqual([path(ids.question)]);

    // Answered, then closed: the request moves from one list to the next.
    expect(
      (await act(bacProDesk, ids.identity, 'repondre', { answer: 'C’est noté.' })).status,
    ).toBe(303);
    const open = await bacProDesk.get('/gestion/demandes');
    expect(inboxLines(open).map((l) => l.href)).toEqual([path(ids.address)]);
    const answered = await bacProDesk.get('/gestion/demandes?etat=repondues');
    expect(inboxLines(answered).map((l) => l.href)).toEqual([path(ids.identity)]);
    expect((await act(bacProDesk, ids.identity, 'clore')).status).toBe(303);
    expect(inboxLines(await bacProDesk.get('/gestion/demandes?etat=repondues'))).toEqual([]);
    const closed = await bacProDesk.get('/gestion/demandes?etat=closes');
    expect(inboxLines(closed).map((l) => l.href)).toEqual([path(ids.identity)]);

    // A filter the page does not know is refused, not guessed.
    expect((await bacProDesk.get('/gestion/demandes?etat=toutes')).status).toBe(404);
    expect((await bacProDesk.get('/gestion/demandes?page=0')).status).toBe(404);
  });

  it('shows the inbox 50 requests a page, the last page when asked for one past it', async () => {
    for (let i = 0; i < 52; i += 1)
      await send(bp, 'question', new Date(Date.UTC(2024, 10, 15, 8, i)).toISOString(), {
        message: `Question ${i}`,
      });
    t.clock.set('2024-11-20T10:00:00.000Z');
    const first = await sahDesk.get('/gestion/demandes');
    expect(inboxLines(first)).toHaveLength(50);
    expect(first.text).toContain('53 demandes à traiter – page 1 sur 2');
    expect(inboxLines(first)[0]?.href).toBe(path(ids.question));
    const second = await sahDesk.get('/gestion/demandes?page=2');
    expect(inboxLines(second)).toHaveLength(3);
    const next = first.html
      .querySelectorAll('.fr-pagination a')
      .find((a) => a.textContent.trim() === 'Page suivante');
    expect(next?.getAttribute('href')).toBe(
      '/gestion/demandes?etat=a-traiter&ordre=anciennes&page=2',
    );
    const past = await sahDesk.get('/gestion/demandes?page=9');
    expect(inboxLines(past).map((l) => l.href)).toEqual(inboxLines(second).map((l) => l.href));
  });

  it('sends the answer to the candidate, who reads it on their request’s page', async () => {
    const before = (await mailsTo(t.app, DEMO)).length;
    const answered = await act(bacProDesk, ids.identity, 'repondre', {
      answer: 'Merci d’envoyer la copie de votre acte de naissance.\nLe pôle',
    });
    expect(answered.status).toBe(303);
    expect(answered.location).toBe(`${path(ids.identity)}?fait=reponse`);
    const page = await bacProDesk.follow(answered);
    expect(page.text).toContain('Votre réponse a été enregistrée et envoyée au candidat');
    expect(page.text).toContain('Merci d’envoyer la copie de votre acte de naissance.');
    expect(page.text).toContain('par Agent bac.pro');

    const mails = await mailsTo(t.app, DEMO);
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1);
    expect(mail?.subject).toBe('Réponse à votre demande de correction d’état civil');
    expect(mail?.text_body).toContain('Merci d’envoyer la copie de votre acte de naissance.');
    expect(mail?.text_body).toContain(`l’inscription n° ${bacPro}`);
    expect(mail?.text_body).toContain(`http://localhost:3000/demandes/${ids.identity}`);
    expect(mail?.text_body).toContain('Pôle baccalauréats professionnels, 05.16.52.64.64');
    // What the mail needs, not the candidate's identity or what they wrote.
    expect(mail?.text_body).not.toContain('Dupont');
    expect(mail?.text_body).not.toContain('trait d’union');

    const mine = await candidate.get(`/demandes/${ids.identity}`);
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('le pôle a répondu');
    expect(mine.text).toContain('Merci d’envoyer la copie de votre acte de naissance.');
    expect(mine.text).toContain('pole.bac.pro@ac-poitiers.fr');
    expect(mine.text).not.toContain('Agent bac.pro');
    const space = await candidate.get('/espace');
    const link = space.html
      .querySelectorAll('main a')
      .find((a) => a.getAttribute('href') === `/demandes/${ids.identity}`);
    expect(link?.textContent).toContain('Correction d’état civil du 2 novembre 2024');
    expect(space.text).toContain('le pôle a répondu (dernière réponse le 20 novembre 2024');

    // A second answer joins the first; the request keeps the latest for one-line views.
    t.clock.set('2024-11-20T15:00:00.000Z');
    await act(bacProDesk, ids.identity, 'repondre', { answer: 'Pièce reçue, merci.' });
    const row = await t.app.database.db
      .selectFrom('office_requests')
      .selectAll()
      .where('id', '=', ids.identity)
      .executeTakeFirstOrThrow();
    expect(row.answer).toBe('Pièce reçue, merci.');
    expect(row.state).toBe('answered');
    const again = await candidate.get(`/demandes/${ids.identity}`);
    expect(again.text.indexOf('Pièce reçue, merci.')).toBeLessThan(
      again.text.indexOf('Merci d’envoyer la copie'),
    );
    expect((await auditOf('request.answered')).map((e) => e.subject_id)).toEqual([
      expect.any(String),
      expect.any(String),
    ]);

    // Another candidate is told the request does not exist.
    const other = { id: randomUUID(), email: 'autre@exemple.fr' };
    await accountRepository(t.app.database.db).insert({
      ...other,
      passwordHash: 'not used: the session is minted',
      createdAt: t.clock.now(),
      activatedAt: t.clock.now(),
    });
    expect((await (await candidateBrowser(other.id)).get(`/demandes/${ids.identity}`)).status).toBe(
      404,
    );
  });

  it('refuses an empty or too long answer with the field’s French error, writing nothing', async () => {
    const mails = (await mailsTo(t.app, DEMO)).length;
    for (const [answer, error] of [
      ['   ', 'Écrivez votre réponse.'],
      ['x'.repeat(2001), 'La réponse ne peut pas dépasser 2000 caractères.'],
    ] as const) {
      const page = await act(bacProDesk, ids.identity, 'repondre', { answer });
      expect(page.status).toBe(422);
      expect(page.html.querySelector('#champ-answer-erreur')?.textContent).toBe(error);
      expect(page.text).toContain(`Votre réponse : ${error}`);
    }
    expect(await mailsTo(t.app, DEMO)).toHaveLength(mails);
    const answers = await t.app.database.db
      .selectFrom('office_request_answers')
      .selectAll()
      .execute();
    expect(answers).toEqual([]);
  });

  it('applies an address change as a new version of the registration, once', async () => {
    const detail = await bacProDesk.get(path(ids.address));
    expect(detail.status).toBe(200);
    const columns = detail.html
      .querySelectorAll('main .fr-grid-row .fr-col-md-6')
      .map((column) => column.textContent.replace(/\s+/g, ' ').trim());
    expect(columns).toEqual([
      'Adresse de l’inscription (version 1)12 rue des Écoles 86000 Poitiers France',
      'Adresse demandée3 place du Marché Bâtiment B 79000 Niort France',
    ]);

    const applied = await act(bacProDesk, ids.address, 'appliquer');
    expect(applied.status).toBe(303);
    const row = await registrationRow(bacPro);
    expect(row.version).toBe(2);
    const address = (JSON.parse(row.data) as { contact: { address: PostalAddress } }).contact
      .address;
    expect(address).toEqual({
      line1: '3 place du Marché',
      line2: 'Bâtiment B',
      postalCode: '79000',
      city: 'Niort',
      country: 'France',
    });
    const versions = await t.app.database.db
      .selectFrom('registration_versions')
      .select(['version', 'saved_at'])
      .where('registration_id', '=', row.id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]?.saved_at).toBe('2024-11-20T10:00:00.000Z');

    const [entry] = await auditOf('registration.address_applied');
    expect(entry?.actor_kind).toBe('staff');
    expect(entry?.subject_id).toBe(row.id);
    expect(JSON.parse(entry?.before_state ?? '{}')).toEqual({ version: 1 });
    expect(JSON.parse(entry?.after_state ?? '{}')).toEqual({
      version: 2,
      request: ids.address,
      changed: ['Adresse postale'],
    });
    const mail = (await mailsTo(t.app, DEMO)).at(-1);
    expect(mail?.subject).toBe('Votre demande de changement d’adresse a été appliquée');
    expect(mail?.text_body).toContain(`n° ${bacPro}`);
    expect(mail?.text_body).not.toContain('Niort');

    const twice = await act(bacProDesk, ids.address, 'appliquer');
    expect(twice.status).toBe(409);
    expect(twice.text).toContain(
      'Le changement demandé a déjà été appliqué le 20 novembre 2024 à 11 h 00.',
    );
    expect((await registrationRow(bacPro)).version).toBe(2);
    const candidatePage = await candidate.get(`/demandes/${ids.address}`);
    expect(candidatePage.text).toContain('Le pôle a appliqué le changement demandé');
  });

  it('corrects the identity and every registration of the account, as new versions', async () => {
    const form = await bacProDesk.get(path(ids.identity));
    expect(form.html.querySelector('#champ-birthName')?.getAttribute('value')).toBe('Dupont');
    expect(form.html.querySelector('#champ-firstNames')?.getAttribute('value')).toBe(
      'Camille Marie',
    );
    const current = {
      birthName: 'Dupont',
      usageName: '',
      firstNames: 'Camille Marie',
      sex: 'F',
      birthDate: '2001-04-12',
      birthCommune: 'Poitiers',
      birthCountry: 'France',
      nationality: 'française',
    };

    const invalid = await act(bacProDesk, ids.identity, 'appliquer', {
      ...current,
      birthDate: '31/02/2001',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.html.querySelector('#champ-birthDate-erreur')?.textContent).toBe(
      'La date de naissance n’est pas une date valide. Exemple : 14/07/2005',
    );
    // What was typed is kept in the form.
    expect(invalid.html.querySelector('#champ-birthDate')?.getAttribute('value')).toBe(
      '31/02/2001',
    );
    const same = await act(bacProDesk, ids.identity, 'appliquer', current);
    expect(same.status).toBe(409);
    expect(same.text).toContain('L’état civil saisi est identique à l’état civil enregistré');
    expect((await registrationRow(bacPro)).version).toBe(1);

    const corrected = await act(bacProDesk, ids.identity, 'appliquer', {
      ...current,
      firstNames: 'Camille-Marie',
      usageName: 'Martin',
    });
    expect(corrected.status).toBe(303);
    const locked = await t.app.database.db
      .selectFrom('candidate_identities')
      .select('identity')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(locked.identity)).toMatchObject({
      firstNames: 'Camille-Marie',
      usageName: 'Martin',
    });
    for (const number of [bacPro, bp]) {
      const row = await registrationRow(number);
      expect(row.version).toBe(2);
      expect((JSON.parse(row.data) as { identity: Identity }).identity).toMatchObject({
        birthName: 'Dupont',
        firstNames: 'Camille-Marie',
        usageName: 'Martin',
      });
      expect(row.usage_name_key).toBe('martin');
    }
    const entries = await auditOf('registration.identity_corrected');
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(JSON.parse(e.before_state ?? '{}')).toEqual({ version: 1 });
      expect(JSON.parse(e.after_state ?? '{}')).toEqual({
        version: 2,
        request: ids.identity,
        changed: ['Nom d’usage', 'Prénoms'],
      });
    }
    const mail = (await mailsTo(t.app, DEMO)).at(-1);
    expect(mail?.subject).toBe('Votre demande de correction d’état civil a été appliquée');
    expect(mail?.text_body).toContain(`n° ${bacPro}`);
    expect(mail?.text_body).toContain(`n° ${bp}`);
    expect(mail?.text_body).toContain('Informations modifiées : Nom d’usage, Prénoms.');

    // The office's page of the request now shows the correction, and no form to apply again.
    const after = await bacProDesk.get(path(ids.identity));
    expect(after.text).toMatch(/Changement appliqué le\s*20 novembre 2024 à 11 h 00/);
    expect(after.html.querySelector('#champ-birthName')).toBeNull();
  });

  it('refuses every action on a closed request, in French', async () => {
    const closed = await act(bacProDesk, ids.address, 'clore', {
      finalAnswer: 'Adresse à jour dans votre dossier.',
    });
    expect(closed.status).toBe(303);
    expect((await mailsTo(t.app, DEMO)).at(-1)?.text_body).toContain(
      'Adresse à jour dans votre dossier.',
    );
    const mails = (await mailsTo(t.app, DEMO)).length;
    const message =
      'Cette demande est close : elle ne peut plus recevoir de réponse ni de modification.';
    for (const [verb, fields] of [
      ['repondre', { answer: 'Encore une chose.' }],
      ['appliquer', {}],
      ['clore', {}],
    ] as const) {
      const page = await act(bacProDesk, ids.address, verb, fields);
      expect(page.status, verb).toBe(409);
      expect(page.text).toContain(message);
    }
    expect(await mailsTo(t.app, DEMO)).toHaveLength(mails);
    expect((await registrationRow(bacPro)).version).toBe(1);
    expect((await candidate.get(`/demandes/${ids.address}`)).text).toContain('traitée');
  });

  it('answers 404 for an id that is not a request, and 403 to another pôle, writing nothing', async () => {
    for (const id of ['pas-un-uuid', '00000000-0000-4000-8000-000000000000']) {
      expect((await bacProDesk.get(path(id))).status).toBe(404);
      expect((await act(bacProDesk, id, 'repondre', { answer: 'Bonjour' })).status).toBe(404);
      expect((await act(admin, id, 'clore')).status).toBe(404);
      expect((await candidate.get(`/demandes/${id}`)).status).toBe(404);
    }
    const page = await sahDesk.get(path(ids.identity));
    expect(page.status).toBe(403);
    expect(page.text).toContain(
      'Cette demande concerne un pôle dont vous n’êtes pas gestionnaire.',
    );
    for (const verb of ['repondre', 'appliquer', 'clore'])
      expect((await act(sahDesk, ids.address, verb, { answer: 'Bonjour' })).status).toBe(403);
    const row = await t.app.database.db
      .selectFrom('office_requests')
      .selectAll()
      .where('id', '=', ids.address)
      .executeTakeFirstOrThrow();
    expect([row.state, row.answer, row.applied_at, row.closed_at]).toEqual([
      'open',
      null,
      null,
      null,
    ]);
    // The administrator may act on every pôle's requests.
    expect((await admin.get(path(ids.question))).status).toBe(200);
  });

  it('names the pôle with its contacts wherever the candidate is told to contact it', async () => {
    const space = await candidate.get('/espace');
    // BAC PRO is closed on 20 November: its card sends the candidate to the pôle bac-pro.
    expect(space.text).toContain(
      'faites une demande au pôle qui gère votre examen : Pôle baccalauréats professionnels : 05.16.52.64.64 / 05.16.52.64.63 / 05.16.52.64.31 / pole.bac.pro@ac-poitiers.fr',
    );
    const form = await candidate.get(`/demandes/${bacPro}/adresse`);
    expect(form.text).toContain(
      'Votre demande sera transmise au pôle qui gère votre examen : Pôle baccalauréats professionnels',
    );
    const justificatifs = await candidate.get(`/inscriptions/${bp}/justificatifs`);
    expect(justificatifs.text).toContain(
      'Pôle qui gère votre examen : Pôle services, alimentation, hôtellerie : 05.16.52.64.50',
    );
  });
});
