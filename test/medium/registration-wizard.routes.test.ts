/**
 * « M'inscrire » through the real routes on the demo catalogue (BAC PRO open, CS not yet
 * open, BP closed), on SQLite and PostgreSQL: every step, field errors with typed values
 * kept, back and forth, « Enregistrer », the double submit, « Modifier » with the identity
 * locked, the refusal after the close of a form loaded before it, and requests to the pôle.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { mailsTo } from '../support/outbox.js';
import {
  CANDIDATURE_FIELDS,
  IDENTITY_FIELDS,
  fillWizard,
  signInDemo,
} from '../support/registration.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';
const BASE = '/inscription/demo/BCP';

describe.each(dialects)('registration wizard (%s)', (dialect) => {
  let t: TestApp;
  let browser: TestBrowser;
  beforeEach(async () => {
    t = await startTestApp(dialect);
    browser = t.browser();
    await signInDemo(browser);
  });
  afterEach(() => t.close());

  const registrationRows = () =>
    t.app.database.db.selectFrom('registrations').selectAll().execute();
  const versionRows = () =>
    t.app.database.db
      .selectFrom('registration_versions')
      .select(['version'])
      .orderBy('version')
      .execute();

  it('offers only the open windows', async () => {
    const page = await browser.get('/inscription/nouvelle');
    const offered = page.html
      .querySelectorAll('input[name=examen]')
      .map((i) => i.getAttribute('value'));
    expect(offered).toEqual(['demo/BCP']);
    const closed = await browser.submit(page, '/inscription/nouvelle', { examen: 'demo/BP' });
    expect(closed.status).toBe(422);
    expect(closed.text).toContain(
      'Choisissez un examen parmi ceux dont les inscriptions sont ouvertes.',
    );
    const forced = await browser.post(
      '/inscription/demo/BP/specialite',
      { specialite: '45022111' },
      csrfOf(page),
    );
    expect(forced.status).toBe(409);
    expect(forced.text).toMatch(
      /Les inscriptions pour cet examen sont closes depuis le \d+ \S+ 2024 à 19 h 00\./,
    );
    const early = await browser.post(
      '/inscription/demo/CS/specialite',
      { specialite: '46133413' },
      csrfOf(page),
    );
    expect(early.status).toBe(409);
    expect(early.text).toContain('Les inscriptions pour cet examen ouvriront le');
    expect(await t.app.database.db.selectFrom('registration_drafts').selectAll().execute()).toEqual(
      [],
    );
  });

  it('keeps what was typed, shows each error next to its field, and saves with « Enregistrer »', async () => {
    await browser.submit(await browser.get('/inscription/nouvelle'), '/inscription/nouvelle', {
      examen: 'demo/BCP',
    });
    await browser.submit(await browser.get(`${BASE}/specialite`), `${BASE}/specialite`, {
      specialite: '40022106',
    });
    const refused = await browser.submit(
      await browser.get(`${BASE}/conditions`),
      `${BASE}/conditions`,
      { action: 'suivant' },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      'Vous devez accepter les modalités d’inscription pour continuer.',
    );
    await browser.submit(refused, `${BASE}/conditions`, { conditions: 'oui', action: 'suivant' });

    const wrong = await browser.submit(await browser.get(`${BASE}/identite`), `${BASE}/identite`, {
      ...IDENTITY_FIELDS,
      birthDate: '31/02/2001',
      postalCode: '860',
      action: 'suivant',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.html.querySelector('#champ-birthDate-erreur')?.textContent).toContain(
      'n’est pas une date valide',
    );
    expect(wrong.html.querySelector('#champ-postalCode-erreur')?.textContent).toContain(
      '5 chiffres',
    );
    expect(wrong.html.querySelector('#champ-birthName')?.getAttribute('value')).toBe('Dupont');
    expect(wrong.html.querySelector('#champ-postalCode')?.getAttribute('value')).toBe('860');

    // « Précédent » keeps the typed values, even wrong ones, and they come back on « Suivant ».
    const back = await browser.submit(wrong, `${BASE}/identite`, {
      ...IDENTITY_FIELDS,
      birthCommune: 'Châtellerault',
      action: 'precedent',
    });
    expect(back.location).toBe(`${BASE}/conditions`);
    const again = await browser.get(`${BASE}/identite`);
    expect(again.html.querySelector('#champ-birthCommune')?.getAttribute('value')).toBe(
      'Châtellerault',
    );

    await browser.submit(again, `${BASE}/identite`, { ...IDENTITY_FIELDS, action: 'suivant' });
    const noLanguage = await browser.submit(
      await browser.get(`${BASE}/candidature`),
      `${BASE}/candidature`,
      { ...CANDIDATURE_FIELDS, language1: '', action: 'suivant' },
    );
    expect(noLanguage.status).toBe(422);
    expect(noLanguage.text).toContain('Choisissez votre langue vivante.');
    await browser.submit(noLanguage, `${BASE}/candidature`, {
      ...CANDIDATURE_FIELDS,
      action: 'suivant',
    });

    const recap = await browser.get(`${BASE}/recapitulatif`);
    expect(recap.status).toBe(200);
    expect(recap.text).toContain('Cuisine (40022106)');
    expect(recap.text).toContain('12/04/2001');
    expect(recap.text).toContain('12 rue des Écoles, 86000 Poitiers, France');
    const saved = await browser.submit(recap, `${BASE}/enregistrer`, {});
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/espace?enregistree=demo-BCP-000001');
    const space = await browser.follow(saved);
    expect(space.text).toContain(
      'Votre inscription n° demo-BCP-000001 est enregistrée (version 1)',
    );
    expect(space.text).toContain('BAC PRO Cuisine – Session de démonstration');

    // The same « Enregistrer » sent again saves nothing more.
    const replay = await browser.submit(recap, `${BASE}/enregistrer`, {});
    expect(replay.status).toBe(303);
    expect(await registrationRows()).toHaveLength(1);
    expect(await versionRows()).toEqual([{ version: 1 }]);
    const subjects = (await mailsTo(t.app, DEMO)).map((m) => m.subject);
    expect(subjects).toEqual([
      'Confirmation d’inscription – BAC PRO Cuisine – Session de démonstration',
    ]);
  });

  it('modifies until the close, with the identity locked and the changes mailed', async () => {
    await browser.submit(
      await fillWizard(browser, 'demo', 'BCP', '40022106'),
      `${BASE}/enregistrer`,
      {},
    );
    const space = await browser.get('/espace');
    const editing = await browser.submit(space, `${BASE}/modifier`, {});
    expect(editing.location).toBe(`${BASE}/identite`);
    const identityPage = await browser.follow(editing);
    expect(identityPage.html.querySelector('#champ-birthName')).toBeNull(); // locked: shown, not editable
    expect(identityPage.text).toContain(
      'Votre état civil a été enregistré avec votre première inscription.',
    );
    expect(identityPage.html.querySelector('#champ-addressLine1')?.getAttribute('value')).toBe(
      '12 rue des Écoles',
    );

    // Identity fields slipped into the post change nothing.
    await browser.submit(identityPage, `${BASE}/identite`, {
      ...IDENTITY_FIELDS,
      birthName: 'Durand',
      addressLine1: '3 place du Marché',
      action: 'suivant',
    });
    await browser.submit(await browser.get(`${BASE}/candidature`), `${BASE}/candidature`, {
      ...CANDIDATURE_FIELDS,
      format: 'progressive',
      action: 'suivant',
    });
    const saved = await browser.submit(
      await browser.get(`${BASE}/recapitulatif`),
      `${BASE}/enregistrer`,
      {},
    );
    expect(saved.location).toBe('/espace?enregistree=demo-BCP-000001');
    expect((await browser.follow(saved)).text).toContain('(version 2)');

    const [row] = await registrationRows();
    const data = JSON.parse(row?.data ?? '{}') as {
      identity: { birthName: string };
      contact: { address: { line1: string } };
    };
    expect(data.identity.birthName).toBe('Dupont');
    expect(data.contact.address.line1).toBe('3 place du Marché');
    const mail = (await mailsTo(t.app, DEMO)).find((m) =>
      m.subject.startsWith('Modification d’inscription'),
    );
    expect(mail?.text_body).toContain('version 2');
    expect(mail?.text_body).toContain(
      '– Adresse postale : 12 rue des Écoles, 86000 Poitiers, France → 3 place du Marché, 86000 Poitiers, France',
    );
    expect(mail?.text_body).toContain('– Forme de l’examen : Globale → Progressive');
    expect(mail?.text_body).not.toContain('Nom de naissance');
  });

  it('refuses at the close a form loaded before it, and keeps the registration as it was', async () => {
    const close = await t.app.database.db
      .selectFrom('registration_windows')
      .select('closes_at')
      .where('session_code', '=', 'demo')
      .where('exam_code', '=', 'BCP')
      .executeTakeFirstOrThrow();
    t.clock.set(new Date(new Date(close.closes_at).getTime() - 3_600_000));
    await signInDemo(browser);
    const recap = await fillWizard(browser, 'demo', 'BCP', '40022106');
    t.clock.set(close.closes_at);
    const late = await browser.submit(recap, `${BASE}/enregistrer`, {});
    expect(late.status).toBe(409);
    expect(late.text).toMatch(
      /Les inscriptions pour cet examen sont closes depuis le \d+ \S+ 20\d\d à 19 h 00\./,
    );
    expect(await registrationRows()).toEqual([]);
    expect(await mailsTo(t.app, DEMO)).toEqual([]);
    t.clock.advance(-1);
    expect((await browser.submit(recap, `${BASE}/enregistrer`, {})).location).toBe(
      '/espace?enregistree=demo-BCP-000001',
    );
  });

  it('sends a question to the pôle of the exam, from « Mes inscriptions »', async () => {
    await browser.submit(
      await fillWizard(browser, 'demo', 'BCP', '40022106'),
      `${BASE}/enregistrer`,
      {},
    );
    const space = await browser.get('/espace');
    const link = space.html.querySelector('a[href="/demandes/demo-BCP-000001/question"]');
    expect(link?.textContent.trim()).toBe('Poser une question au pôle');
    const form = await browser.get('/demandes/demo-BCP-000001/question');
    expect(form.html.querySelector('h1')?.textContent).toBe('Poser une question au pôle');
    expect(form.text).toContain('Pôle baccalauréats professionnels');
    const empty = await browser.submit(form, '/demandes/demo-BCP-000001/question', {
      message: '  ',
    });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Écrivez votre message.');
    expect(await t.app.database.db.selectFrom('office_requests').selectAll().execute()).toEqual([]);
    const sent = await browser.submit(form, '/demandes/demo-BCP-000001/question', {
      message: 'Puis-je passer l’épreuve facultative de langue ?',
    });
    expect(sent.location).toBe('/espace?demande=1');
    const requests = await t.app.database.db.selectFrom('office_requests').selectAll().execute();
    expect(requests.map((r) => [r.kind, r.desk_code, r.message])).toEqual([
      ['question', 'bac-pro', 'Puis-je passer l’épreuve facultative de langue ?'],
    ]);
  });

  it('sends an address change after the close to the pôle of the exam', async () => {
    await browser.submit(
      await fillWizard(browser, 'demo', 'BCP', '40022106'),
      `${BASE}/enregistrer`,
      {},
    );
    const early = await browser.submit(
      await browser.get('/demandes/demo-BCP-000001/adresse'),
      '/demandes/demo-BCP-000001/adresse',
      { addressLine1: '5 rue Neuve', postalCode: '86100', city: 'Châtellerault', message: '' },
    );
    expect(early.status).toBe(409);
    expect(early.text).toContain('modifiez directement votre adresse');

    t.clock.advance(15 * 24 * 3_600_000); // past the demo BAC PRO close (J+14 19:00)
    await signInDemo(browser);
    const space = await browser.get('/espace');
    expect(space.text).toContain('Inscriptions closes depuis le');
    expect(space.html.querySelector(`form[action="${BASE}/modifier"]`)).toBeNull();
    const form = await browser.get('/demandes/demo-BCP-000001/adresse');
    const invalid = await browser.submit(form, '/demandes/demo-BCP-000001/adresse', {
      addressLine1: '',
      postalCode: '86100',
      city: 'Châtellerault',
      message: '',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.text).toContain('Indiquez votre adresse.');
    const sent = await browser.submit(form, '/demandes/demo-BCP-000001/adresse', {
      addressLine1: '5 rue Neuve',
      postalCode: '86100',
      city: 'Châtellerault',
      message: 'Déménagement le 1er décembre',
    });
    expect(sent.location).toBe('/espace?demande=1');
    const requests = await t.app.database.db.selectFrom('office_requests').selectAll().execute();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.desk_code).toBe('bac-pro');
    expect(JSON.parse(requests[0]?.payload ?? '{}')).toMatchObject({
      line1: '5 rue Neuve',
      postalCode: '86100',
      city: 'Châtellerault',
    });
    expect((await browser.get('/espace')).text).toContain('Changement d’adresse du');
    const mail = (await mailsTo(t.app, DEMO)).find((m) => m.subject.startsWith('Votre demande'));
    expect(mail?.text_body).toContain('au Pôle baccalauréats professionnels');

    // Another candidate cannot file a request on this registration.
    const other = t.browser();
    await other.submit(await other.get('/compte/creer'), '/compte/creer', {
      email: 'x@exemple.fr',
      password: 'une phrase assez longue',
      passwordConfirmation: 'une phrase assez longue',
    });
    expect((await other.get('/demandes/demo-BCP-000001/adresse')).location).toBe('/connexion');
  });

  it('sends to sign-in without a session and refuses a post without one', async () => {
    const anonymous = t.browser();
    expect((await anonymous.get(`${BASE}/identite`)).location).toBe('/connexion');
    const page = await anonymous.get('/connexion');
    const post = await anonymous.post(
      `${BASE}/identite`,
      { ...IDENTITY_FIELDS, action: 'suivant' },
      csrfOf(page),
    );
    expect(post.status).toBe(403);
    expect(post.text).toContain('reconnectez-vous');
  });
});
