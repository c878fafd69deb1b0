/**
 * What every page shares: the French DSFR frame, the brand switch, error pages without
 * internal detail, the health probes, security headers and cookie attributes, the assets
 * served from node_modules, and the demo mailbox that exists only in demo mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/domain/accounts/create-account.js';
import { testDialects } from '../support/databases.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const LEAK = /at .*\.(ts|js):\d|Error:|kysely|sqlite|postgres|stack/i;

describe.each(dialects)('pages (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('renders the home page in French with the académie, skip links, header and pôles in the footer', async () => {
    const page = await t.browser().get('/');
    expect(page.status).toBe(200);
    expect(page.html.querySelector('html')?.getAttribute('lang')).toBe('fr');
    expect(page.html.querySelector('title')?.textContent).toBe(
      'Accueil – Inscriptions aux examens – Académie de Poitiers',
    );
    expect(
      page.html.querySelectorAll('.fr-skiplinks a').map((a) => a.getAttribute('href')),
    ).toEqual(['#contenu', '#pied-de-page']);
    expect(page.html.querySelector('.fr-header__service-tagline')?.textContent).toBe(
      'Académie de Poitiers',
    );
    expect(page.html.querySelector('.fr-logo')).not.toBeNull();
    const footer = page.html.querySelector('#pied-de-page')?.textContent ?? '';
    expect(footer).toContain('Pôle industriel, tertiaire');
    expect(footer).toContain('pole.sah@ac-poitiers.fr');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script anywhere
  });

  it('shows a sign-in page’s notice only for the notices it knows, never an inherited key', async () => {
    for (const path of ['/connexion', '/gestion/connexion']) {
      const known = await t.browser().get(`${path}?message=deconnecte`);
      expect(known.html.querySelectorAll('.fr-alert')).toHaveLength(1);
      expect(known.text).toContain('Vous êtes déconnecté');
      for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        const page = await t.browser().get(`${path}?message=${key}`);
        expect(page.status).toBe(200);
        expect(page.html.querySelectorAll('.fr-alert')).toHaveLength(0);
      }
    }
  });

  it('answers an unknown address with a French 404 page', async () => {
    const page = await t.browser().get('/nulle-part/../../etc/passwd');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Page non trouvée');
    expect(page.body).not.toMatch(LEAK);
  });

  it('serves the design system from node_modules', async () => {
    const css = await t.browser().get('/dsfr/dsfr.min.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect((await t.browser().get('/dsfr/../package.json')).status).toBe(404);
  });

  it('reports health and readiness', async () => {
    const browser = t.browser();
    expect(JSON.parse((await browser.get('/healthz')).body)).toEqual({ status: 'ok' });
    const ready = await browser.get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready' });
  });

  it('sends security headers and no version banner', async () => {
    const page = await t.browser().get('/connexion');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['strict-transport-security']).toBeUndefined(); // plain http here
    expect(page.headers['x-powered-by']).toBeUndefined();
    expect(page.headers.server).toBeUndefined();
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('sets the session cookie HttpOnly and SameSite, and renews it at every sign-in', async () => {
    const credentials = {
      email: 'candidat.demo@exemple.fr',
      password: 'une phrase de passe pour la démo',
    };
    const browser = t.browser();
    const form = await browser.get('/connexion');
    expect(form.setCookies.join('\n')).toMatch(
      /candidat_csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax/,
    );
    const signedIn = await browser.submit(form, '/connexion', credentials);
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.setCookies.find((c) => c.startsWith('candidat_session='));
    expect(cookie).toMatch(/; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/);
    const first = browser.cookies.get('candidat_session') ?? '';

    const again = await browser.post(
      '/connexion',
      credentials,
      csrfOf(await browser.get('/espace')),
    );
    expect(again.status).toBe(303);
    expect(browser.cookies.get('candidat_session')).not.toBe(first);
    const stale = t.browser();
    stale.cookies.set('candidat_session', first);
    expect((await stale.get('/espace')).location).toBe('/connexion');
  });

  it('lists the outbox in the demo mailbox with clickable links', async () => {
    await createAccount(t.app.accounts, {
      email: 'demo.lien@exemple.fr',
      password: 'une phrase assez longue',
      passwordConfirmation: 'une phrase assez longue',
      clientAddress: '198.51.100.9',
    });
    const browser = t.browser();
    const list = await browser.get('/demo/courriels');
    expect(list.status).toBe(200);
    const link = list.html
      .querySelectorAll('main a')
      .find((a) => a.textContent === 'Activez votre compte candidat');
    const mail = await browser.get(link?.getAttribute('href') ?? '');
    expect(mail.status).toBe(200);
    const activate = mail.html
      .querySelectorAll('main a')
      .find((a) => a.textContent === 'Activer mon compte');
    expect(activate?.getAttribute('href')).toMatch(
      /^http:\/\/localhost:3000\/compte\/activer\?jeton=[A-Za-z0-9_-]{43}$/,
    );
    expect((await browser.get('/demo/courriels/00000000-0000-0000-0000-000000000000')).status).toBe(
      404,
    );
  });
});

describe('deployment switches', () => {
  it('drops the State brand and the demo mailbox when told to, and sends HSTS and Secure cookies behind https', async () => {
    const t = await startTestApp('sqlite', {
      smtpUrl: 'smtp://127.0.0.1:1',
      env: {
        STATE_BRAND: 'false',
        PUBLIC_URL: 'https://inscriptions.exemple.fr',
      },
    });
    try {
      const browser = t.browser();
      const page = await browser.get('/connexion');
      expect(page.html.querySelector('.fr-logo')).toBeNull();
      expect(page.body).toContain('/static/without-state-brand.css');
      expect(page.html.querySelector('.fr-header__service-tagline')?.textContent).toBe(
        'Académie de Poitiers',
      );
      expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      expect(page.setCookies.join('\n')).toContain('; Secure');
      expect((await browser.get('/demo/courriels')).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('shows a French error page without detail, and /readyz says not ready, when the database is gone', async () => {
    const t = await startTestApp('sqlite');
    try {
      await t.app.database.close();
      const browser = t.browser();
      browser.cookies.set('candidat_session', 'A'.repeat(43));
      const page = await browser.get('/espace');
      expect(page.status).toBeGreaterThanOrEqual(500);
      expect(page.text).toMatch(/Erreur inattendue|Service temporairement indisponible/);
      expect(page.text).toContain('n’a pas été enregistrée');
      expect(page.body).not.toMatch(LEAK);
      expect((await browser.get('/readyz')).status).toBe(503);
    } finally {
      await t.app.server.close();
      await t.database.drop();
    }
  });
});
