/**
 * A candidate's account, in a real browser (Debian's Chromium) against the real application
 * listening on loopback, with mails delivered over SMTP: create the account (after one
 * refused password), activate it from the mailed link, sign out and in, reset the password
 * from the mailed link; change the password and the address from « Mon compte ». Every page
 * shown is checked with axe-core. A second run with JavaScript disabled creates and activates
 * an account the same way.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { linkIn } from '../test/support/smtp-listener.js';
import {
  clickToPage,
  describeInBrowser,
  expectNoAxeViolations,
  waitForHeading,
} from './support/browser.js';

const PASSWORD = 'correct cheval agrafe batterie';
const NEW_PASSWORD = 'un autre mot de passe bien long';
const TIMEOUT = 60_000;

describeInBrowser('accounts in a browser', { timeout: TIMEOUT }, ({ e2e, newPage }) => {
  function field(page: Page, label: RegExp): ReturnType<Page['getByLabel']> {
    return page.getByLabel(label);
  }

  /** Home page → « Créer votre compte » → the form filled and sent → « Consultez votre messagerie ». */
  async function createAccount(page: Page, email: string, withRefusal: boolean): Promise<void> {
    const home = await page.goto(e2e().baseUrl + '/');
    expect(home?.status()).toBe(200);
    await waitForHeading(page, /^Inscriptions aux examens/);
    await expectNoAxeViolations(page);

    await clickToPage(page, () =>
      page.getByRole('main').getByRole('link', { name: 'Créer votre compte' }).click(),
    );
    await waitForHeading(page, 'Créer votre compte');
    await expectNoAxeViolations(page);

    await field(page, /^Adresse électronique/).fill(email);
    if (withRefusal) {
      await field(page, /^Mot de passe/).fill('trop court');
      await field(page, /^Confirmation du mot de passe/).fill('trop court');
      const refused = await clickToPage(page, () =>
        page.getByRole('button', { name: 'Créer mon compte' }).click(),
      );
      expect(refused.status()).toBe(422);
      await waitForHeading(page, 'Créer votre compte');
      expect(await page.title()).toMatch(/^Erreur – Créer votre compte/);
      await page
        .getByRole('alert')
        .getByRole('link', { name: /Mot de passe : Le mot de passe doit contenir au moins 12/ })
        .waitFor();
      const password = field(page, /^Mot de passe/);
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      expect(await password.getAttribute('aria-describedby')).toContain('champ-password-erreur');
      await page
        .locator('#champ-password-erreur')
        .getByText('Le mot de passe doit contenir au moins 12 caractères.')
        .waitFor();
      // The address typed is kept; the passwords are not sent back.
      expect(await field(page, /^Adresse électronique/).inputValue()).toBe(email);
      expect(await password.inputValue()).toBe('');
      await expectNoAxeViolations(page);
    }
    await field(page, /^Mot de passe/).fill(PASSWORD);
    await field(page, /^Confirmation du mot de passe/).fill(PASSWORD);
    const created = await clickToPage(page, () =>
      page.getByRole('button', { name: 'Créer mon compte' }).click(),
    );
    expect(created.status()).toBe(200);
    await waitForHeading(page, 'Consultez votre messagerie');
    await page.getByText(`Un courriel vient d’être envoyé à ${email}.`).waitFor();
    await expectNoAxeViolations(page);
  }

  /** The mailed « Activer mon compte » link → its button → « Mes inscriptions », signed in. */
  async function activateFromMail(page: Page, email: string): Promise<void> {
    const mail = await e2e().listener.waitFor(email, /Activez/, 20_000);
    const link = linkIn(mail, '/compte/activer');
    expect(link.origin).toBe(e2e().baseUrl);
    const confirm = await page.goto(link.href);
    expect(confirm?.status()).toBe(200);
    await waitForHeading(page, 'Activer mon compte');
    await page.getByText(`Compte : ${email}`).waitFor();
    await expectNoAxeViolations(page);

    await clickToPage(page, () => page.getByRole('button', { name: 'Activer mon compte' }).click());
    await waitForHeading(page, 'Mes inscriptions');
    await page
      .getByRole('status')
      .getByText(/Votre compte est activé/)
      .waitFor();
    await page.getByRole('main').getByText(`Compte : ${email}`).waitFor();
    await expectNoAxeViolations(page);
  }

  async function signOut(page: Page): Promise<void> {
    await clickToPage(page, () => page.getByRole('button', { name: 'Se déconnecter' }).click());
    await waitForHeading(page, 'Se connecter');
    await page.getByRole('status').getByText('Vous êtes déconnecté.').waitFor();
    await expectNoAxeViolations(page);
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await field(page, /^Adresse électronique/).fill(email);
    await field(page, /^Mot de passe/).fill(password);
    await clickToPage(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
    await waitForHeading(page, 'Mes inscriptions');
    await page.getByRole('main').getByText(`Compte : ${email}`).waitFor();
    await expectNoAxeViolations(page);
  }

  it('creates, activates, signs out and in, and resets the password', async () => {
    const email = 'marie.curie@exemple.fr';
    const page = await newPage({ javaScriptEnabled: true });

    await createAccount(page, email, true);
    // The DSFR script ran (it marks the root), so the pages were seen as most candidates see them.
    expect(await page.locator('html').getAttribute('data-fr-js')).toBe('true');
    await activateFromMail(page, email);

    await signOut(page);
    await signIn(page, email, PASSWORD);

    await signOut(page);
    await clickToPage(page, () =>
      page.getByRole('link', { name: 'Mot de passe oublié ?' }).click(),
    );
    await waitForHeading(page, 'Mot de passe oublié');
    await expectNoAxeViolations(page);
    await field(page, /^Adresse électronique/).fill(email);
    await clickToPage(page, () => page.getByRole('button', { name: 'Recevoir un lien' }).click());
    await page.getByRole('status').getByText('Demande enregistrée').waitFor();
    await expectNoAxeViolations(page);

    const mail = await e2e().listener.waitFor(email, /Réinitialisation/, 20_000);
    const resetForm = await page.goto(linkIn(mail, '/mot-de-passe/nouveau').href);
    expect(resetForm?.status()).toBe(200);
    await waitForHeading(page, 'Choisir un nouveau mot de passe');
    await expectNoAxeViolations(page);
    await field(page, /^Nouveau mot de passe/).fill(NEW_PASSWORD);
    await field(page, /^Confirmation du nouveau mot de passe/).fill(NEW_PASSWORD);
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click(),
    );
    await waitForHeading(page, 'Mes inscriptions');
    await page
      .getByRole('status')
      .getByText(/Votre mot de passe a été modifié/)
      .waitFor();
    await expectNoAxeViolations(page);

    // The new password is the one that opens the account now.
    await signOut(page);
    await signIn(page, email, NEW_PASSWORD);
  });

  it('changes the password, then the email address, from « Mon compte »', async () => {
    const email = 'ada.lovelace@exemple.fr';
    const newEmail = 'ada.byron@exemple.fr';
    const page = await newPage({ javaScriptEnabled: true });
    await createAccount(page, email, false);
    await activateFromMail(page, email);

    await clickToPage(page, () => page.getByRole('link', { name: 'Mon compte' }).click());
    await waitForHeading(page, 'Mon compte');
    await expectNoAxeViolations(page);

    // Both forms ask for the current password: each is filled within its own form.
    const passwordForm = page.locator('form[action="/compte/mot-de-passe"]');
    await passwordForm.getByLabel(/^Mot de passe actuel/).fill('pas le bon mot de passe');
    await passwordForm.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
    await passwordForm.getByLabel(/^Confirmation du nouveau mot de passe/).fill(NEW_PASSWORD);
    const refused = await clickToPage(page, () =>
      page.getByRole('button', { name: 'Modifier mon mot de passe' }).click(),
    );
    expect(refused.status()).toBe(422);
    expect(await page.title()).toMatch(/^Erreur – Mon compte/);
    await page
      .getByRole('alert')
      .getByRole('link', { name: 'Mot de passe actuel : Le mot de passe actuel est incorrect.' })
      .waitFor();
    await expectNoAxeViolations(page);
    await passwordForm.getByLabel(/^Mot de passe actuel/).fill(PASSWORD);
    await passwordForm.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
    await passwordForm.getByLabel(/^Confirmation du nouveau mot de passe/).fill(NEW_PASSWORD);
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Modifier mon mot de passe' }).click(),
    );
    await waitForHeading(page, 'Mon compte');
    await page
      .getByRole('status')
      .getByText(/Votre mot de passe a été modifié/)
      .waitFor();
    await expectNoAxeViolations(page);

    const emailForm = page.locator('form[action="/compte/adresse"]');
    await emailForm.getByLabel(/^Nouvelle adresse électronique/).fill(newEmail);
    await emailForm.getByLabel(/^Mot de passe actuel/).fill(NEW_PASSWORD);
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Modifier mon adresse électronique' }).click(),
    );
    await waitForHeading(page, 'Consultez votre messagerie');
    await page.getByText(`Un courriel vient d’être envoyé à ${newEmail}.`).waitFor();
    await expectNoAxeViolations(page);

    const mail = await e2e().listener.waitFor(newEmail, /Changement d’adresse/, 20_000);
    const confirm = await page.goto(linkIn(mail, '/compte/adresse/confirmer').href);
    expect(confirm?.status()).toBe(200);
    await waitForHeading(page, 'Confirmer ma nouvelle adresse');
    await expectNoAxeViolations(page);
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Confirmer ma nouvelle adresse' }).click(),
    );
    await waitForHeading(page, 'Mon compte');
    await page
      .getByRole('status')
      .getByText(/L’adresse électronique de votre compte a été modifiée/)
      .waitFor();
    await page.getByText(`Adresse électronique du compte : ${newEmail}`).waitFor();
    await expectNoAxeViolations(page);

    await signOut(page);
    await signIn(page, newEmail, NEW_PASSWORD);
  });

  it('creates and activates an account with JavaScript disabled', async () => {
    const email = 'jean.moulin@exemple.fr';
    const page = await newPage({ javaScriptEnabled: false });
    await createAccount(page, email, true);
    expect(await page.locator('html').getAttribute('data-fr-js')).toBeNull();
    await activateFromMail(page, email);
  });
});
