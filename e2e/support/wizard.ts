/**
 * « M'inscrire » as a candidate drives it, shared by the browser tests: buttons pressed and
 * DSFR boxes ticked by their labels, each page of the wizard checked with axe-core, and the
 * straight path of a signed-in candidate from « Mes inscriptions » to a saved registration
 * for the BAC PRO Cuisine of the demo catalogue.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { clickToPage, expectNoAxeViolations, waitForHeading } from './browser.js';

/** The wizard's address, and its steps in order. */
export const WIZARD_BASE = '/inscription/demo/BCP';
const STEPS = ['conditions', 'identite', 'candidature', 'recapitulatif'];
/** The number the session's first BAC PRO registration gets. */
export const BAC_PRO_NUMBER = 'demo-BCP-000001';
export const BAC_PRO_TITLE = 'BAC PRO Cuisine – Session de démonstration';
export const EXPERIENCE_ROUTE =
  'Justifier de trois années d’activité professionnelle dans un emploi en rapport avec la spécialité';

/** The identity typed at step 2 (the sex is « Féminin »). */
export const IDENTITY = {
  birthName: 'Dupont',
  firstNames: 'Camille Marie',
  birthDate: '2001-04-12',
  birthCommune: 'Poitiers',
  birthCountry: 'France',
  nationality: 'française',
  address: '12 rue des Écoles',
  postalCode: '86000',
  city: 'Poitiers',
  phone: '06 12 34 56 78',
};
export type Identity = Record<keyof typeof IDENTITY, string>;

/** Clicks the button named `name` and waits for the page it leads to; returns its status. */
export async function press(page: Page, name: string): Promise<number> {
  const response = await clickToPage(page, () =>
    page.getByRole('button', { name, exact: true }).click(),
  );
  return response.status();
}

/**
 * Ticks a DSFR radio button or checkbox as a candidate does, by its label: the DSFR draws
 * the box on the label, over the input.
 */
export async function tick(input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await input.page().locator(`label[for="${id}"]`).click();
  expect(await input.isChecked()).toBe(true);
}

/** The wizard's page for step `n` of 4, named `title` in the stepper, checked with axe. */
export async function expectStep(page: Page, n: number, title: string): Promise<void> {
  expect(new URL(page.url()).pathname).toBe(`${WIZARD_BASE}/${STEPS[n - 1]}`);
  await waitForHeading(page, 'M’inscrire : BAC PRO Cuisine');
  await page
    .getByRole('heading', { level: 2, name: `${title} Étape ${n} sur 4`, exact: true })
    .waitFor({ state: 'visible' });
  await expectNoAxeViolations(page);
}

/** « Mes inscriptions » of `email`, checked with axe. */
export async function expectSpace(page: Page, email: string): Promise<void> {
  await waitForHeading(page, 'Mes inscriptions');
  await page.getByRole('main').getByText(`Compte : ${email}`).waitFor();
  await expectNoAxeViolations(page);
}

/** « Se connecter » with the demo account: « Mes inscriptions ». */
export async function signInDemo(page: Page, baseUrl: string): Promise<void> {
  expect((await page.goto(baseUrl + '/connexion'))?.status()).toBe(200);
  await waitForHeading(page, 'Se connecter');
  await expectNoAxeViolations(page);
  await page.getByLabel(/^Adresse électronique/).fill(DEMO_ACCOUNT.email);
  await page.getByLabel(/^Mot de passe/).fill(DEMO_ACCOUNT.password);
  await press(page, 'Se connecter');
  await expectSpace(page, DEMO_ACCOUNT.email);
}

/**
 * From « Mes inscriptions », « M'inscrire »: the exam choice, checked with axe. Returns the
 * group of exams offered.
 */
export async function openExamChoice(page: Page): Promise<Locator> {
  await clickToPage(page, () =>
    page.getByRole('main').getByRole('link', { name: 'M’inscrire' }).click(),
  );
  await waitForHeading(page, 'M’inscrire');
  await expectNoAxeViolations(page);
  return page.getByRole('group', { name: /^Choisissez l’examen et la session/ });
}

/** The BAC PRO chosen among `offered`, then its specialty Cuisine: step 1. */
export async function chooseBacProCuisine(page: Page, offered: Locator): Promise<void> {
  await tick(
    offered.getByRole('radio', {
      name: /^BAC PRO – Baccalauréat professionnel – Session de démonstration/,
    }),
  );
  await press(page, 'Continuer');
  await waitForHeading(page, 'M’inscrire : BAC PRO – Session de démonstration');
  await expectNoAxeViolations(page);
  await page.getByLabel('Spécialité').selectOption({ label: 'Cuisine (40022106)' });
  await press(page, 'Commencer mon inscription');
  await expectStep(page, 1, 'Modalités d’inscription');
}

