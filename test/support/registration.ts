/** A complete, valid registration as a candidate types it, and the wizard walked through. */
import type { DraftFields } from '../../src/domain/registrations/draft-validation.js';
import type { Page, TestBrowser } from './test-browser.js';

export const IDENTITY_FIELDS = {
  birthName: 'Dupont',
  usageName: '',
  firstNames: 'Camille Marie',
  sex: 'F',
  birthDate: '2001-04-12',
  birthCommune: 'Poitiers',
  birthCountry: 'France',
  nationality: 'française',
  addressLine1: '12 rue des Écoles',
  addressLine2: '',
  postalCode: '86000',
  city: 'Poitiers',
  country: 'France',
  phone: '06 12 34 56 78',
};

export const CANDIDATURE_FIELDS = {
  status: 'individuel',
  distanceBody: '',
  eligibilityRoute: 'experience',
  format: 'globale',
  language1: 'anglais',
  optionalTest: '',
  arrangements: 'non',
  arrangementsDetails: '',
};

export const DEMO_CREDENTIALS = {
  email: 'candidat.demo@exemple.fr',
  password: 'une phrase de passe pour la démo',
};

export async function signInDemo(browser: TestBrowser): Promise<void> {
  const page = await browser.submit(
    await browser.get('/connexion'),
    '/connexion',
    DEMO_CREDENTIALS,
  );
  if (page.status !== 303) throw new Error(`sign-in failed: ${page.status}`);
}

/** Walks « M'inscrire » to the récapitulatif for `exam` and `specialty`; returns that page. */
export async function fillWizard(
  browser: TestBrowser,
  session: string,
  exam: string,
  specialty: string,
  candidature: Record<string, string> = CANDIDATURE_FIELDS,
): Promise<Page> {
  const base = `/inscription/${session}/${exam}`;
  const expectRedirect = (page: Page, to: string): void => {
    if (page.status !== 303 || page.location !== to)
      throw new Error(
        `expected 303 to ${to}, got ${page.status} ${page.location ?? ''}: ${page.text.slice(0, 300)}`,
      );
  };
  expectRedirect(
    await browser.submit(await browser.get('/inscription/nouvelle'), '/inscription/nouvelle', {
      examen: `${session}/${exam}`,
    }),
    `${base}/specialite`,
  );
  expectRedirect(
    await browser.submit(await browser.get(`${base}/specialite`), `${base}/specialite`, {
      specialite: specialty,
    }),
    `${base}/conditions`,
  );
  expectRedirect(
    await browser.submit(await browser.get(`${base}/conditions`), `${base}/conditions`, {
      conditions: 'oui',
      action: 'suivant',
    }),
    `${base}/identite`,
  );
  expectRedirect(
    await browser.submit(await browser.get(`${base}/identite`), `${base}/identite`, {
      ...IDENTITY_FIELDS,
      action: 'suivant',
    }),
    `${base}/candidature`,
  );
  expectRedirect(
    await browser.submit(await browser.get(`${base}/candidature`), `${base}/candidature`, {
      ...candidature,
      action: 'suivant',
    }),
    `${base}/recapitulatif`,
  );
  return browser.get(`${base}/recapitulatif`);
}

/** The fields of a complete draft, for the use cases called directly. */
export function draftFields(
  sessionCode: string,
  examCode: string,
  specialtyCode: string,
  identity: Record<string, string> = IDENTITY_FIELDS,
  candidature: Record<string, string> = CANDIDATURE_FIELDS,
): DraftFields {
  return {
    sessionCode,
    examCode,
    specialtyCode,
    conditionsAccepted: true,
    identity: { ...identity },
    candidature: { ...candidature },
  };
}
