/**
 * Every kind of bad input on the account routes, through the real app on SQLite and
 * PostgreSQL: malformed emails and refused passwords, CSRF failures, malformed requests,
 * forged, garbage, replayed and expired links, double submits, oversized or foreign bodies,
 * rate limits, and the answers that must not tell who has an account. Each refusal is a 4xx
 * French page without internal detail, with the security headers, and writes nothing: the
 * rows of accounts, account_tokens, sessions and outbox are counted before and after.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/domain/clock.js';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { testDialects } from '../support/databases.js';
import { lastTokenMailed, rowCounts } from '../support/outbox.js';
import { expectRefusal } from '../support/refusals.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf, encode } from '../support/test-browser.js';

const dialects = await testDialects();

const PASSWORD = 'correct cheval agrafe batterie';
const OTHER_PASSWORD = 'un autre mot de passe bien long';
const FORM = 'application/x-www-form-urlencoded';
const ACTIVATION_MS = 48 * HOUR_MS;

const MALFORMED = 'La demande envoyée est incomplète ou mal formée';
const CSRF_EXPIRED = 'Le formulaire a expiré';
const INVALID_EMAIL = 'L’adresse électronique n’est pas valide. Exemple : prenom.nom@exemple.fr';
const TOO_COMMON =
  'Ce mot de passe est trop courant. Choisissez-en un autre, par exemple une phrase de plusieurs mots.';
const BAD_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
const UNKNOWN_ACTIVATION = 'Ce lien d’activation n’est pas valide';
const USED_ACTIVATION = 'Ce lien a déjà servi';
const EXPIRED_ACTIVATION = 'Ce lien d’activation a expiré';
const UNKNOWN_RESET = 'Ce lien n’est pas valide';
const EXPIRED_RESET = 'Ce lien a expiré';

/** A route, and the fields a test posts to it. */
interface PostCase {
  label?: string;
  route: string;
  fields: Record<string, string | string[]>;
}

/** A token of the right shape (43 base64url characters) that was never issued. */
function forgedToken(): string {
  return randomBytes(32).toString('base64url');
}

