/**
 * « Modifier mon mot de passe » on « Mon compte », through the real routes, on SQLite and
 * PostgreSQL: the current password first (a wrong one is a French 422 counted with the
 * sign-in attempts, so the form is no password-guessing oracle), the rules of account
 * creation for the new one; once changed, the other sessions end, this browser's session is
 * replaced, a mail tells the account, and the journal records it without secrets.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/domain/accounts/rate-limits.js';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { testDialects } from '../support/databases.js';
import { countRows, mailsTo, rowCounts } from '../support/outbox.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { signedInDemo } from '../support/visitors.js';
import type { Page, TestBrowser } from '../support/test-browser.js';

const dialects = await testDialects();
const NEW_PASSWORD = 'un tout autre mot de passe pour mon compte';

describe.each(dialects)('« Modifier mon mot de passe » (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect);
  });
  afterEach(() => t.close());

  const signedIn = (): Promise<TestBrowser> => signedInDemo(t);
  const changePassword = async (
    browser: TestBrowser,
    fields: Partial<Record<'currentPassword' | 'newPassword' | 'newPasswordConfirmation', string>>,
  ): Promise<Page> =>
    browser.submit(await browser.get('/compte'), '/compte/mot-de-passe', {
      currentPassword: DEMO_ACCOUNT.password,
      newPassword: NEW_PASSWORD,
      newPasswordConfirmation: NEW_PASSWORD,
      ...fields,
    });
  const passwordHash = async (): Promise<string> =>
    (
      await t.app.database.db
        .selectFrom('accounts')
        .select('password_hash')
        .where('email', '=', DEMO_ACCOUNT.email)
        .executeTakeFirstOrThrow()
    ).password_hash;
  const signInWith = (password: string): Promise<Page> => {
    const browser = t.browser();
    return browser
      .get('/connexion')
      .then((form) => browser.submit(form, '/connexion', { email: DEMO_ACCOUNT.email, password }));
  };

  it('is linked from the header of a signed-in candidate, next to « Mon espace »', async () => {
    const browser = await signedIn();
    const space = await browser.get('/espace');
    const links = space.html
      .querySelectorAll('.fr-header__tools-links a')
      .map((a) => [a.getAttribute('href'), a.textContent.trim()]);
    expect(links).toEqual([
      ['/espace', 'Mon espace'],
      ['/compte', 'Mon compte'],
    ]);
    const page = await browser.get('/compte');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Adresse électronique du compte : ${DEMO_ACCOUNT.email}`);
    const labels = page.html.querySelectorAll('form[action="/compte/mot-de-passe"] label');
    expect(labels.map((l) => l.getAttribute('for'))).toEqual([
      'champ-currentPassword',
      'champ-newPassword',
      'champ-newPasswordConfirmation',
    ]);
    expect((await t.browser().get('/compte')).location).toBe('/connexion');
    // Only the page's own notices: not a name the notices' object inherits.
    for (const query of ['constructor', '__proto__', 'toString'])
      expect(
        (await browser.get(`/compte?modifie=${query}`)).html.querySelector('main .fr-alert'),
      ).toBeNull();
  });

  it('changes it: other sessions end, this one is renewed, the account is told, the journal records it', async () => {
    const browser = await signedIn();
    const elsewhere = await signedIn();
    const before = browser.cookies.get('candidat_session');
    const stale = t.browser();
    stale.cookies.set('candidat_session', before ?? '');

    const changed = await changePassword(browser, {});
    expect(changed.status).toBe(303);
    expect(changed.location).toBe('/compte?modifie=mot-de-passe');
    // A new session cookie, as at sign-in, and a new CSRF secret with it.
    const after = browser.cookies.get('candidat_session');
    expect(after).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(after).not.toBe(before);
    expect(changed.setCookies.some((c) => c.startsWith('candidat_csrf=;'))).toBe(true);
    const shown = await browser.follow(changed);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain(
      'Votre mot de passe a été modifié. Vos autres connexions ont été fermées.',
    );

    expect((await elsewhere.get('/espace')).location).toBe('/connexion');
    expect((await stale.get('/compte')).location).toBe('/connexion');
    expect(await countRows(t.app, 'sessions')).toBe(1);

    const mails = await mailsTo(t.app, DEMO_ACCOUNT.email);
    expect(mails.map((m) => m.subject)).toEqual(['Votre mot de passe a été modifié']);
    expect(mails[0]?.text_body).toContain('Toutes les autres connexions à votre compte');

    const journal = await t.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.password_changed')
      .execute();
    expect(journal).toHaveLength(1);
    expect(journal[0]).toMatchObject({ actor_kind: 'candidate', subject_type: 'account' });
    expect(journal[0]?.actor_id).toBe(journal[0]?.subject_id);
    expect(journal[0]?.client_hash).toMatch(/^[0-9a-f]{16}$/);
    const entry = JSON.stringify(journal);
    for (const secret of [DEMO_ACCOUNT.password, NEW_PASSWORD, await passwordHash(), 'argon2'])
      expect(entry).not.toContain(secret);
    expect(entry).not.toContain(DEMO_ACCOUNT.email);

    expect((await signInWith(DEMO_ACCOUNT.password)).status).toBe(401);
    expect((await signInWith(NEW_PASSWORD)).status).toBe(303);
  });

  it('refuses a wrong current password in French, changes nothing, and counts it as a sign-in attempt', async () => {
    const browser = await signedIn(); // one attempt on the account's sign-in counter
    const hash = await passwordHash();
    const stored = await rowCounts(t.app);

    const refused = await changePassword(browser, { currentPassword: 'pas mon mot de passe' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Le mot de passe actuel est incorrect.');
    const summary = refused.html.querySelector('.fr-alert--error');
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#champ-currentPassword');
    expect(refused.html.querySelector('#champ-currentPassword')?.getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await passwordHash()).toBe(hash);
    expect(await rowCounts(t.app)).toEqual(stored);
    expect(browser.cookies.get('candidat_session')).toBeDefined();
    expect((await browser.get('/compte')).status).toBe(200);

    // The sign-in's per-account budget: the sign-in above, this refusal, then the rest.
    for (let attempt = 3; attempt <= RATE_LIMITS.signInByAccount.limit; attempt++)
      expect((await changePassword(browser, { currentPassword: `essai ${attempt}` })).status).toBe(
        422,
      );
    const limited = await changePassword(browser, {});
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Trop de tentatives en peu de temps.');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Counted with « Se connecter »: the right password there is held back too.
    expect((await signInWith(DEMO_ACCOUNT.password)).status).toBe(429);
    expect(await passwordHash()).toBe(hash);
  });

  it('applies the rules of account creation to the new password, before checking the current one', async () => {
    const browser = await signedIn();
    const hash = await passwordHash();
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { newPassword: 'trop court', newPasswordConfirmation: 'trop court' },
        'newPassword',
        'au moins 12 caractères',
      ],
      [
        { newPasswordConfirmation: `${NEW_PASSWORD}!` },
        'newPasswordConfirmation',
        'ne sont pas identiques',
      ],
      [
        { newPassword: DEMO_ACCOUNT.email, newPasswordConfirmation: DEMO_ACCOUNT.email },
        'newPassword',
        'ne doit pas être votre adresse électronique',
      ],
      [
        { newPassword: 'motdepasse123', newPasswordConfirmation: 'motdepasse123' },
        'newPassword',
        'trop courant',
      ],
      [{ currentPassword: '' }, 'currentPassword', 'Indiquez votre mot de passe actuel'],
    ];
    // More refusals than the sign-in budget: none of them counts as an attempt.
    for (let round = 0; round < 3; round++)
      for (const [fields, field, message] of cases) {
        const page = await changePassword(browser, { currentPassword: 'faux', ...fields });
        expect(page.status, message).toBe(422);
        expect(page.text).toContain(message);
        expect(page.html.querySelector('.fr-alert--error a')?.getAttribute('href')).toBe(
          `#champ-${field}`,
        );
      }
    expect(await passwordHash()).toBe(hash);
    expect((await changePassword(browser, {})).status).toBe(303);
  });
});
