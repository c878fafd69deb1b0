/**
 * The office's first steps in a real browser (Debian's Chromium) against the real application
 * on loopback: an administrator follows the setup link `candidat staff add` prints, chooses a
 * password, scans nothing but reads the key under the QR code (inline SVG: the CSP refuses
 * nothing), confirms with a code computed from it, adds a gestionnaire from « Personnel »
 * (whose link arrives over SMTP), reads the journal and signs out. The SameSite=Strict cookie
 * is kept across the redirects of the sign-in. Every page shown is checked with axe-core.
 */
import { expect, it } from 'vitest';
import { linkIn } from '../test/support/smtp-listener.js';
import {
  clickToPage,
  describeInBrowser,
  expectNoAxeViolations,
  waitForHeading,
} from './support/browser.js';
import { activateStaff, addAdmin, openFromOfficeMenu } from './support/office.js';

const TIMEOUT = 60_000;

describeInBrowser('the office in a browser', { timeout: TIMEOUT }, ({ e2e, newPage }) => {
  it('lets the first administrator in, add a gestionnaire, read the journal and sign out', async () => {
    const added = await addAdmin(e2e().app);
    expect(added.setupLink.startsWith(e2e().baseUrl)).toBe(true);
    const page = await newPage();
    await activateStaff(page, added.setupLink);
    await page.getByText('Ada Lovelace').first().waitFor();

    await openFromOfficeMenu(page, 'Personnel');
    await page.getByLabel(/^Prénom et nom/).fill('Gaston Lagaffe');
    await page.getByLabel(/^Adresse électronique professionnelle/).fill('gaston@ac-poitiers.fr');
    // DSFR draws its own radios and checkboxes: the label is what a person clicks.
    await page.locator('label[for="champ-role-0"]').click();
    await page.locator('label[for="champ-desks-bac-pro"]').click();
    expect(await page.getByLabel(/^Gestionnaire/).isChecked()).toBe(true);
    const created = await clickToPage(page, () =>
      page.getByRole('button', { name: 'Ajouter et envoyer le lien' }).click(),
    );
    expect(created.status()).toBe(200);
    await page.getByText('La personne a été ajoutée.').waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${e2e().baseUrl}/gestion/journal`);
    await waitForHeading(page, 'Journal des actions');
    await page.getByText('Ajout d’un membre du personnel').first().waitFor();
    await expectNoAxeViolations(page);

    await clickToPage(page, () => page.getByRole('button', { name: 'Se déconnecter' }).click());
    await waitForHeading(page, 'Connexion à l’espace gestionnaire');
    await expectNoAxeViolations(page);

    // The gestionnaire's link came by mail; they set up their access in another browser.
    const mail = await e2e().listener.waitFor(
      'gaston@ac-poitiers.fr',
      /espace gestionnaire/,
      20_000,
    );
    const other = await newPage();
    await activateStaff(other, linkIn(mail, '/gestion/activation').href);
    const refused = await other.goto(`${e2e().baseUrl}/gestion/personnel`);
    expect(refused?.status()).toBe(403);
    await waitForHeading(other, 'Accès refusé');
    await expectNoAxeViolations(other);
  });
});
