/**
 * « M'inscrire » in a real browser (Debian's Chromium) against the real application on the
 * demo catalogue (BAC PRO open, CS not yet open, BP closed), driven by the labels a candidate
 * reads: choose the exam (only the open one is offered), the specialty, the conditions (refused
 * once unaccepted), the identity (a wrong postal code shown next to its field, « Précédent »
 * and « Suivant » losing nothing typed), the candidature, the récapitulatif, « Enregistrer »;
 * then « Modifier » the address and save a version 2. Every page shown, error states too, is
 * checked with axe-core. Run once with JavaScript, signed in with the demo account, and once
 * without, by a candidate whose account is created and activated through the pages.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../src/demo/demo-data.js';
import { linkIn } from '../test/support/smtp-listener.js';
import {
  clickToPage,
  describeInBrowser,
  expectNoAxeViolations,
  waitForHeading,
} from './support/browser.js';
import {
  IDENTITY,
  acceptConditions,
  candidatureFields as candidature,
  chooseBacProCuisine,
  expectSpace,
  expectStep,
  fillCandidature,
  fillIdentity,
  identityFields as identity,
  openExamChoice,
  press,
  saveRegistration,
  signInDemo,
} from './support/wizard.js';

// Some twenty-five pages, each checked with axe (slower without JavaScript: on a copy).
const TIMEOUT = 300_000;

// A fresh application for each test, so each registration is the session's first.
const SESSIONS = { timeout: TIMEOUT, appPerTest: true };

describeInBrowser('registering in a browser', SESSIONS, (sessions) => {
  const { e2e, newPage } = sessions;

  /** « Créer votre compte », then the mailed activation link: signed in on « Mes inscriptions ». */
  async function createAccount(page: Page, email: string): Promise<void> {
    const password = 'une phrase de passe bien longue';
    expect((await page.goto(e2e().baseUrl + '/compte/creer'))?.status()).toBe(200);
    await waitForHeading(page, 'Créer votre compte');
    await expectNoAxeViolations(page);
    await page.getByLabel(/^Adresse électronique/).fill(email);
    await page.getByLabel(/^Mot de passe/).fill(password);
    await page.getByLabel(/^Confirmation du mot de passe/).fill(password);
    await press(page, 'Créer mon compte');
    await waitForHeading(page, 'Consultez votre messagerie');
    await expectNoAxeViolations(page);

    const mail = await e2e().listener.waitFor(email, /Activez/, 20_000);
    expect((await page.goto(linkIn(mail, '/compte/activer').href))?.status()).toBe(200);
    await waitForHeading(page, 'Activer mon compte');
    await expectNoAxeViolations(page);
    await press(page, 'Activer mon compte');
    await expectSpace(page, email);
  }

  /** From « Mes inscriptions » to the conditions, offered only the exam whose window is open. */
  async function chooseBacPro(page: Page, withRefusal: boolean): Promise<void> {
    await page.getByText('Vous n’avez encore aucune inscription.').waitFor();
    const offered = await openExamChoice(page);
    // BAC PRO only: the BP's window is closed and the CS's not yet open.
    expect(await offered.getByRole('radio').count()).toBe(1);
    expect(await offered.getByRole('radio', { name: /^BP – Brevet professionnel/ }).count()).toBe(
      0,
    );
    expect(await offered.getByRole('radio', { name: /^CS – / }).count()).toBe(0);
    await offered
      .getByText(/^Inscriptions ouvertes jusqu’au \d+ \S+ 20\d\d à 19 h 00/)
      .waitFor({ state: 'visible' });

    if (withRefusal) {
      expect(await press(page, 'Continuer')).toBe(422);
      await waitForHeading(page, 'M’inscrire');
      await offered
        .getByText('Choisissez un examen parmi ceux dont les inscriptions sont ouvertes.')
        .waitFor({ state: 'visible' });
      await expectNoAxeViolations(page);
    }
    await chooseBacProCuisine(page, offered);
  }

  /** Step 1: « Suivant » unaccepted is refused, then accepted. */
  async function refuseThenAcceptConditions(page: Page): Promise<void> {
    const accept = page.getByLabel(/^J’ai pris connaissance des modalités d’inscription/);
    expect(await accept.isChecked()).toBe(false);
    expect(await press(page, 'Suivant')).toBe(422);
    await expectStep(page, 1, 'Modalités d’inscription');
    expect(await page.title()).toMatch(/^Erreur – Modalités d’inscription/);
    await page
      .locator('#champ-conditions-erreur')
      .getByText('Vous devez accepter les modalités d’inscription pour continuer.')
      .waitFor({ state: 'visible' });
    await acceptConditions(page);
  }

  /**
   * Step 2: typed with a wrong postal code (refused, shown next to the field, all kept), then
   * « Précédent » and « Suivant » (all still there), then corrected.
   */
  async function typeIdentity(page: Page): Promise<void> {
    const f = identity(page);
    await fillIdentity(page, { ...IDENTITY, postalCode: '860' });

    expect(await press(page, 'Suivant')).toBe(422);
    await expectStep(page, 2, 'Identité et coordonnées');
    expect(await page.title()).toMatch(/^Erreur – Identité et coordonnées/);
    const message = 'Le code postal comporte 5 chiffres. Exemple : 86000';
    await page
      .getByRole('alert')
      .getByRole('link', { name: `Code postal : ${message}` })
      .waitFor();
    // The DSFR error text, in the field's group, read with the field.
    const group = page.locator('.fr-input-group--error', { has: f.postalCode });
    await group.locator('p.fr-error-text', { hasText: message }).waitFor({ state: 'visible' });
    expect(await f.postalCode.getAttribute('aria-invalid')).toBe('true');
    expect(await f.postalCode.getAttribute('aria-describedby')).toContain(
      'champ-postalCode-erreur',
    );
    expect(await page.locator('#champ-postalCode-erreur').textContent()).toBe(message);
    await expectIdentity(page, '860');
    expect(await page.locator('.fr-error-text, .fr-message--error').count()).toBe(1);

    // « Précédent » keeps what was typed, even wrong, and « Suivant » brings it back.
    await f.birthCommune.fill('Châtellerault');
    await press(page, 'Précédent');
    await expectStep(page, 1, 'Modalités d’inscription');
    expect(
      await page.getByLabel(/^J’ai pris connaissance des modalités d’inscription/).isChecked(),
    ).toBe(true);
    await press(page, 'Suivant');
    await expectStep(page, 2, 'Identité et coordonnées');
    expect(await f.birthCommune.inputValue()).toBe('Châtellerault');
    await expectIdentity(page, '860', 'Châtellerault');

    await f.birthCommune.fill('Poitiers');
    await f.postalCode.fill('86000');
    await press(page, 'Suivant');
    await expectStep(page, 3, 'Candidature');
  }

  async function expectIdentity(page: Page, postalCode: string, birthCommune = 'Poitiers') {
    const f = identity(page);
    expect(await f.birthName.inputValue()).toBe('Dupont');
    expect(await f.firstNames.inputValue()).toBe('Camille Marie');
    expect(await f.female.isChecked()).toBe(true);
    expect(await f.birthDate.inputValue()).toBe('2001-04-12');
    expect(await f.birthCommune.inputValue()).toBe(birthCommune);
    expect(await f.birthCountry.inputValue()).toBe('France');
    expect(await f.nationality.inputValue()).toBe('française');
    expect(await f.address.inputValue()).toBe('12 rue des Écoles');
    expect(await f.postalCode.inputValue()).toBe(postalCode);
    expect(await f.city.inputValue()).toBe('Poitiers');
    expect(await f.phone.inputValue()).toBe('06 12 34 56 78');
  }

  /** Step 3: « Suivant » without a language is refused, then the candidature is complete. */
  async function chooseCandidature(page: Page): Promise<void> {
    const c = candidature(page);
    await fillCandidature(page, false);
    expect(await press(page, 'Suivant')).toBe(422);
    await expectStep(page, 3, 'Candidature');
    await page
      .locator('#champ-language1-erreur')
      .getByText('Choisissez votre langue vivante.')
      .waitFor({ state: 'visible' });
    expect(await c.experience.isChecked()).toBe(true);
    expect(await c.globale.isChecked()).toBe(true);
    expect(await c.noArrangement.isChecked()).toBe(true);
    await c.language.selectOption({ label: 'Anglais' });
    await press(page, 'Suivant');
    await expectStep(page, 4, 'Récapitulatif');
  }

  async function expectRecap(page: Page, address: string): Promise<void> {
    const main = page.getByRole('main');
    await main.getByText('Cuisine (40022106)').waitFor();
    await main.getByText(address, { exact: true }).waitFor();
    await main.getByText('Anglais', { exact: true }).waitFor();
  }

  /** Step 4: back to the candidature (all kept) and forth, then « Enregistrer ». */
  async function checkAndSave(page: Page, version: number): Promise<void> {
    await clickToPage(page, () => page.getByRole('link', { name: 'Précédent' }).click());
    await expectStep(page, 3, 'Candidature');
    const c = candidature(page);
    expect(await c.individual.isChecked()).toBe(true);
    expect(await c.experience.isChecked()).toBe(true);
    expect(await c.globale.isChecked()).toBe(true);
    expect(await c.language.inputValue()).toBe('anglais');
    expect(await c.noArrangement.isChecked()).toBe(true);
    await press(page, 'Suivant');
    await expectStep(page, 4, 'Récapitulatif');

    await saveRegistration(page, version);
  }

  /** « Modifier »: the identity is locked, the address changes, a version 2 is saved. */
  async function modifyAddress(page: Page): Promise<void> {
    await press(page, 'Modifier');
    await expectStep(page, 2, 'Identité et coordonnées');
    await page
      .getByText('Votre état civil a été enregistré avec votre première inscription.')
      .waitFor();
    expect(await page.getByLabel(/^Nom de naissance/).count()).toBe(0);
    const f = identity(page);
    expect(await f.address.inputValue()).toBe('12 rue des Écoles');
    await f.address.fill('3 place du Marché');
    await press(page, 'Suivant');
    await expectStep(page, 3, 'Candidature');
    expect(await candidature(page).globale.isChecked()).toBe(true);
    await press(page, 'Suivant');
    await expectStep(page, 4, 'Récapitulatif');
    await expectRecap(page, '3 place du Marché, 86000 Poitiers, France');
    await checkAndSave(page, 2);
  }

  /** The whole journey, from « Mes inscriptions » with no registration to version 2. */
  async function register(page: Page, email: string, withRefusal: boolean): Promise<void> {
    await chooseBacPro(page, withRefusal);
    await refuseThenAcceptConditions(page);
    await typeIdentity(page);
    await chooseCandidature(page);
    await expectRecap(page, '12 rue des Écoles, 86000 Poitiers, France');
    await page.getByText('12/04/2001', { exact: true }).waitFor();
    await checkAndSave(page, 1);
    const confirmation = await e2e().listener.waitFor(email, /^Confirmation d’inscription/, 20_000);
    expect(confirmation.subject).toBe(
      'Confirmation d’inscription – BAC PRO Cuisine – Session de démonstration',
    );
    await modifyAddress(page);
  }

  it('registers for the BAC PRO with JavaScript, back and forth, then modifies it', async () => {
    const page = await newPage({ javaScriptEnabled: true });
    await signInDemo(page, e2e().baseUrl);
    // The DSFR script ran (it marks the root), so the pages were seen as most candidates see them.
    expect(await page.locator('html').getAttribute('data-fr-js')).toBe('true');
    await register(page, DEMO_ACCOUNT.email, false);
  });

  it('registers a new candidate for the BAC PRO with JavaScript disabled', async () => {
    const email = 'alice.guy@exemple.fr';
    const page = await newPage({ javaScriptEnabled: false });
    await createAccount(page, email);
    expect(await page.locator('html').getAttribute('data-fr-js')).toBeNull();
    await register(page, email, true);
  });
});
