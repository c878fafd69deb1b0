/**
 * The catalogue's pages in a real browser (Debian's Chromium), for an administrator: the
 * overview, the dates of a window changed with the browser's own date and time inputs and
 * confirmed because the window is open, a pôle refused then saved, the YAML page with an
 * error. Every page shown is checked with axe-core.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { openStaffSession } from '../src/domain/staff/staff-session.js';
import { addDays, parisDay } from '../src/domain/time/paris-time.js';
import { staffSessionRepository } from '../src/infra/repositories/staff.repository.js';
import {
  clickToPage,
  describeInBrowser,
  expectNoAxeViolations,
  waitForHeading,
} from './support/browser.js';
import { addAdmin } from './support/office.js';

// Axe on the overview (every specialty of every exam) takes a while on a small machine.
const TIMEOUT = 180_000;

describeInBrowser('the catalogue in a browser', { timeout: TIMEOUT }, ({ e2e, newPage }) => {
  /** A page signed in as an administrator (a session minted as the second factor would). */
  async function adminPage(): Promise<Page> {
    const { member } = await addAdmin(e2e().app);
    const token = await openStaffSession(
      staffSessionRepository(e2e().app.database.db),
      member.id,
      'signed-in',
      new Date(),
    );
    return newPage({
      cookies: [{ name: 'candidat_gestion', value: token, url: `${e2e().baseUrl}/gestion` }],
    });
  }

  it('shows the catalogue, changes an open window once confirmed, a pôle, and checks the YAML', async () => {
    const page = await adminPage();
    await page.goto(`${e2e().baseUrl}/gestion`);
    await clickToPage(page, () => page.getByRole('link', { name: 'Catalogue' }).click());
    await waitForHeading(page, /^Catalogue – /);
    await expectNoAxeViolations(page);

    // The demo's BAC PRO window is open: closing it four days earlier needs a confirmation.
    await clickToPage(page, () =>
      page.getByRole('link', { name: 'Modifier les dates d’inscription' }).click(),
    );
    await waitForHeading(page, 'Dates d’inscription');
    await expectNoAxeViolations(page);
    const close = addDays(parisDay(new Date()), 10);
    await page.locator('#fenetre-demo-BCP-cloture-date').fill(close);
    await page.locator('#fenetre-demo-BCP-cloture-heure').fill('18:30');
    await clickToPage(page, () =>
      page.getByRole('button', { name: /Enregistrer les dates de BAC PRO/ }).click(),
    );
    await waitForHeading(page, 'Confirmer le changement');
    await page
      .getByText(/La fenêtre BAC PRO est ouverte : la clôture passera du .* à 18 h 30/)
      .waitFor();
    await expectNoAxeViolations(page);
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Confirmer et enregistrer' }).click(),
    );
    await page.getByText('Les changements ont été enregistrés.').waitFor();
    await expect(page.locator('#fenetre-demo-BCP-cloture-date').inputValue()).resolves.toBe(close);

    await page.goto(`${e2e().baseUrl}/gestion/catalogue/poles`);
    await waitForHeading(page, 'Pôles');
    await page.locator('#pole-sah-courriel').fill('pas une adresse');
    const refused = await clickToPage(page, () =>
      page.getByRole('button', { name: /Enregistrer le pôle Pôle services/ }).click(),
    );
    expect(refused.status()).toBe(422);
    await page
      .locator('#pole-sah-courriel-erreur')
      .getByText('« pas une adresse » n’est pas une adresse électronique')
      .waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${e2e().baseUrl}/gestion/catalogue/yaml`);
    await waitForHeading(page, 'Modifier tout le catalogue (YAML)');
    const text = await page.getByLabel(/^Catalogue \(YAML\)/).inputValue();
    await page
      .getByLabel(/^Catalogue \(YAML\)/)
      .fill(text.replace('desk: bac-pro', 'desk: pole-inconnu'));
    const invalid = await clickToPage(page, () =>
      page.getByRole('button', { name: 'Vérifier et enregistrer' }).click(),
    );
    expect(invalid.status()).toBe(422);
    await page.getByText(/Ligne \d+ : le pôle « pole-inconnu » n’existe pas/).waitFor();
    await expectNoAxeViolations(page);
  });
});
