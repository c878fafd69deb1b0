/**
 * « Mes documents » and the verifiable récapitulatif, through the real routes on the notice's
 * catalogue (poitiers-2025), on SQLite and PostgreSQL: the PDF files read back as text and as
 * pixels (the QR code decoded from the rendered page), byte-identical renders of a version,
 * earlier versions, the documents' states, the public verification page (initials only) and
 * its refusals, and another candidate kept out.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENT_STATE_LABELS } from '../../src/domain/receipts/document-states.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { importCatalogue } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { pdfText, qrOnPage } from '../support/pdf.js';
import { CANDIDATURE_FIELDS, draftFields, signInDemo } from '../support/registration.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import type { Page, TestBrowser } from '../support/test-browser.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';
const NUMBER = '2025-BCP-000001';
const BASE = `/inscriptions/${NUMBER}`;
const FIRST_SAVE = '2024-11-01T09:00:00.000Z'; // 1er novembre 2024 à 10 h 00, Paris
const SECOND_SAVE = '2024-11-13T17:59:00.000Z'; // 13 novembre 2024 à 18 h 59, Paris
const INVALID = 'Ce code de vérification n’est pas valide';

describe.each(dialects)('« Mes documents » and receipts (%s)', (dialect) => {
  let t: TestApp;
  let browser: TestBrowser;
  let accountId: string;

  beforeEach(async () => {
    t = await startTestApp(dialect, { start: FIRST_SAVE });
    await importCatalogue(t.app, 'poitiers-2025.yaml');
    accountId = (
      await t.app.database.db
        .selectFrom('accounts')
        .select('id')
        .where('email', '=', DEMO)
        .executeTakeFirstOrThrow()
    ).id;
    browser = t.browser();
    await signInDemo(browser);
    await save({ arrangements: 'oui', arrangementsDetails: 'Tiers temps' });
  });
  afterEach(() => t.close());

  const save = (candidature: Record<string, string> = {}) =>
    saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BCP', '40022106', undefined, {
        ...CANDIDATURE_FIELDS,
        ...candidature,
      }),
    });

  /** Moves the clock (past the 12-hour session) and signs the candidate in again. */
  const later = async (instant: string): Promise<void> => {
    t.clock.set(instant);
    if ((await browser.get('/espace')).status !== 200) await signInDemo(browser);
  };

  const pdf = async (url: string, who = browser): Promise<{ page: Page; bytes: Buffer }> => {
    const response = await t.app.server.inject({
      method: 'GET',
      url,
      headers: { cookie: [...who.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    return {
      page: { status: response.statusCode, headers: response.headers } as Page,
      bytes: response.rawPayload,
    };
  };

  /** The verification code printed on the current récapitulatif, as « Mes documents » shows it. */
  const currentCode = async (): Promise<string> => {
    const page = await browser.get(`${BASE}/documents`);
    const code = /Code de vérification : ([0-9A-Z-]+)\./.exec(page.text)?.[1];
    if (!code) throw new Error(`no code on « Mes documents »: ${page.text.slice(0, 400)}`);
    return code;
  };

  it('links « Mes documents » from « Mes inscriptions » and lists the documents with their states', async () => {
    const space = await browser.get('/espace');
    const link = space.html
      .querySelectorAll('main a')
      .find((a) => a.textContent.trim() === 'Mes documents');
    expect(link?.getAttribute('href')).toBe(`${BASE}/documents`);

    const page = await browser.get(`${BASE}/documents`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Inscription n° ${NUMBER}`);
    expect(page.text).toContain('version 1 du 1er novembre 2024 à 10 h 00');
    const hrefs = page.html.querySelectorAll('main a').map((a) => a.getAttribute('href'));
    expect(hrefs).toContain(`${BASE}/recapitulatif.pdf`);
    expect(hrefs).toContain(`${BASE}/pieces.pdf`);
    expect(page.text).not.toContain('Versions précédentes');
    const rows = page.html.querySelectorAll('tr[data-piece]');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.textContent).toContain('Attendu');
  });

  it('gives the récapitulatif as a PDF with every field, the documents, the pôle and a QR code that leads to its verification', async () => {
    const { page, bytes } = await pdf(`${BASE}/recapitulatif.pdf`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('application/pdf');
    expect(page.headers['content-disposition']).toBe(
      `inline; filename="recapitulatif-${NUMBER}-v1.pdf"`,
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = await pdfText(bytes);
    for (const expected of [
      'Académie de Poitiers',
      'Confirmation d’inscription',
      `n° ${NUMBER}, version 1, enregistrée le 1er novembre 2024 à 10 h 00 (heure de Paris)`,
      'Session Session juin 2025',
      'Examen BAC PRO – Baccalauréat professionnel',
      'Spécialité Cuisine (40022106)',
      'Nom de naissance Dupont',
      'Prénoms Camille Marie',
      'Sexe Féminin',
      'Date de naissance 12/04/2001',
      'Commune de naissance Poitiers',
      'Nationalité française',
      'Adresse postale 12 rue des Écoles, 86000 Poitiers, France',
      'Téléphone 0612345678',
      'Statut Candidat individuel',
      'Forme de l’examen Globale',
      'Langue vivante Anglais',
      'Aménagement des épreuves Demandé (Tiers temps)',
      'Pièces justificatives à fournir',
      'Vous demandez un aménagement des épreuves.',
      'avant le 13 novembre 2024 à 19 h 00 (heure de Paris)',
      'Pôle à contacter',
      'Pôle Pôle baccalauréats professionnels',
      'Téléphones 05.16.52.64.64 / 05.16.52.64.63 / 05.16.52.64.31',
      'Courriel pole.bac.pro@ac-poitiers.fr',
    ])
      expect(text).toContain(expected);

    const code = await currentCode();
    const url = `http://localhost:3000/verifier/${code}`;
    expect(text).toContain(`Code de vérification ${code}`);
    expect(text).toContain(`Adresse ${url}`);
    expect(await qrOnPage(bytes, 1)).toBe(url);
    const verified = await t.browser().get(new URL(url).pathname);
    expect(verified.status).toBe(200);
    expect(verified.text).toContain('Ce récapitulatif est authentique');
  });

  it('renders the same version to the same bytes, at any time and after newer versions', async () => {
    const first = (await pdf(`${BASE}/recapitulatif.pdf`)).bytes;
    await later('2024-11-01T20:00:00.000Z');
    const again = (await pdf(`${BASE}/recapitulatif.pdf`)).bytes;
    expect(again.equals(first)).toBe(true);

    // The office validates a document: the states change, the récapitulatif does not.
    await t.app.database.db
      .updateTable('required_documents')
      .set({ state: 'valide' })
      .where('rule_code', '=', 'piece-identite')
      .execute();
    expect((await pdf(`${BASE}/recapitulatif.pdf`)).bytes.equals(first)).toBe(true);

    await later(SECOND_SAVE);
    await save({ arrangements: 'non' });
    const version1 = await pdf(`${BASE}/recapitulatif.pdf?version=1`);
    expect(version1.page.headers['content-disposition']).toBe(
      `inline; filename="recapitulatif-${NUMBER}-v1.pdf"`,
    );
    expect(version1.bytes.equals(first)).toBe(true);
    const current = (await pdf(`${BASE}/recapitulatif.pdf`)).bytes;
    expect(current.equals(first)).toBe(false);
    expect((await pdf(`${BASE}/recapitulatif.pdf?version=2`)).bytes.equals(current)).toBe(true);
  });

  it('keeps earlier versions, and the verification page says when a newer one exists', async () => {
    const code1 = await currentCode();
    await later(SECOND_SAVE);
    await save({ arrangements: 'non' });
    const code2 = await currentCode();
    expect(code2).not.toBe(code1);

    const page = await browser.get(`${BASE}/documents`);
    expect(page.text).toContain('version 2 du 13 novembre 2024 à 18 h 59');
    expect(page.text).toContain('Versions précédentes');
    expect(page.text).toContain('Récapitulatif de la version 1 du 1er novembre 2024 à 10 h 00');
    const v1 = await pdf(`${BASE}/recapitulatif.pdf?version=1`);
    const v1Text = await pdfText(v1.bytes);
    expect(v1Text).toContain('version 1, enregistrée le 1er novembre 2024 à 10 h 00');
    expect(v1Text).toContain('Aménagement des épreuves Demandé (Tiers temps)');
    expect(await qrOnPage(v1.bytes)).toBe(`http://localhost:3000/verifier/${code1}`);
    const v2Text = await pdfText((await pdf(`${BASE}/recapitulatif.pdf`)).bytes);
    expect(v2Text).toContain('version 2, enregistrée le 13 novembre 2024 à 18 h 59');
    expect(v2Text).toContain('Aménagement des épreuves Non demandé');
    expect(v2Text).not.toContain('Vous demandez un aménagement des épreuves.');
    for (const missing of ['?version=3', '?version=0', '?version=deux'])
      expect((await pdf(`${BASE}/recapitulatif.pdf${missing}`)).page.status).toBe(404);

    const anyone = t.browser();
    const old = await anyone.get(`/verifier/${code1}`);
    expect(old.status).toBe(200);
    expect(old.text).toContain('Ce récapitulatif est authentique');
    expect(old.text).toContain('version 1, enregistrée le 1er novembre 2024 à 10 h 00');
    expect(old.text).toContain(
      'Une version plus récente (version 2 du 13 novembre 2024 à 18 h 59) existe',
    );
    const latest = await anyone.get(`/verifier/${code2}`);
    expect(latest.text).toContain('C’est la version la plus récente de cette inscription.');
    expect(latest.text).not.toContain('Une version plus récente');
  });

  it("lists the documents required now with their current states and reasons, the deadline and the pôle: not one no longer required, a waived one with the office's reason", async () => {
    await later(SECOND_SAVE);
    await save({ arrangements: 'non' }); // the arrangement decision is no longer required
    const db = t.app.database.db;
    const gone = await db
      .selectFrom('required_documents')
      .select(['label', 'required'])
      .where('rule_code', '=', 'decision-amenagement')
      .executeTakeFirstOrThrow();
    expect(Number(gone.required)).toBe(0);
    await db
      .updateTable('required_documents')
      .set({ state: 'valide' })
      .where('rule_code', '=', 'piece-identite')
      .execute();
    await db
      .updateTable('required_documents')
      .set({
        state: 'refuse',
        refusal_reason: 'Document illisible',
        reopened_until: '2024-11-20T09:00:00.000Z',
      })
      .where('rule_code', '=', 'jdc')
      .execute();
    // Waived by the office (« Non concerné », with its reason): still listed, with it.
    await db
      .updateTable('required_documents')
      .set({ state: 'non_concerne', waiver_reason: 'Dispensé au vu du diplôme obtenu en 2019.' })
      .where('rule_code', '=', 'certificats-travail')
      .execute();
    await later('2024-11-14T08:30:00.000Z');

    const { page, bytes } = await pdf(`${BASE}/pieces.pdf`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('application/pdf');
    expect(page.headers['content-disposition']).toBe(`inline; filename="pieces-${NUMBER}.pdf"`);
    expect(page.headers['cache-control']).toBe('private, no-store');
    const text = await pdfText(bytes);
    expect(text).toContain('Liste des pièces justificatives');
    expect(text).toContain(`Inscription n° ${NUMBER} (version 2)`);
    expect(text).toContain('Candidat Camille Marie Dupont');
    expect(text).toContain('État des pièces au 14 novembre 2024 à 9 h 30 (heure de Paris).');
    expect(text).toContain('Date limite de dépôt 13 novembre 2024 à 19 h 00 (heure de Paris)');
    expect(text).toContain('Pôle Pôle baccalauréats professionnels');
    expect(text).toContain('Courriel pole.bac.pro@ac-poitiers.fr');
    const listed = await db
      .selectFrom('required_documents')
      .select(['label', 'reason', 'state'])
      .where('required', '=', 1)
      .orderBy('position')
      .execute();
    expect(listed.map((d) => d.state)).toEqual(['valide', 'refuse', 'non_concerne']);
    for (const [i, d] of listed.entries()) {
      const label = DOCUMENT_STATE_LABELS[d.state as keyof typeof DOCUMENT_STATE_LABELS];
      expect(text).toContain(`${i + 1}. ${d.label} Pourquoi ${d.reason} État ${label}`);
    }
    // The arrangement decision is no longer asked: its « why » would be false.
    expect(text).not.toContain(gone.label);
    expect(text).not.toContain('4. ');
    expect(text).toContain('Motif du refus Document illisible');
    expect(text).toContain(
      'Nouveau dépôt possible jusqu’au 20 novembre 2024 à 10 h 00 (heure de Paris)',
    );
    expect(text).toContain('Raison du pôle Dispensé au vu du diplôme obtenu en 2019.');

    const mine = await browser.get(`${BASE}/documents`);
    const rows = mine.html.querySelectorAll('tr[data-piece]');
    expect(rows.map((r) => r.querySelector('th')?.textContent.trim())).toEqual(
      listed.map((d) => d.label),
    );
    expect(mine.text).not.toContain(gone.label);
    expect(mine.text).toContain('Validé');
    expect(mine.text).toContain('Refusé');
    expect(mine.text).toContain('Non concerné');
    expect(mine.text).toContain('Raison du pôle : Dispensé au vu du diplôme obtenu en 2019.');
  });

  it("names every state, « non concerné » included, in the récapitulatif's legend", async () => {
    const text = await pdfText((await pdf(`${BASE}/recapitulatif.pdf`)).bytes);
    expect(text).toContain('(attendu, transmis, validé, refusé, non concerné)');
  });

  it('confirms a genuine code to anyone, with the initials and nothing else of the candidate', async () => {
    const code = await currentCode();
    for (const typed of [code, code.toLowerCase(), code.replace(/-/g, '')]) {
      const page = await t.browser().get(`/verifier/${typed}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Ce récapitulatif est authentique');
      expect(page.text).toContain(`n° ${NUMBER}`);
      const facts = page.html
        .querySelectorAll('main dt')
        .map((dt) => [
          dt.textContent.trim(),
          dt.nextElementSibling?.textContent.replace(/\s+/g, ' ').trim(),
        ]);
      expect(facts).toEqual([
        ['Inscription', `n° ${NUMBER}`],
        ['Candidat', 'C. D.'],
        ['Examen', 'BAC PRO – Baccalauréat professionnel'],
        ['Spécialité', 'Cuisine (40022106)'],
        ['Session', 'Session juin 2025'],
        ['Version', 'version 1, enregistrée le 1er novembre 2024 à 10 h 00 (heure de Paris)'],
      ]);
      for (const secret of [
        'Dupont',
        'Camille',
        'Marie',
        '12/04/2001',
        '2001',
        '12 rue des Écoles',
        '86000',
        '06 12 34 56 78',
        'Tiers temps',
        DEMO,
      ])
        expect(page.body).not.toContain(secret);
    }

    // The form on /verifier leads to the same page.
    const form = await t.browser().get('/verifier');
    expect(form.status).toBe(200);
    expect(form.html.querySelector('form[action="/verifier"] input[name=code]')).not.toBeNull();
    const sent = await t.browser().get(`/verifier?code=${encodeURIComponent(` ${code} `)}`);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/verifier/${code}`);
  });

  it('refuses forged, altered, truncated, garbage and over-long codes with the same 404', async () => {
    const code = await currentCode();
    const plain = code.replace(/-/g, '');
    const swap = (i: number): string => {
      const c = plain[i] === 'X' ? 'Y' : 'X';
      return plain.slice(0, i) + c + plain.slice(i + 1);
    };
    const wrong = [
      swap(plain.length - 1), // the MAC
      swap(5), // inside the MAC
      swap(1), // the sequence
      swap(0), // the header
      plain.slice(0, -1), // truncated
      plain.slice(0, 8),
      `${plain}A`, // extended
      'bonjour',
      '%3Cscript%3E',
      'A'.repeat(60),
      'A'.repeat(300),
      `${code}/autre`,
    ];
    for (const forged of wrong) {
      const page = await t.browser().get(`/verifier/${forged}`);
      expect(page.status, forged).toBe(404);
      expect(page.text).toContain(INVALID);
      expect(page.text).not.toContain(NUMBER);
    }
    const longForm = await t.browser().get(`/verifier?code=${'A'.repeat(200)}`);
    expect(longForm.status).toBe(404);
    expect(longForm.text).toContain(INVALID);
  });

  it('shows another candidate nothing: 404 on the page and both PDF files', async () => {
    await accountRepository(t.app.database.db).insert({
      id: randomUUID(),
      email: 'autre.candidat@exemple.fr',
      passwordHash: await t.app.accounts.hasher.hash('une autre phrase de passe'),
      createdAt: t.clock.now(),
      activatedAt: t.clock.now(),
    });
    const other = t.browser();
    const signedIn = await other.submit(await other.get('/connexion'), '/connexion', {
      email: 'autre.candidat@exemple.fr',
      password: 'une autre phrase de passe',
    });
    expect(signedIn.status).toBe(303);
    for (const url of [
      `${BASE}/documents`,
      `${BASE}/recapitulatif.pdf`,
      `${BASE}/recapitulatif.pdf?version=1`,
      `${BASE}/pieces.pdf`,
      '/inscriptions/2025-BCP-999999/documents',
    ]) {
      const response = await pdf(url, other);
      expect(response.page.status, url).toBe(404);
      expect(response.page.headers['content-type']).toMatch(/^text\/html/);
      expect(response.bytes.toString('utf8')).not.toContain('Dupont');
    }
    // Signed out: to the sign-in page.
    expect((await t.browser().get(`${BASE}/recapitulatif.pdf`)).location).toBe('/connexion');
  });
});
