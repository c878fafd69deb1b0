/**
 * The account life-cycle through the real routes, on SQLite and PostgreSQL: create, read the
 * activation link from the outbox, activate (signed in), sign out, sign in, reset the
 * password (other sessions end), and the mails each step leaves in the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { countRows, lastTokenMailed, mailsTo } from '../support/outbox.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const PASSWORD = 'correct cheval agrafe batterie';

describe.each(dialects)('account journey (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('creates, activates, signs out, signs in and resets a password', async () => {
    const browser = t.browser();
    const form = await browser.get('/compte/creer');
    expect(form.status).toBe(200);
    expect(form.text).toContain('Créer votre compte');

    const created = await browser.submit(form, '/compte/creer', {
      email: '  Marie.Curie@Exemple.FR ',
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    });
    expect(created.status).toBe(200);
    expect(created.text).toContain('Un courriel vient d’être envoyé à marie.curie@exemple.fr');

    const [activationMail] = await mailsTo(t.app, 'marie.curie@exemple.fr');
    expect(activationMail?.subject).toBe('Activez votre compte candidat');
    expect(activationMail?.text_body).toContain('Activer mon compte');
    expect(activationMail?.text_body).toContain('15 novembre 2024 à 11 h 00');
    expect(activationMail?.text_body).toContain('pole.bac.pro@ac-poitiers.fr');

    // Not active yet: the right password is told so, and no session is opened.
    const early = await browser.submit(await browser.get('/connexion'), '/connexion', {
      email: 'marie.curie@exemple.fr',
      password: PASSWORD,
    });
    expect(early.status).toBe(403);
    expect(early.text).toContain('pas encore activé');

    const token = await lastTokenMailed(t.app, 'marie.curie@exemple.fr', '/compte/activer');
    const confirm = await browser.get(`/compte/activer?jeton=${token}`);
    expect(confirm.status).toBe(200);
    expect(confirm.html.querySelector('button[type=submit]')?.textContent).toBe(
      'Activer mon compte',
    );
    const activated = await browser.submit(confirm, '/compte/activer', {});
    expect(activated.status).toBe(303);
    const space = await browser.follow(activated);
    expect(space.status).toBe(200);
    expect(space.text).toContain('Votre compte est activé');
    expect(space.text).toContain('marie.curie@exemple.fr');

    const again = await browser.get(`/compte/activer?jeton=${token}`);
    expect(again.status).toBe(400);
    expect(again.text).toContain('Ce lien a déjà servi');

    const signedOut = await browser.post('/deconnexion', {}, csrfOf(space));
    expect(signedOut.status).toBe(303);
    expect((await browser.get('/espace')).location).toBe('/connexion');

    const signedIn = await browser.submit(await browser.get('/connexion'), '/connexion', {
      email: 'MARIE.CURIE@exemple.fr',
      password: PASSWORD,
    });
    expect(signedIn.status).toBe(303);
    expect((await browser.follow(signedIn)).text).toContain('Mes inscriptions');

    // A second browser asks for a reset; the first browser's session ends when it is used.
    const other = t.browser();
    const asked = await other.submit(
      await other.get('/mot-de-passe/oublie'),
      '/mot-de-passe/oublie',
      { email: 'marie.curie@exemple.fr' },
    );
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Si un compte correspond à cette adresse');
    const resetToken = await lastTokenMailed(
      t.app,
      'marie.curie@exemple.fr',
      '/mot-de-passe/nouveau',
    );
    const resetForm = await other.get(`/mot-de-passe/nouveau?jeton=${resetToken}`);
    expect(resetForm.status).toBe(200);
    const newPassword = 'un autre mot de passe bien long';
    const reset = await other.submit(resetForm, '/mot-de-passe/nouveau', {
      password: newPassword,
      passwordConfirmation: newPassword,
    });
    expect(reset.status).toBe(303);
    expect((await other.follow(reset)).text).toContain('Votre mot de passe a été modifié');
    expect((await browser.get('/espace')).location).toBe('/connexion');

    const oldPassword = await browser.submit(await browser.get('/connexion'), '/connexion', {
      email: 'marie.curie@exemple.fr',
      password: PASSWORD,
    });
    expect(oldPassword.status).toBe(401);
    expect(oldPassword.text).toContain('Adresse électronique ou mot de passe incorrect');

    const subjects = (await mailsTo(t.app, 'marie.curie@exemple.fr')).map((m) => m.subject).sort();
    expect(subjects).toEqual([
      'Activez votre compte candidat',
      'Réinitialisation de votre mot de passe',
      'Votre mot de passe a été modifié',
    ]);
    expect(await countRows(t.app, 'sessions')).toBe(1);
  });
});
