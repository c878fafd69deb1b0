/**
 * The office in the browser tests: the first administrator added, a staff member's first
 * sign-in (the setup link, a password, the TOTP key read under the QR code and a code computed
 * from it, the app running on the real clock here, until « Espace gestionnaire »), and the
 * office's menu. Every page on the way is checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import { type AddedStaff, addStaff } from '../../src/domain/staff/add-staff.js';
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

/** Ada Lovelace, administrator, added as `candidat staff add` does (the link printed, not mailed). */
export function addAdmin(app: App): Promise<AddedStaff> {
  return addStaff(app.staff, {
    email: 'ada.admin@ac-poitiers.fr',
    name: 'Ada Lovelace',
    role: 'admin',
    desks: [],
    actor: { kind: 'system', id: null },
    mailLink: false,
  });
}

/** The entry `name` of the office's menu: its page, headed `name`, checked with axe. */
export async function openFromOfficeMenu(page: Page, name: string): Promise<void> {
  await clickToPage(page, () =>
    page
      .getByRole('navigation', { name: 'Menu de l’espace gestionnaire' })
      .getByRole('link', { name })
      .click(),
  );
  await waitForHeading(page, name);
  await expectNoAxeViolations(page);
}
