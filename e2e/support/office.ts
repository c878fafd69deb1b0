/**
 * A staff member's first sign-in in the browser: the setup link, a password, the TOTP key read
 * under the QR code and a code computed from it (the app runs on the real clock here), until
 * « Espace gestionnaire ». Every page on the way is checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { totpAt } from '../../test/support/staff.js';
import { clickToPage, expectNoAxeViolations, waitForHeading } from './browser.js';

export const STAFF_PASSWORD = 'une longue phrase pour le rectorat';

/** Returns the TOTP secret, for the codes of later sign-ins. */
export async function activateStaff(page: Page, link: string): Promise<string> {
  expect((await page.goto(link))?.status()).toBe(200);
  await waitForHeading(page, 'Activer mon accès');
  await expectNoAxeViolations(page);
  await page.getByLabel(/^Mot de passe/).fill(STAFF_PASSWORD);
  await page.getByLabel(/^Confirmation du mot de passe/).fill(STAFF_PASSWORD);
  await clickToPage(page, () =>
    page.getByRole('button', { name: 'Choisir ce mot de passe' }).click(),
  );
  await waitForHeading(page, 'Configurer la double authentification');
  await page.getByRole('img', { name: /QR code/ }).waitFor();
  await expectNoAxeViolations(page);
  const secret = (await page.locator('#cle-totp').textContent())?.replace(/\s/g, '') ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel(/^Code à 6 chiffres/).fill(totpAt(secret, new Date()));
  await clickToPage(page, () =>
    page.getByRole('button', { name: 'Confirmer et se connecter' }).click(),
  );
  await waitForHeading(page, 'Espace gestionnaire');
  await expectNoAxeViolations(page);
  return secret;
}