describe.each(dialects)('bad input on the account routes (%s)', (dialect) => {
  let t: TestApp;
  let sequence = 0;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const uniqueEmail = (label: string): string => `${label}.${++sequence}@exemple.fr`;

  /** Runs `action` and checks that it left every counted table as it was. */
  async function withoutWrites<T>(action: () => Promise<T>): Promise<T> {
    const before = await rowCounts(t.app);
    const result = await action();
    expect(await rowCounts(t.app)).toEqual(before);
    return result;
  }

  /** A new browser on the create form, with the form's CSRF token. */
  async function onCreateForm(): Promise<{ browser: TestBrowser; csrf: string }> {
    const browser = t.browser();
    return { browser, csrf: csrfOf(await browser.get('/compte/creer')) };
  }

  /** Creates an account through the form and returns its activation token. */
  async function pendingAccount(label: string): Promise<{ email: string; token: string }> {
    const email = uniqueEmail(label);
    const browser = t.browser();
    const created = await browser.submit(await browser.get('/compte/creer'), '/compte/creer', {
      email,
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    });
    expect(created.status).toBe(200);
    return { email, token: await lastTokenMailed(t.app, email, '/compte/activer') };
  }

  /** Creates and activates an account; the browser returned is signed in. */
  async function activeAccount(label: string): Promise<{ email: string; browser: TestBrowser }> {
    const { email, token } = await pendingAccount(label);
    const browser = t.browser();
    const confirm = await browser.get(`/compte/activer?jeton=${token}`);
    const activated = await browser.submit(confirm, '/compte/activer', {});
    expect(activated.status).toBe(303);
    return { email, browser };
  }

  /** Asks for a reset link for `email` and returns its token. */
  async function resetToken(email: string): Promise<string> {
    const browser = t.browser();
    const asked = await browser.submit(
      await browser.get('/mot-de-passe/oublie'),
      '/mot-de-passe/oublie',
      { email },
    );
    expect(asked.status).toBe(200);
    return lastTokenMailed(t.app, email, '/mot-de-passe/nouveau');
  }

  /** Signs in from a new browser; returns the status (303 when it worked). */
  async function signInStatus(email: string, password: string): Promise<number> {
    const browser = t.browser();
    const page = await browser.submit(await browser.get('/connexion'), '/connexion', {
      email,
      password,
    });
    return page.status;
  }

  async function activatedAt(email: string): Promise<string | null | undefined> {
    const row = await t.app.database.db
      .selectFrom('accounts')
      .select('activated_at')
      .where('email', '=', email)
      .executeTakeFirst();
    return row?.activated_at;
  }

  /** The create form shown again: the email kept, no password, the error next to its field. */
  function expectCreateFormAgain(page: Page, typedEmail: string, password: string): void {
    expect(page.html.querySelector('title')?.textContent).toMatch(/^Erreur – Créer votre compte/);
    expect(page.html.querySelector('#champ-email')?.getAttribute('value')).toBe(typedEmail.trim());
    for (const input of page.html.querySelectorAll('input[type=password]')) {
      expect(input.getAttribute('value')).toBeUndefined();
    }
    if (password) expect(page.body).not.toContain(password);
  }

  describe('malformed emails on « Créer votre compte »', () => {
    it.each([
      { label: 'no @', email: 'marie.curie.exemple.fr', message: INVALID_EMAIL },
      { label: 'a space inside', email: 'marie curie@exemple.fr', message: INVALID_EMAIL },
      { label: 'two @', email: 'marie@curie@exemple.fr', message: INVALID_EMAIL },
      { label: 'no top-level domain', email: 'marie.curie@exemple', message: INVALID_EMAIL },
      { label: 'a leading dot', email: '.marie.curie@exemple.fr', message: INVALID_EMAIL },
      { label: 'a NUL character', email: 'marie\u0000curie@exemple.fr', message: INVALID_EMAIL },
      { label: 'a line feed', email: 'marie\ncurie@exemple.fr', message: INVALID_EMAIL },
      { label: 'a tab', email: 'marie\tcurie@exemple.fr', message: INVALID_EMAIL },
      {
        label: 'markup',
        email: '"><script>alert(1)</script>@exemple.fr',
        message: INVALID_EMAIL,
      },
      {
        label: '300 characters',
        email: `${'a'.repeat(289)}@exemple.fr`,
        message: 'L’adresse électronique ne peut pas dépasser 254 caractères.',
      },
      { label: 'nothing', email: '   ', message: 'Indiquez votre adresse électronique.' },
    ])(
      'refuses an email with $label (422, error next to the field)',
      async ({ email, message }) => {
        const { browser, csrf } = await onCreateForm();
        const page = await withoutWrites(() =>
          browser.post(
            '/compte/creer',
            { email, password: PASSWORD, passwordConfirmation: PASSWORD },
            csrf,
          ),
        );
        expectRefusal(page, 422, 'Le formulaire contient une erreur');
        expect(page.html.querySelector('#champ-email-erreur')?.textContent).toBe(message);
        expect(page.html.querySelector('#champ-email')?.getAttribute('aria-invalid')).toBe('true');
        expect(page.html.querySelector('a[href="#champ-email"]')?.textContent).toContain(message);
        expectCreateFormAgain(page, email, PASSWORD);
        expect(page.body).not.toContain('<script>alert');
      },
    );
  });

  describe('refused passwords on « Créer votre compte »', () => {
    it.each([
      {
        label: 'too short (11 characters)',
        password: 'abcdefghijk',
        field: 'password',
        message: 'Le mot de passe doit contenir au moins 12 caractères.',
      },
      {
        label: 'too short (11 emoji, 22 UTF-16 units)',
        password: '🙂'.repeat(11),
        field: 'password',
        message: 'Le mot de passe doit contenir au moins 12 caractères.',
      },
      { label: 'empty', password: '', field: 'password', message: 'Indiquez un mot de passe.' },
      {
        label: 'the email address',
        password: 'Marie.Curie@Exemple.FR',
        field: 'password',
        message: 'Le mot de passe ne doit pas être votre adresse électronique.',
      },
      {
        label: 'common (motdepasse123)',
        password: 'motdepasse123',
        field: 'password',
        message: TOO_COMMON,
      },
      {
        label: 'common (azertyuiop12)',
        password: 'azertyuiop12',
        field: 'password',
        message: TOO_COMMON,
      },
      {
        label: 'common in capitals',
        password: 'MotDePasse2025',
        field: 'password',
        message: TOO_COMMON,
      },
      {
        label: 'one repeated character',
        password: 'x'.repeat(20),
        field: 'password',
        message: TOO_COMMON,
      },
      {
        label: 'over 128 characters',
        password: randomBytes(65).toString('hex').slice(0, 129),
        field: 'password',
        message: 'Le mot de passe ne peut pas dépasser 128 caractères.',
      },
      {
        label: 'not confirmed',
        password: PASSWORD,
        confirmation: `${PASSWORD} `,
        field: 'passwordConfirmation',
        message: 'Les deux mots de passe saisis ne sont pas identiques.',
      },
    ])('refuses a password $label (422)', async ({ password, confirmation, field, message }) => {
      // Refused before anything is counted or written: one address serves every case.
      const email = 'marie.curie@exemple.fr';
      const { browser, csrf } = await onCreateForm();
      const page = await withoutWrites(() =>
        browser.post(
          '/compte/creer',
          { email, password, passwordConfirmation: confirmation ?? password },
          csrf,
        ),
      );
      expectRefusal(page, 422, 'Le formulaire contient une erreur');
      expect(page.html.querySelector(`#champ-${field}-erreur`)?.textContent).toBe(message);
      expect(page.html.querySelector('#champ-email-erreur')).toBeNull();
      expectCreateFormAgain(page, email, password);
    });
  });

  describe('CSRF', () => {
    it.each<PostCase>([
      {
        route: '/compte/creer',
        fields: { email: 'csrf@exemple.fr', password: PASSWORD, passwordConfirmation: PASSWORD },
      },
      { route: '/compte/activer', fields: { jeton: forgedToken() } },
      { route: '/compte/activation', fields: { email: 'csrf@exemple.fr' } },
      {
        route: '/connexion',
        fields: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
      },
      { route: '/deconnexion', fields: {} },
      { route: '/mot-de-passe/oublie', fields: { email: DEMO_ACCOUNT.email } },
      {
        route: '/mot-de-passe/nouveau',
        fields: { jeton: forgedToken(), password: PASSWORD, passwordConfirmation: PASSWORD },
      },
    ])('refuses POST $route without a token (403)', async ({ route, fields }) => {
      const browser = t.browser();
      await browser.get('/compte/creer'); // the browser has its CSRF cookie, not the token
      const page = await withoutWrites(() => browser.post(route, fields, null));
      expectRefusal(page, 403, 'Accès refusé', CSRF_EXPIRED, 'rien n’a été enregistré');
    });

    it('refuses a POST from a browser that never got a form (no CSRF cookie)', async () => {
      const browser = t.browser();
      const page = await withoutWrites(() =>
        browser.post(
          '/compte/creer',
          { email: uniqueEmail('sans-cookie'), password: PASSWORD, passwordConfirmation: PASSWORD },
          forgedToken(),
        ),
      );
      expectRefusal(page, 403, CSRF_EXPIRED);
    });

    it.each([
      { label: 'random text', token: 'pas-un-jeton' },
      { label: 'a token-shaped string', token: forgedToken() },
      { label: 'an empty string', token: '' },
    ])('refuses a forged token: $label (403)', async ({ token }) => {
      const { browser } = await onCreateForm();
      const email = uniqueEmail('csrf-forge');
      const page = await withoutWrites(() =>
        browser.post(
          '/compte/creer',
          { email, password: PASSWORD, passwordConfirmation: PASSWORD },
          token,
        ),
      );
      expectRefusal(page, 403, CSRF_EXPIRED);
    });

    it('refuses a token sent twice (403)', async () => {
      const { browser, csrf } = await onCreateForm();
      const page = await withoutWrites(() =>
        browser.post(
          '/compte/creer',
          {
            _csrf: [csrf, csrf],
            email: uniqueEmail('csrf-double'),
            password: PASSWORD,
            passwordConfirmation: PASSWORD,
          },
          null,
        ),
      );
      expectRefusal(page, 403, CSRF_EXPIRED);
    });

    it('refuses the token of another browser (403)', async () => {
      const a = await onCreateForm();
      const b = await onCreateForm();
      const email = uniqueEmail('csrf-autre');
      const page = await withoutWrites(() =>
        a.browser.post(
          '/compte/creer',
          { email, password: PASSWORD, passwordConfirmation: PASSWORD },
          b.csrf,
        ),
      );
      expectRefusal(page, 403, CSRF_EXPIRED);
      // The same post with the browser's own token goes through.
      const own = await a.browser.post(
        '/compte/creer',
        { email, password: PASSWORD, passwordConfirmation: PASSWORD },
        a.csrf,
      );
      expect(own.status).toBe(200);
    });

    it('refuses a token captured before sign-out, replayed after it (403)', async () => {
      const { email, browser } = await activeAccount('csrf-deconnexion');
      const space = await browser.get('/espace');
      expect(space.status).toBe(200);
      const before = csrfOf(space);
      const signedOut = await browser.post('/deconnexion', {}, before);
      expect(signedOut.status).toBe(303);
      expect(signedOut.setCookies.some((c) => c.startsWith('candidat_csrf=;'))).toBe(true);

      // Straight after sign-out the browser has no CSRF secret at all...
      const replayed = await withoutWrites(() =>
        browser.post('/connexion', { email, password: PASSWORD }, before),
      );
      expectRefusal(replayed, 403, CSRF_EXPIRED);
      // ...and once a page gave it a fresh one, the old token does not match it either.
      const fresh = await browser.follow(signedOut);
      expect(csrfOf(fresh)).not.toBe(before);
      const again = await withoutWrites(() =>
        browser.post('/connexion', { email, password: PASSWORD }, before),
      );
      expectRefusal(again, 403, CSRF_EXPIRED);
    });

    it('refuses a sign-out without a token and keeps the session (403)', async () => {
      const { browser } = await activeAccount('csrf-sans-deconnexion');
      const page = await withoutWrites(() => browser.post('/deconnexion', {}, null));
      expectRefusal(page, 403, CSRF_EXPIRED);
      expect((await browser.get('/espace')).status).toBe(200);
    });
  });

  describe('missing and duplicated fields', () => {
    const email = 'champs@exemple.fr';
    it.each<PostCase>([
      {
        label: 'create without email',
        route: '/compte/creer',
        fields: { password: PASSWORD, passwordConfirmation: PASSWORD },
      },
      {
        label: 'create without password',
        route: '/compte/creer',
        fields: { email, passwordConfirmation: PASSWORD },
      },
      {
        label: 'create without confirmation',
        route: '/compte/creer',
        fields: { email, password: PASSWORD },
      },
      { label: 'create with nothing', route: '/compte/creer', fields: {} },
      {
        label: 'create with the email twice',
        route: '/compte/creer',
        fields: {
          email: [email, 'autre@exemple.fr'],
          password: PASSWORD,
          passwordConfirmation: PASSWORD,
        },
      },
      {
        label: 'create with the password twice',
        route: '/compte/creer',
        fields: { email, password: [PASSWORD, PASSWORD], passwordConfirmation: PASSWORD },
      },
      {
        label: 'create with a 20 000-character field',
        route: '/compte/creer',
        fields: { email, password: 'p'.repeat(20_000), passwordConfirmation: PASSWORD },
      },
      { label: 'sign-in without password', route: '/connexion', fields: { email } },
      {
        label: 'sign-in with the email twice',
        route: '/connexion',
        fields: { email: [DEMO_ACCOUNT.email, email], password: DEMO_ACCOUNT.password },
      },
      { label: 'activation without token', route: '/compte/activer', fields: {} },
      {
        label: 'activation with the token twice',
        route: '/compte/activer',
        fields: { jeton: [forgedToken(), forgedToken()] },
      },
      { label: 'new activation link without email', route: '/compte/activation', fields: {} },
      {
        label: 'forgotten password with the email twice',
        route: '/mot-de-passe/oublie',
        fields: { email: [email, email] },
      },
      {
        label: 'new password without token',
        route: '/mot-de-passe/nouveau',
        fields: { password: PASSWORD, passwordConfirmation: PASSWORD },
      },
    ])('answers 400 to $label', async ({ route, fields }) => {
      const { browser, csrf } = await onCreateForm();
      const page = await withoutWrites(() => browser.post(route, fields, csrf));
      expectRefusal(page, 400, 'Demande incorrecte', MALFORMED);
    });
  });

  describe('activation links', () => {
    it('refuses a forged token on the link and on its form (400)', async () => {
      const token = forgedToken();
      const { browser, csrf } = await onCreateForm();
      const shown = await withoutWrites(() => browser.get(`/compte/activer?jeton=${token}`));
      expectRefusal(shown, 400, UNKNOWN_ACTIVATION, 'Vérifiez que l’adresse copiée');
      const posted = await withoutWrites(() =>
        browser.post('/compte/activer', { jeton: token }, csrf),
      );
      expectRefusal(posted, 400, UNKNOWN_ACTIVATION);
    });

    it.each([
      { label: 'missing', query: '' },
      { label: 'empty', query: '?jeton=' },
      { label: 'short', query: '?jeton=abc123' },
      { label: 'with ../', query: `?jeton=${encodeURIComponent('../../etc/passwd')}` },
      { label: 'one character too long', query: `?jeton=${forgedToken()}A` },
      { label: 'with a NUL character', query: '?jeton=%00' },
      { label: 'with broken percent-encoding', query: '?jeton=%E0%A4%A' },
      { label: 'given twice', query: `?jeton=${forgedToken()}&jeton=${forgedToken()}` },
    ])('refuses a garbage token on the link: $label (400)', async ({ query }) => {
      const page = await withoutWrites(() => t.browser().get(`/compte/activer${query}`));
      expectRefusal(page, 400, UNKNOWN_ACTIVATION);
    });

    it.each([
      { label: 'short', jeton: 'abc123' },
      { label: 'with ../', jeton: '../../etc/passwd' },
      { label: 'empty', jeton: '' },
      { label: 'with spaces around', jeton: ` ${forgedToken()} ` },
    ])('refuses a garbage token on the form: $label (400)', async ({ jeton }) => {
      const { browser, csrf } = await onCreateForm();
      const page = await withoutWrites(() => browser.post('/compte/activer', { jeton }, csrf));
      expectRefusal(page, 400, UNKNOWN_ACTIVATION);
    });

    it('refuses a reset token on the activation link (400)', async () => {
      const { email } = await activeAccount('mauvais-usage');
      const token = await resetToken(email);
      const { browser, csrf } = await onCreateForm();
      expectRefusal(
        await withoutWrites(() => browser.get(`/compte/activer?jeton=${token}`)),
        400,
        UNKNOWN_ACTIVATION,
      );
      expectRefusal(
        await withoutWrites(() => browser.post('/compte/activer', { jeton: token }, csrf)),
        400,
        UNKNOWN_ACTIVATION,
      );
      expect(await signInStatus(email, PASSWORD)).toBe(303);
    });

    it('refuses a replayed link: posted again and opened again (400)', async () => {
      const { token } = await pendingAccount('rejoue');
      const browser = t.browser();
      const confirm = await browser.get(`/compte/activer?jeton=${token}`);
      expect((await browser.submit(confirm, '/compte/activer', {})).status).toBe(303);

      const other = t.browser();
      const csrf = csrfOf(await other.get('/compte/creer'));
      const posted = await withoutWrites(() =>
        other.post('/compte/activer', { jeton: token }, csrf),
      );
      expectRefusal(posted, 400, USED_ACTIVATION, 'Votre compte est déjà activé.');
      expect(other.cookies.has('candidat_session')).toBe(false);
      // The activating browser, now signed in, with a current CSRF token: the same answer.
      const signedInCsrf = csrfOf(await browser.get('/espace'));
      const reposted = await withoutWrites(() =>
        browser.post('/compte/activer', { jeton: token }, signedInCsrf),
      );
      expectRefusal(reposted, 400, USED_ACTIVATION);
      // Its confirmation page's token predates the sign-in the activation did: CSRF refuses it.
      const resubmitted = await withoutWrites(() => browser.submit(confirm, '/compte/activer', {}));
      expectRefusal(resubmitted, 403, CSRF_EXPIRED);
      const opened = await withoutWrites(() => other.get(`/compte/activer?jeton=${token}`));
      expectRefusal(opened, 400, USED_ACTIVATION);
    });

    it('still offers the activation 48 h − 1 ms after the account was created (200)', async () => {
      const { email, token } = await pendingAccount('presque-expire');
      t.clock.advance(ACTIVATION_MS - 1);
      const browser = t.browser();
      const confirm = await browser.get(`/compte/activer?jeton=${token}`);
      expect(confirm.status).toBe(200);
      expect(confirm.text).toContain(`Compte : ${email}`);
      expect((await browser.submit(confirm, '/compte/activer', {})).status).toBe(303);
      expect(await activatedAt(email)).not.toBeNull();
    });

    it('refuses the link 48 h after the account was created (410), account left inactive', async () => {
      const { email, token } = await pendingAccount('expire');
      const browser = t.browser();
      const confirm = await browser.get(`/compte/activer?jeton=${token}`);
      expect(confirm.status).toBe(200);
      t.clock.advance(ACTIVATION_MS);

      const shown = await withoutWrites(() => browser.get(`/compte/activer?jeton=${token}`));
      expectRefusal(shown, 410, EXPIRED_ACTIVATION, 'Le délai de 48 heures est dépassé');
      const posted = await withoutWrites(() => browser.submit(confirm, '/compte/activer', {}));
      expectRefusal(posted, 410, EXPIRED_ACTIVATION, 'Ce lien était valable jusqu’au');
      expect(browser.cookies.has('candidat_session')).toBe(false);
      expect(await activatedAt(email)).toBeNull();
    });
  });

  describe('password-reset links', () => {
    it('refuses a forged token (400), password unchanged', async () => {
      const { email } = await activeAccount('reset-forge');
      const token = forgedToken();
      const { browser, csrf } = await onCreateForm();
      const shown = await withoutWrites(() => browser.get(`/mot-de-passe/nouveau?jeton=${token}`));
      expectRefusal(shown, 400, UNKNOWN_RESET, 'a déjà servi, ou a été remplacé');
      const posted = await withoutWrites(() =>
        browser.post(
          '/mot-de-passe/nouveau',
          { jeton: token, password: OTHER_PASSWORD, passwordConfirmation: OTHER_PASSWORD },
          csrf,
        ),
      );
      expectRefusal(posted, 400, UNKNOWN_RESET);
      expect(await signInStatus(email, PASSWORD)).toBe(303);
      expect(await signInStatus(email, OTHER_PASSWORD)).toBe(401);
    });

    it.each([
      { label: 'missing', query: '' },
      { label: 'short', query: '?jeton=abc' },
      { label: 'with ../', query: `?jeton=${encodeURIComponent('../../etc/passwd')}` },
    ])('refuses a garbage token on the link: $label (400)', async ({ query }) => {
      const page = await withoutWrites(() => t.browser().get(`/mot-de-passe/nouveau${query}`));
      expectRefusal(page, 400, UNKNOWN_RESET);
    });

    it('refuses an activation token as a reset token (400)', async () => {
      const { email, token } = await pendingAccount('reset-activation');
      const { browser, csrf } = await onCreateForm();
      expectRefusal(
        await withoutWrites(() => browser.get(`/mot-de-passe/nouveau?jeton=${token}`)),
        400,
        UNKNOWN_RESET,
      );
      const posted = await withoutWrites(() =>
        browser.post(
          '/mot-de-passe/nouveau',
          { jeton: token, password: OTHER_PASSWORD, passwordConfirmation: OTHER_PASSWORD },
          csrf,
        ),
      );
      expectRefusal(posted, 400, UNKNOWN_RESET);
      expect(await activatedAt(email)).toBeNull();
    });

    it('refuses a replayed link (400): the second password is not set', async () => {
      const { email } = await activeAccount('reset-rejoue');
      const token = await resetToken(email);
      const browser = t.browser();
      const form = await browser.get(`/mot-de-passe/nouveau?jeton=${token}`);
      const used = await browser.submit(form, '/mot-de-passe/nouveau', {
        password: OTHER_PASSWORD,
        passwordConfirmation: OTHER_PASSWORD,
      });
      expect(used.status).toBe(303);

      const third = 'encore un troisième mot de passe';
      const other = t.browser();
      const csrf = csrfOf(await other.get('/mot-de-passe/oublie'));
      const replayed = await withoutWrites(() =>
        other.post(
          '/mot-de-passe/nouveau',
          { jeton: token, password: third, passwordConfirmation: third },
          csrf,
        ),
      );
      expectRefusal(replayed, 400, UNKNOWN_RESET);
      // The same form again in the first browser: its CSRF secret was renewed at the reset.
      const resubmitted = await withoutWrites(() =>
        browser.submit(form, '/mot-de-passe/nouveau', {
          password: third,
          passwordConfirmation: third,
        }),
      );
      expectRefusal(resubmitted, 403, CSRF_EXPIRED);
      const reopened = await withoutWrites(() => other.get(`/mot-de-passe/nouveau?jeton=${token}`));
      expectRefusal(reopened, 400, UNKNOWN_RESET);
      expect(await signInStatus(email, OTHER_PASSWORD)).toBe(303);
      expect(await signInStatus(email, third)).toBe(401);
    });

    it('still offers the link 1 h − 1 ms after it was sent (200)', async () => {
      const { email } = await activeAccount('reset-presque-expire');
      const token = await resetToken(email);
      t.clock.advance(HOUR_MS - 1);
      const page = await t.browser().get(`/mot-de-passe/nouveau?jeton=${token}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Compte : ${email}`);
    });

    it('refuses the link 1 h after it was sent (410), password unchanged', async () => {
      const { email } = await activeAccount('reset-expire');
      const token = await resetToken(email);
      const browser = t.browser();
      const form = await browser.get(`/mot-de-passe/nouveau?jeton=${token}`);
      expect(form.status).toBe(200);
      t.clock.advance(HOUR_MS);

      const shown = await withoutWrites(() => browser.get(`/mot-de-passe/nouveau?jeton=${token}`));
      expectRefusal(shown, 410, EXPIRED_RESET, 'n’est valable qu’une heure');
      const posted = await withoutWrites(() =>
        browser.submit(form, '/mot-de-passe/nouveau', {
          password: OTHER_PASSWORD,
          passwordConfirmation: OTHER_PASSWORD,
        }),
      );
      expectRefusal(posted, 410, EXPIRED_RESET);
      expect(await signInStatus(email, PASSWORD)).toBe(303);
      expect(await signInStatus(email, OTHER_PASSWORD)).toBe(401);
    });

    it('refuses a weak new password (422) and leaves the link usable', async () => {
      const { email } = await activeAccount('reset-faible');
      const token = await resetToken(email);
      const browser = t.browser();
      const form = await browser.get(`/mot-de-passe/nouveau?jeton=${token}`);
      const weak = await withoutWrites(() =>
        browser.submit(form, '/mot-de-passe/nouveau', {
          password: 'azertyuiop12',
          passwordConfirmation: 'azertyuiop12',
        }),
      );
      expectRefusal(weak, 422, 'Le formulaire contient une erreur');
      expect(weak.html.querySelector('#champ-password-erreur')?.textContent).toBe(TOO_COMMON);
      expect(weak.body).not.toContain('azertyuiop12');
      const retried = await browser.submit(weak, '/mot-de-passe/nouveau', {
        password: OTHER_PASSWORD,
        passwordConfirmation: OTHER_PASSWORD,
      });
      expect(retried.status).toBe(303);
    });
  });

  describe('double submits', () => {
    it('creates one account when the same form is sent twice, with the same page', async () => {
      const email = uniqueEmail('double');
      const browser = t.browser();
      const form = await browser.get('/compte/creer');
      const fields = { email, password: PASSWORD, passwordConfirmation: PASSWORD };
      const before = await rowCounts(t.app);
      const first = await browser.submit(form, '/compte/creer', fields);
      const second = await browser.submit(form, '/compte/creer', fields);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.text).toBe(first.text);
      expect(first.text).toContain(`Un courriel vient d’être envoyé à ${email}`);
      const after = await rowCounts(t.app);
      expect(after.accounts).toBe(before.accounts + 1);
      expect(after.sessions).toBe(before.sessions);
    });

    it('creates one account when two submits race, with the same page', async () => {
      const email = uniqueEmail('concurrent');
      const { browser, csrf } = await onCreateForm();
      const fields = { email, password: PASSWORD, passwordConfirmation: PASSWORD };
      const before = await rowCounts(t.app);
      const [first, second] = await Promise.all([
        browser.post('/compte/creer', fields, csrf),
        browser.post('/compte/creer', fields, csrf),
      ]);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.text).toBe(first.text);
      const after = await rowCounts(t.app);
      expect(after.accounts).toBe(before.accounts + 1);
      expect(after.sessions).toBe(before.sessions);
      const rows = await t.app.database.db
        .selectFrom('accounts')
        .select('id')
        .where('email', '=', email)
        .execute();
      expect(rows).toHaveLength(1);
    });
  });

  describe('bodies the forms never send', () => {
    it('refuses a 100 KB body (413)', async () => {
      const { browser, csrf } = await onCreateForm();
      const body = encode({
        _csrf: csrf,
        email: uniqueEmail('gros'),
        password: PASSWORD,
        passwordConfirmation: 'x'.repeat(100 * 1024),
      });
      const page = await withoutWrites(() => browser.raw('POST', '/compte/creer', body, FORM));
      expectRefusal(page, 413, 'Envoi trop volumineux', 'dépasse la taille autorisée');
    });

    it.each([
      {
        label: 'application/json',
        contentType: 'application/json',
        body: (fields: Record<string, string>) => JSON.stringify(fields),
      },
      {
        label: 'text/plain',
        contentType: 'text/plain',
        body: (fields: Record<string, string>) => encode(fields),
      },
      {
        label: 'multipart/form-data',
        contentType: 'multipart/form-data; boundary=limite',
        body: (fields: Record<string, string>) =>
          Object.entries(fields)
            .map(
              ([name, value]) =>
                `--limite\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
            )
            .join('') + '--limite--\r\n',
      },
      {
        label: 'no content type',
        contentType: '',
        body: (fields: Record<string, string>) => encode(fields),
      },
    ])('refuses a $label body (415) even with a valid token', async ({ contentType, body }) => {
      const { browser, csrf } = await onCreateForm();
      const fields = {
        _csrf: csrf,
        email: uniqueEmail('format'),
        password: PASSWORD,
        passwordConfirmation: PASSWORD,
      };
      const page = await withoutWrites(() =>
        browser.raw('POST', '/compte/creer', body(fields), contentType),
      );
      expectRefusal(page, 415, 'Format non accepté', 'n’est pas dans un format accepté');
    });

    it('refuses a URL that cannot be decoded (400)', async () => {
      const page = await withoutWrites(() => t.browser().get('/compte/%E0%A4%A'));
      expectRefusal(page, 400, 'Demande incorrecte', MALFORMED);
    });
  });

  describe('sign-in with values no account can have', () => {
    it.each([
      {
        label: 'a NUL character in the email',
        email: 'candidat.demo\u0000@exemple.fr',
        password: DEMO_ACCOUNT.password,
      },
      {
        label: 'a line feed in the email',
        email: 'candidat.demo\n@exemple.fr',
        password: DEMO_ACCOUNT.password,
      },
      {
        label: 'a 300-character email',
        email: `${'a'.repeat(289)}@exemple.fr`,
        password: PASSWORD,
      },
      { label: 'an empty email', email: '', password: PASSWORD },
      { label: 'an empty password', email: DEMO_ACCOUNT.email, password: '' },
      { label: 'a 129-character password', email: DEMO_ACCOUNT.email, password: 'p'.repeat(129) },
    ])('refuses $label (401)', async ({ email, password }) => {
      const browser = t.browser();
      const csrf = csrfOf(await browser.get('/connexion'));
      const page = await withoutWrites(() => browser.post('/connexion', { email, password }, csrf));
      expectRefusal(page, 401, BAD_CREDENTIALS);
      expect(browser.cookies.has('candidat_session')).toBe(false);
    });
  });

  describe('mail forms with malformed emails', () => {
    it.each([
      { route: '/mot-de-passe/oublie', email: 'marie\u0000curie@exemple.fr' },
      { route: '/mot-de-passe/oublie', email: 'marie@curie@exemple.fr' },
      { route: '/compte/activation', email: 'marie\ncurie@exemple.fr' },
      { route: '/compte/activation', email: 'marie.curie@exemple' },
    ])('refuses $email on $route (422)', async ({ route, email }) => {
      const browser = t.browser();
      const csrf = csrfOf(await browser.get(route));
      const page = await withoutWrites(() => browser.post(route, { email }, csrf));
      expectRefusal(page, 422);
      expect(page.html.querySelector('#champ-email-erreur')?.textContent).toBe(INVALID_EMAIL);
      expect(page.html.querySelector('#champ-email')?.getAttribute('value')).toBe(email);
      expect(page.text).not.toContain('Demande enregistrée');
    });
  });

  describe('rate limits', () => {
    it('stops sign-ins to one account after 10 failures, from any address (429)', async () => {
      const { email } = await activeAccount('limite');
      const first = t.browser('198.51.100.10');
      const csrf = csrfOf(await first.get('/connexion'));
      for (let attempt = 1; attempt <= 10; attempt++) {
        const refused = await first.post(
          '/connexion',
          { email, password: `faux ${attempt}` },
          csrf,
        );
        expect(refused.status).toBe(401);
      }
      const limited = await withoutWrites(() =>
        first.post('/connexion', { email, password: 'faux encore une fois' }, csrf),
      );
      expectRefusal(limited, 429, 'Trop de tentatives en peu de temps.', 'Réessayez à partir de');
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);

      // Another address, the right password: still refused, the count is per account.
      const second = t.browser('198.51.100.20');
      const csrf2 = csrfOf(await second.get('/connexion'));
      const elsewhere = await withoutWrites(() =>
        second.post('/connexion', { email, password: PASSWORD }, csrf2),
      );
      expectRefusal(elsewhere, 429, 'Trop de tentatives', 'Réessayez à partir de');
      expect(elsewhere.headers['retry-after']).toBeDefined();
      expect(second.cookies.has('candidat_session')).toBe(false);

      // Once the window has passed, the right password works again.
      t.clock.advance(retryAfter * 1000);
      expect((await second.post('/connexion', { email, password: PASSWORD }, csrf2)).status).toBe(
        303,
      );
    });

    it('stops account creation for one email after 3 in an hour (429)', async () => {
      const email = uniqueEmail('limite-creation');
      const fields = { email, password: PASSWORD, passwordConfirmation: PASSWORD };
      for (let attempt = 1; attempt <= 3; attempt++) {
        const { browser, csrf } = await onCreateForm();
        expect((await browser.post('/compte/creer', fields, csrf)).status).toBe(200);
      }
      const { browser, csrf } = await onCreateForm();
      const limited = await withoutWrites(() => browser.post('/compte/creer', fields, csrf));
      expectRefusal(limited, 429, 'Trop de tentatives en peu de temps.', 'Réessayez à partir de');
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.html.querySelector('#champ-email')?.getAttribute('value')).toBe(email);
    });

    it('stops reset requests for one email after 3 in an hour (429)', async () => {
      const email = uniqueEmail('limite-oubli');
      const ask = async (): Promise<Page> => {
        const browser = t.browser();
        const csrf = csrfOf(await browser.get('/mot-de-passe/oublie'));
        return browser.post('/mot-de-passe/oublie', { email }, csrf);
      };
      for (let attempt = 1; attempt <= 3; attempt++) expect((await ask()).status).toBe(200);
      const limited = await withoutWrites(ask);
      expectRefusal(limited, 429, 'Trop de tentatives en peu de temps.', 'Réessayez à partir de');
      expect(limited.headers['retry-after']).toBeDefined();
    });
  });

  describe('no enumeration', () => {
    const masked = (page: Page, email: string): string => page.text.replaceAll(email, '<adresse>');

    it('answers the create form alike for a new and for an existing email', async () => {
      const newEmail = uniqueEmail('nouveau');
      const fresh = await onCreateForm();
      const forNew = await fresh.browser.post(
        '/compte/creer',
        { email: newEmail, password: PASSWORD, passwordConfirmation: PASSWORD },
        fresh.csrf,
      );
      const existing = await onCreateForm();
      const before = await rowCounts(t.app);
      const forExisting = await existing.browser.post(
        '/compte/creer',
        { email: DEMO_ACCOUNT.email, password: PASSWORD, passwordConfirmation: PASSWORD },
        existing.csrf,
      );
      expect(forExisting.status).toBe(forNew.status);
      expect(forExisting.status).toBe(200);
      expect(masked(forExisting, DEMO_ACCOUNT.email)).toBe(masked(forNew, newEmail));
      const after = await rowCounts(t.app);
      expect(after.accounts).toBe(before.accounts);
      expect(after.sessions).toBe(before.sessions);
    });

    it('answers a sign-in alike for an unknown email and a wrong password', async () => {
      const browser = t.browser();
      const csrf = csrfOf(await browser.get('/connexion'));
      const unknown = await withoutWrites(() =>
        browser.post('/connexion', { email: uniqueEmail('inconnu'), password: PASSWORD }, csrf),
      );
      const wrong = await withoutWrites(() =>
        browser.post('/connexion', { email: DEMO_ACCOUNT.email, password: PASSWORD }, csrf),
      );
      expectRefusal(unknown, 401, BAD_CREDENTIALS);
      expectRefusal(wrong, 401, BAD_CREDENTIALS);
      expect(wrong.text).toBe(unknown.text);
    });

    it('answers a forgotten-password request alike for an unknown and a known email', async () => {
      const unknownEmail = uniqueEmail('oubli-inconnu');
      const ask = async (email: string): Promise<Page> => {
        const browser = t.browser();
        const csrf = csrfOf(await browser.get('/mot-de-passe/oublie'));
        return browser.post('/mot-de-passe/oublie', { email }, csrf);
      };
      const unknown = await withoutWrites(() => ask(unknownEmail));
      const known = await ask(DEMO_ACCOUNT.email);
      expect(known.status).toBe(unknown.status);
      expect(known.status).toBe(200);
      expect(masked(known, DEMO_ACCOUNT.email)).toBe(masked(unknown, unknownEmail));
      expect(known.text).toContain('Si un compte correspond à cette adresse');
    });
  });
});
