/**
 * Personal data in a real browser (Debian's Chromium): the demo candidate finds « Mes données
 * personnelles » from « Mes inscriptions » and downloads the ZIP with the button (a form post:
 * the browser saves the file and stays on the page); an administrator opens « Conservation des
 * données » from the office's menu. Every page shown is checked with axe-core.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import yauzl from 'yauzl';
import { expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../src/demo/demo-data.js';
import { accountRepository } from '../src/infra/repositories/account.repository.js';
import { totpAt } from '../test/support/staff.js';
import {
  clickToPage,
  describeInBrowser,
  expectNoAxeViolations,
  waitForHeading,
} from './support/browser.js';
import { addAdmin } from './support/office.js';
import { expectSpace, signInDemo } from './support/wizard.js';

const PASSWORD = 'une longue phrase pour le rectorat';
const TIMEOUT = 120_000; // two sign-ins, axe on five pages, a download

describeInBrowser('personal data in a browser', { timeout: TIMEOUT }, (sessions) => {
  const { e2e, newPage, pageErrors } = sessions;

  it('lets the candidate download their data as a ZIP from « Mes données personnelles »', async () => {
    const page = await newPage();
    await signInDemo(page, e2e().baseUrl);
    await expectSpace(page, DEMO_ACCOUNT.email);
    await clickToPage(page, () =>
      page.getByRole('link', { name: 'Mes données personnelles' }).click(),
    );
    await waitForHeading(page, 'Mes données personnelles');
    await expectNoAxeViolations(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger mes données (ZIP)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^donnees-personnelles-\d{4}-\d{2}-\d{2}\.zip$/);
    const bytes = await readFile((await download.path()) ?? '');
    const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
    const names: string[] = [];
    let data = '';
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      if (entry.fileName !== 'donnees.json') continue;
      for await (const chunk of await zip.openReadStreamPromise(entry)) data += String(chunk);
    }
    expect(names).toEqual(['LISEZMOI.txt', 'donnees.json']);
    expect((JSON.parse(data) as { account: { email: string } }).account.email).toBe(
      DEMO_ACCOUNT.email,
    );
    // The page is still there after the download. Chromium turns the form's navigation into
    // the download and reports that navigation as aborted: that is the download, not an error.
    await waitForHeading(page, 'Mes données personnelles');
    const aborted = `${e2e().baseUrl}/espace/donnees-personnelles/archive: net::ERR_ABORTED`;
    const errors = pageErrors();
    errors.splice(0, errors.length, ...errors.filter((e) => e !== aborted));
  });

  it('lets an administrator delete, with a confirmation, the data of a candidate past retention', async () => {
    // An account opened in 2020 that never registered: long past the 24 months.
    await accountRepository(e2e().app.database.db).insert({
      id: randomUUID(),
      email: 'ancien.compte@exemple.fr',
      passwordHash: 'not used',
      createdAt: new Date('2020-01-15T10:00:00.000Z'),
      activatedAt: new Date('2020-01-15T10:05:00.000Z'),
    });
    const added = await addAdmin(e2e().app);
    const page = await newPage();
    await page.goto(added.setupLink);
    await page.getByLabel(/^Mot de passe/).fill(PASSWORD);
    await page.getByLabel(/^Confirmation du mot de passe/).fill(PASSWORD);
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Choisir ce mot de passe' }).click(),
    );
    const secret = (await page.locator('#cle-totp').textContent())?.replace(/\s/g, '') ?? '';
    await page.getByLabel(/^Code à 6 chiffres/).fill(totpAt(secret, new Date()));
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Confirmer et se connecter' }).click(),
    );
    await waitForHeading(page, 'Espace gestionnaire');

    await clickToPage(page, () =>
      page.getByRole('link', { name: 'Conservation des données' }).click(),
    );
    await waitForHeading(page, 'Conservation des données');
    await page.getByRole('cell', { name: 'ancien.compte@exemple.fr' }).waitFor();
    await expectNoAxeViolations(page);

    // Without the box ticked nothing is deleted; then ticked (on its label, as DSFR draws it).
    expect(
      (
        await clickToPage(page, () =>
          page.getByRole('button', { name: 'Supprimer définitivement' }).click(),
        )
      ).status(),
    ).toBe(422);
    await page.getByText('Cochez la case pour confirmer la suppression définitive.').waitFor();
    await expectNoAxeViolations(page);
    await page.locator('label[for="champ-confirmation"]').click();
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Supprimer définitivement' }).click(),
    );
    await page.getByText('Les données de 1 candidat ont été supprimées.').waitFor();
    await page
      .getByText('Aucun candidat n’a aujourd’hui dépassé la durée de conservation.')
      .waitFor();
    await expectNoAxeViolations(page);
  });
});
