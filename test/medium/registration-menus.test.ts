/**
 * The header's menu for a signed-in candidate, in the notice's words (« M'inscrire », « Mes
 * documents », « Mes justificatifs »), and where « Mes documents » and « Mes justificatifs »
 * lead: straight to the one registration's page, to a choice among several, to an explanation
 * when there is none yet, to the sign-in page when nobody is signed in. Real routes, on SQLite
 * and PostgreSQL, the notice's catalogue (poitiers-2025).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { importCatalogue } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { draftFields, signInDemo } from '../support/registration.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import type { Page, TestBrowser } from '../support/test-browser.js';
import { demoAccountId } from '../support/visitors.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';
const MENUS = ['/mes-documents', '/mes-justificatifs'] as const;

/** The main menu's links, as text → href, and which one is marked as the current page. */
function menuOf(page: Page): { links: Record<string, string>; current: string | undefined } {
  const nav = page.html.querySelector('nav[aria-label="Menu principal"]');
  const anchors = nav?.querySelectorAll('a') ?? [];
  return {
    links: Object.fromEntries(anchors.map((a) => [a.text.trim(), a.getAttribute('href') ?? ''])),
    current: anchors.find((a) => a.getAttribute('aria-current') === 'page')?.text.trim(),
  };
}

describe.each(dialects)('the candidate’s menu (%s)', (dialect) => {
  let t: TestApp;
  let browser: TestBrowser;

  beforeEach(async () => {
    t = await startTestApp(dialect, { start: '2024-11-01T09:00:00.000Z' });
    await importCatalogue(t.app, 'poitiers-2025.yaml');
    browser = t.browser();
  });
  afterEach(() => t.close());

  const register = async (examCode: string, specialtyCode: string): Promise<string> => {
    const saved = await saveRegistration(t.app.registrations, {
      accountId: await demoAccountId(t),
      accountEmail: DEMO,
      fields: draftFields('2025', examCode, specialtyCode),
    });
    return saved.number;
  };

  it('sends a visitor who is not signed in to the sign-in page, and shows them no menu', async () => {
    for (const path of MENUS) {
      const page = await browser.get(path);
      expect(page.status).toBe(303);
      expect(page.location).toBe('/connexion');
    }
    expect(menuOf(await browser.get('/calendrier')).links).toEqual({});
  });

  it('names the notice’s menus in the header, the current one marked for screen readers', async () => {
    await signInDemo(browser);
    const space = menuOf(await browser.get('/espace'));
    expect(space.links).toEqual({
      'Mes inscriptions': '/espace',
      'M’inscrire': '/inscription/nouvelle',
      'Mes documents': '/mes-documents',
      'Mes justificatifs': '/mes-justificatifs',
    });
    expect(space.current).toBe('Mes inscriptions');
    expect(menuOf(await browser.get('/inscription/nouvelle')).current).toBe('M’inscrire');
  });

  it('explains, before any registration, that the menus fill once one is saved', async () => {
    await signInDemo(browser);
    const documents = await browser.get('/mes-documents');
    expect(documents.status).toBe(200);
    expect(documents.text).toContain('Vous n’avez encore aucune inscription enregistrée.');
    expect(documents.text).toContain('Votre confirmation d’inscription');
    expect(menuOf(documents).current).toBe('Mes documents');
    const justificatifs = await browser.get('/mes-justificatifs');
    expect(justificatifs.text).toContain('Vous déposerez ici vos pièces justificatives');
    expect(menuOf(justificatifs).current).toBe('Mes justificatifs');
  });

  it('leads straight to the only registration’s pages', async () => {
    const number = await register('BCP', '40022106');
    await signInDemo(browser);
    const documents = await browser.get('/mes-documents');
    expect(documents.status).toBe(303);
    expect(documents.location).toBe(`/inscriptions/${number}/documents`);
    const justificatifs = await browser.get('/mes-justificatifs');
    expect(justificatifs.location).toBe(`/inscriptions/${number}/justificatifs`);
    const page = await browser.get(justificatifs.location ?? '');
    expect(page.status).toBe(200);
    expect(menuOf(page).current).toBe('Mes justificatifs');
    expect(menuOf(await browser.get(`/inscriptions/${number}/documents`)).current).toBe(
      'Mes documents',
    );
  });

  it('lets a candidate with several registrations choose, each by its exam and number', async () => {
    const bacPro = await register('BCP', '40022106');
    const bp = await register('BP', '45022111');
    await signInDemo(browser);
    const page = await browser.get('/mes-justificatifs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Choisissez l’inscription pour laquelle déposer vos pièces');
    const choices = page.html
      .querySelectorAll('main li a')
      .map((a) => [a.text.trim(), a.getAttribute('href')]);
    expect(choices).toEqual(
      expect.arrayContaining([
        [expect.stringContaining(`BAC PRO`), `/inscriptions/${bacPro}/justificatifs`],
        [expect.stringContaining(`BP Arts de la cuisine`), `/inscriptions/${bp}/justificatifs`],
      ]),
    );
    expect(choices).toHaveLength(2);
    expect(page.text).toContain(`(inscription n° ${bp})`);
  });
});