/** Step 1: the conditions accepted, « Suivant »: step 2. */
export async function acceptConditions(page: Page): Promise<void> {
  await tick(page.getByLabel(/^J’ai pris connaissance des modalités d’inscription/));
  await press(page, 'Suivant');
  await expectStep(page, 2, 'Identité et coordonnées');
}

/** Step 2's fields, by their labels. */
export const identityFields = (page: Page): Record<keyof Identity | 'female', Locator> => ({
  birthName: page.getByLabel(/^Nom de naissance/),
  firstNames: page.getByLabel(/^Prénoms/),
  female: page.getByRole('radio', { name: 'Féminin', exact: true }),
  birthDate: page.getByLabel(/^Date de naissance/),
  birthCommune: page.getByLabel('Commune de naissance', { exact: true }),
  birthCountry: page.getByLabel(/^Pays de naissance/),
  nationality: page.getByLabel(/^Nationalité/),
  address: page.getByLabel(/^Adresse/),
  postalCode: page.getByLabel(/^Code postal/),
  city: page.getByLabel('Commune', { exact: true }),
  phone: page.getByLabel(/^Téléphone/),
});

/** Step 2: `identity` typed (not sent). */
export async function fillIdentity(page: Page, identity: Identity = IDENTITY): Promise<void> {
  const f = identityFields(page);
  await f.birthName.fill(identity.birthName);
  await f.firstNames.fill(identity.firstNames);
  await tick(f.female);
  await f.birthDate.fill(identity.birthDate);
  await f.birthCommune.fill(identity.birthCommune);
  await f.birthCountry.fill(identity.birthCountry);
  await f.nationality.fill(identity.nationality);
  await f.address.fill(identity.address);
  await f.postalCode.fill(identity.postalCode);
  await f.city.fill(identity.city);
  await f.phone.fill(identity.phone);
}

/** Step 3's fields, by their labels. */
export const candidatureFields = (
  page: Page,
): Record<'individual' | 'experience' | 'globale' | 'language' | 'noArrangement', Locator> => ({
  individual: page.getByRole('radio', { name: 'Candidat individuel', exact: true }),
  experience: page.getByRole('radio', { name: EXPERIENCE_ROUTE, exact: true }),
  globale: page.getByRole('radio', { name: 'Globale', exact: true }),
  language: page.getByRole('combobox', { name: 'Langue vivante', exact: true }),
  noArrangement: page
    .getByRole('group', { name: /^Demandez-vous un aménagement des épreuves/ })
    .getByRole('radio', { name: 'Non', exact: true }),
});

/**
 * Step 3: a candidat individuel, by professional experience, in the global form, without
 * arrangement; with English unless `language` is false (not sent).
 */
export async function fillCandidature(page: Page, language = true): Promise<void> {
  const c = candidatureFields(page);
  await tick(c.individual);
  await tick(c.experience);
  await tick(c.globale);
  await tick(c.noArrangement);
  if (language) await c.language.selectOption({ label: 'Anglais' });
}

/** Step 4: « Enregistrer », back on « Mes inscriptions » with version `version` saved. */
export async function saveRegistration(page: Page, version: number): Promise<void> {
  await press(page, 'Enregistrer');
  await waitForHeading(page, 'Mes inscriptions');
  await page
    .getByRole('status')
    .getByText(`Votre inscription n° ${BAC_PRO_NUMBER} est enregistrée (version ${version})`)
    .waitFor();
  await registrationCard(page)
    .getByText(`Inscription n° ${BAC_PRO_NUMBER}, version ${version} du`)
    .waitFor();
  await expectNoAxeViolations(page);
}

/** The card of the BAC PRO registration on « Mes inscriptions ». */
export function registrationCard(page: Page): Locator {
  return page.locator('.fr-card', {
    has: page.getByRole('heading', { level: 2, name: BAC_PRO_TITLE }),
  });
}

/**
 * The straight path, from « Mes inscriptions » without any registration to version 1 of the
 * BAC PRO Cuisine saved, every page checked with axe.
 */
export async function registerBacPro(page: Page): Promise<void> {
  await page.getByText('Vous n’avez encore aucune inscription.').waitFor();
  await chooseBacProCuisine(page, await openExamChoice(page));
  await acceptConditions(page);
  await fillIdentity(page);
  await press(page, 'Suivant');
  await expectStep(page, 3, 'Candidature');
  await fillCandidature(page);
  await press(page, 'Suivant');
  await expectStep(page, 4, 'Récapitulatif');
  await saveRegistration(page, 1);
}
