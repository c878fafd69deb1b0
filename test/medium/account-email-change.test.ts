/**
 * « Modifier mon adresse électronique » on « Mon compte », on SQLite and PostgreSQL: the
 * request (current password, a link to the new address, a notice to the current one), the
 * link (48 hours, single use, only its hash stored), the change it makes (other sessions end,
 * the former address is told, the journal records it without addresses), and the refusals: an
 * address that already has an account (answered as a free one, as account creation does), one
 * taken between the request and the link (409, nothing changed), an expired, used or replaced
 * link. Last, on PostgreSQL, an account created with the address while the link is confirmed.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changePassword } from '../../src/domain/accounts/change-password.js';
import { confirmEmailChange } from '../../src/domain/accounts/confirm-email-change.js';
import { createAccount } from '../../src/domain/accounts/create-account.js';
import type { Account } from '../../src/domain/accounts/ports.js';
import { requestEmailChange } from '../../src/domain/accounts/request-email-change.js';
import { requestPasswordReset } from '../../src/domain/accounts/request-password-reset.js';
import { resetPassword } from '../../src/domain/accounts/reset-password.js';
import { DomainError } from '../../src/domain/errors.js';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { testDialects } from '../support/databases.js';
import { countRows, lastTokenMailed, mailsTo, rowCounts } from '../support/outbox.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { signedInDemo } from '../support/visitors.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';
import { addActiveCandidate } from '../support/visitors.js';

const dialects = await testDialects();
const HOUR = 3_600_000;
const OLD = DEMO_ACCOUNT.email;
const NEW = 'camille.nouvelle@exemple.fr';
const LINK = '/compte/adresse/confirmer';
const NEW_ADDRESS_SUBJECT = 'Changement d’adresse électronique d’un compte candidat';

describe.each(dialects)('« Modifier mon adresse électronique » (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect);
  });
  afterEach(() => t.close());

  const signedIn = (): Promise<TestBrowser> => signedInDemo(t);
  const askFor = async (browser: TestBrowser, email: string, password = DEMO_ACCOUNT.password) =>
    browser.submit(await browser.get('/compte'), '/compte/adresse', { email, password });
  const confirmIn = async (browser: TestBrowser, token: string): Promise<Page> => {
    const page = await browser.get(`${LINK}?jeton=${token}`);
    expect(page.status).toBe(200);
    return browser.submit(page, LINK, {});
  };
  const demo = async (): Promise<Account> => {
    const account = await accountRepository(t.app.database.db).findByEmail(OLD);
    if (!account) throw new Error('the demo account has moved');
    return account;
  };
  const emailOf = async (id: string): Promise<string | undefined> =>
    (await accountRepository(t.app.database.db).findById(id))?.email;
  const journal = (action: string) =>
    t.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  const codeOf = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
    );

  it('moves the account to the new address once the link mailed there is opened', async () => {
    const browser = await signedIn();
    const elsewhere = await signedIn();
    const { id } = await demo();

    const form = await browser.get('/compte');
    expect(
      form.html
        .querySelectorAll('form[action="/compte/adresse"] input')
        .map((i) => i.getAttribute('name')),
    ).toEqual(['_csrf', 'email', 'password']);
    const asked = await askFor(browser, '  Camille.Nouvelle@Exemple.FR ');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(`Un courriel vient d’être envoyé à ${NEW}.`);
    expect(asked.text).toContain('15 novembre 2024 à 11 h 00');

    const [link] = await mailsTo(t.app, NEW);
    expect(link?.subject).toBe(NEW_ADDRESS_SUBJECT);
    expect(link?.text_body).toContain('Confirmer ma nouvelle adresse');
    expect(link?.text_body).toContain('15 novembre 2024 à 11 h 00');
    expect((await mailsTo(t.app, OLD)).map((m) => m.subject)).toEqual([
      'Demande de changement d’adresse électronique',
    ]);
    // Nothing changes before the link is opened; only the token's hash is stored.
    const token = await lastTokenMailed(t.app, NEW, LINK);
    const stored = await t.app.database.db
      .selectFrom('account_tokens')
      .selectAll()
      .where('purpose', '=', 'email-change')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ account_id: id, new_email: NEW, used_at: null });
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await emailOf(id)).toBe(OLD);
    expect((await browser.get('/compte')).text).toContain(
      `Adresse électronique du compte : ${OLD}`,
    );

    // The candidate opens the mail a little later: the two mails to the old address are
    // listed in the order they were queued (the outbox orders by instant).
    t.clock.advance(10 * 60_000);
    const confirmPage = await browser.get(`${LINK}?jeton=${token}`);
    expect(confirmPage.text).toContain(`Nouvelle adresse électronique du compte : ${NEW}`);
    expect(confirmPage.html.querySelector('main button[type=submit]')?.textContent).toBe(
      'Confirmer ma nouvelle adresse',
    );
    const before = browser.cookies.get('candidat_session');
    const confirmed = await browser.submit(confirmPage, LINK, {});
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe('/compte?modifie=adresse');
    expect(browser.cookies.get('candidat_session')).not.toBe(before);
    const shown = await browser.follow(confirmed);
    expect(shown.text).toContain('L’adresse électronique de votre compte a été modifiée.');
    expect(shown.text).toContain(`Adresse électronique du compte : ${NEW}`);
    expect(await emailOf(id)).toBe(NEW);

    expect((await elsewhere.get('/espace')).location).toBe('/connexion');
    expect(await countRows(t.app, 'sessions')).toBe(1);
    expect((await mailsTo(t.app, OLD)).map((m) => m.subject)).toEqual([
      'Demande de changement d’adresse électronique',
      'L’adresse électronique de votre compte a été modifiée',
    ]);

    const entries = [
      ...(await journal('account.email_change_requested')),
      ...(await journal('account.email_changed')),
    ];
    expect(entries.map((e) => [e.actor_kind, e.actor_id, e.subject_type, e.subject_id])).toEqual([
      ['candidate', id, 'account', id],
      ['candidate', id, 'account', id],
    ]);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(OLD);
    expect(text).not.toContain(NEW);

    // The link is spent.
    const again = await t.browser().get(`${LINK}?jeton=${token}`);
    expect(again.status).toBe(400);
    expect(again.text).toContain('Ce lien a déjà servi');
    const replayed = t.browser();
    const replay = await replayed.post(
      LINK,
      { jeton: token },
      csrfOf(await replayed.get('/connexion')),
    );
    expect(replay.status).toBe(400);
    expect(await emailOf(id)).toBe(NEW);

    // Sign-in now takes the new address, and the former one no more.
    const signIn = async (email: string): Promise<number> => {
      const b = t.browser();
      return (
        await b.submit(await b.get('/connexion'), '/connexion', {
          email,
          password: DEMO_ACCOUNT.password,
        })
      ).status;
    };
    expect(await signIn(NEW)).toBe(303);
    expect(await signIn(OLD)).toBe(401);
  });

  it('confirms in a browser that is not signed in, without signing it in, and ends every session', async () => {
    const browser = await signedIn();
    await askFor(browser, NEW);
    const phone = t.browser();
    const done = await confirmIn(phone, await lastTokenMailed(t.app, NEW, LINK));
    expect(done.status).toBe(200);
    expect(done.text).toContain(`L’adresse électronique de votre compte est désormais ${NEW}.`);
    expect(phone.cookies.has('candidat_session')).toBe(false);
    expect((await browser.get('/compte')).location).toBe('/connexion');
    expect(await countRows(t.app, 'sessions')).toBe(0);
  });

  it('refuses a link from its 48th hour, and changes nothing', async () => {
    const browser = await signedIn();
    const { id } = await demo();
    await askFor(browser, NEW);
    const token = await lastTokenMailed(t.app, NEW, LINK);
    t.clock.advance(48 * HOUR - 1);
    const page = await browser.get(`${LINK}?jeton=${token}`);
    expect(page.status).toBe(200);
    t.clock.advance(1);
    const expired = await browser.get(`${LINK}?jeton=${token}`);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Ce lien a expiré');
    const stored = await rowCounts(t.app);
    const posted = await browser.submit(page, LINK, {});
    expect(posted.status).toBe(410);
    expect(posted.text).toContain('n’est valable que 48 heures');
    expect(await rowCounts(t.app)).toEqual(stored);
    expect(await emailOf(id)).toBe(OLD);
  });

  it('answers for an address that already has an account as for a free one, and mails its owner instead of a link', async () => {
    const browser = await signedIn();
    const { id } = await demo();
    const taken = 'deja.inscrite@exemple.fr';
    const owner = await addActiveCandidate(t, taken);
    const filedUnder = async (): Promise<string[]> =>
      (
        await t.app.database.db
          .selectFrom('outbox')
          .select('subject')
          .where('account_id', '=', id)
          .execute()
      )
        .map((m) => m.subject)
        .sort();

    const free = await askFor(browser, NEW);
    const afterFree = await filedUnder();
    const refused = await askFor(browser, 'Deja.Inscrite@exemple.fr');
    expect(refused.status).toBe(free.status);
    expect(refused.text.replace(taken, '…')).toBe(free.text.replace(NEW, '…'));
    // Filed under the asking account, the mails of both requests read alike.
    expect(await filedUnder()).toEqual([...afterFree, ...afterFree].sort());

    const [notice] = await mailsTo(t.app, taken);
    expect(notice?.subject).toBe(NEW_ADDRESS_SUBJECT);
    expect(notice?.text_body).toContain('Cette adresse a déjà un compte');
    expect(notice?.text_body).not.toContain(LINK);
    const links = await t.app.database.db
      .selectFrom('account_tokens')
      .select('new_email')
      .where('purpose', '=', 'email-change')
      .execute();
    expect(links.map((l) => l.new_email)).toEqual([NEW]);
    expect(await emailOf(id)).toBe(OLD);
    expect(await emailOf(owner)).toBe(taken);
  });

  it('refuses with 409 an address another account took since the request, and changes nothing', async () => {
    const browser = await signedIn();
    const { id } = await demo();
    await askFor(browser, NEW);
    const token = await lastTokenMailed(t.app, NEW, LINK);
    await createAccount(t.app.accounts, {
      email: NEW,
      password: 'le mot de passe de quelqu’un d’autre',
      passwordConfirmation: 'le mot de passe de quelqu’un d’autre',
      clientAddress: '198.51.100.7',
    });
    const page = await browser.get(`${LINK}?jeton=${token}`);
    const stored = await rowCounts(t.app);
    const refused = await browser.submit(page, LINK, {});
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Cette adresse a déjà un compte');
    expect(refused.text).toContain('l’adresse de votre compte n’a pas été modifiée');
    expect(await rowCounts(t.app)).toEqual(stored);
    expect(await emailOf(id)).toBe(OLD);
    expect((await browser.get('/compte')).status).toBe(200); // still signed in
    expect(await journal('account.email_changed')).toEqual([]);
    const link = await t.app.database.db
      .selectFrom('account_tokens')
      .select('used_at')
      .where('purpose', '=', 'email-change')
      .executeTakeFirstOrThrow();
    expect(link.used_at).toBeNull();
  });

  it('keeps only the latest link, and refuses a wrong password without sending anything', async () => {
    const browser = await signedIn();
    const stored = await rowCounts(t.app);
    const wrong = await askFor(browser, NEW, 'pas mon mot de passe');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Le mot de passe actuel est incorrect.');
    expect(wrong.html.querySelector('#champ-email')?.getAttribute('value')).toBe(NEW);
    expect(wrong.html.querySelector('.fr-alert--error a')?.getAttribute('href')).toBe(
      '#champ-password',
    );
    expect(await rowCounts(t.app)).toEqual(stored);
    const own = await askFor(browser, OLD.toUpperCase());
    expect(own.status).toBe(422);
    expect(own.text).toContain('C’est déjà l’adresse électronique de votre compte.');

    await askFor(browser, NEW);
    const first = await lastTokenMailed(t.app, NEW, LINK);
    await askFor(browser, 'camille.autre@exemple.fr');
    const page = await browser.get(`${LINK}?jeton=${first}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('remplacé par un lien plus récent');
    expect(
      (await confirmIn(browser, await lastTokenMailed(t.app, 'camille.autre@exemple.fr', LINK)))
        .status,
    ).toBe(303);
  });

  it('is cancelled by a change of password, and by a password reset', async () => {
    const clientAddress = '198.51.100.9';
    const password = 'un mot de passe changé après une alerte';
    await requestEmailChange(t.app.accounts, {
      account: await demo(),
      email: NEW,
      password: DEMO_ACCOUNT.password,
      clientAddress,
    });
    const beforeChange = await lastTokenMailed(t.app, NEW, LINK);
    await changePassword(t.app.accounts, {
      account: await demo(),
      currentPassword: DEMO_ACCOUNT.password,
      newPassword: password,
      newPasswordConfirmation: password,
      clientAddress,
    });
    const confirm = (token: string) =>
      confirmEmailChange(t.app.accounts, { token, sessionToken: undefined, clientAddress });
    expect(await codeOf(confirm(beforeChange))).toBe('invalid_token');

    await requestEmailChange(t.app.accounts, {
      account: await demo(),
      email: NEW,
      password,
      clientAddress,
    });
    const beforeReset = await lastTokenMailed(t.app, NEW, LINK);
    await requestPasswordReset(t.app.accounts, { email: OLD, clientAddress });
    await resetPassword(t.app.accounts, {
      token: await lastTokenMailed(t.app, OLD, '/mot-de-passe/nouveau'),
      password: `${password} encore`,
      passwordConfirmation: `${password} encore`,
    });
    expect(await codeOf(confirm(beforeReset))).toBe('invalid_token');
    expect((await demo()).email).toBe(OLD);
  });
});

/** Sessions of this test's database waiting for a lock another transaction holds. */
async function lockWaiters(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`,
  );
  return Number(rows[0]?.n ?? 0);
}

describe.each(dialects.filter((d) => d === 'postgres'))(
  'an account created with the address while the link is confirmed (%s)',
  (dialect) => {
    let t: TestApp;
    let holder: pg.Client;
    beforeEach(async () => {
      t = await startTestApp(dialect);
      const location = t.database.location;
      if (location.dialect !== 'postgres') throw new Error('PostgreSQL only');
      holder = new pg.Client({ connectionString: location.url });
      await holder.connect();
    });
    afterEach(async () => {
      await holder.end();
      await t.close();
    });

    it('wins: the confirmation is refused with 409 and changes nothing', async () => {
      const accounts = accountRepository(t.app.database.db);
      const account = await accounts.findByEmail(OLD);
      if (!account) throw new Error('no demo account');
      const clientAddress = '198.51.100.11';
      await requestEmailChange(t.app.accounts, {
        account,
        email: NEW,
        password: DEMO_ACCOUNT.password,
        clientAddress,
      });
      const token = await lastTokenMailed(t.app, NEW, LINK);

      // Another account takes the address in a transaction not yet committed: the
      // confirmation does not see it, and its update waits on the unique index.
      await holder.query('begin');
      await holder.query(
        `insert into accounts (id, email, password_hash, created_at) values ($1, $2, 'x', $3)`,
        ['00000000-0000-4000-8000-000000000001', NEW, t.clock.now().toISOString()],
      );
      const confirming = confirmEmailChange(t.app.accounts, {
        token,
        sessionToken: undefined,
        clientAddress,
      }).then(
        () => 'changed',
        (error: unknown) => (error instanceof DomainError ? error.code : error),
      );
      for (let i = 0; i < 500 && (await lockWaiters(holder)) === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await lockWaiters(holder)).toBe(1);
      await holder.query('commit');

      expect(await confirming).toBe('conflict');
      expect((await accounts.findById(account.id))?.email).toBe(OLD);
      const link = await t.app.database.db
        .selectFrom('account_tokens')
        .select('used_at')
        .where('purpose', '=', 'email-change')
        .executeTakeFirstOrThrow();
      expect(link.used_at).toBeNull();
    });
  },
);
