/**
 * The account use cases over a real database, with the clock fixed at the instants that
 * matter: the 48 hours of activation to the millisecond, the purge, the resend that does not
 * extend the delay, concurrent clicks and submits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activateAccount } from '../../src/domain/accounts/activate-account.js';
import { createAccount } from '../../src/domain/accounts/create-account.js';
import { purgeUnactivatedAccounts } from '../../src/domain/accounts/purge-unactivated-accounts.js';
import { resendActivation } from '../../src/domain/accounts/resend-activation.js';
import { requestPasswordReset } from '../../src/domain/accounts/request-password-reset.js';
import { resetPassword } from '../../src/domain/accounts/reset-password.js';
import { signIn } from '../../src/domain/accounts/sign-in.js';
import { DomainError } from '../../src/domain/errors.js';
import { testDialects } from '../support/databases.js';
import { countRows, lastTokenMailed, mailsTo } from '../support/outbox.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const dialects = await testDialects();
const HOUR = 3_600_000;
const CREATED = '2024-10-26T22:30:00.000Z'; // the night of the October DST change, Paris time
const PASSWORD = 'des mots simples mis bout à bout';

describe.each(dialects)('account life-cycle (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { start: CREATED });
  });
  afterEach(() => t.close());

  const create = (email: string, clientAddress = '198.51.100.1'): Promise<{ email: string }> =>
    createAccount(t.app.accounts, {
      email,
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
      clientAddress,
    });
  const codeOf = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'ok',
      (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
    );

  it('activates at 47:59:59.999 after creation', async () => {
    await create('lea@exemple.fr');
    const token = await lastTokenMailed(t.app, 'lea@exemple.fr', '/compte/activer');
    t.clock.advance(48 * HOUR - 1);
    const { sessionToken } = await activateAccount(t.app.accounts, token);
    expect(sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses activation at 48:00:00.000, and the purge then deletes the account with all it owns', async () => {
    await create('lea@exemple.fr');
    const token = await lastTokenMailed(t.app, 'lea@exemple.fr', '/compte/activer');
    t.clock.advance(48 * HOUR - 1);
    expect(await purgeUnactivatedAccounts(t.app.accounts)).toEqual({ deleted: 0 });
    t.clock.advance(1);
    expect(await codeOf(activateAccount(t.app.accounts, token))).toBe('expired_token');
    expect(await purgeUnactivatedAccounts(t.app.accounts)).toEqual({ deleted: 1 });
    expect(await countRows(t.app, 'account_tokens')).toBe(0);
    expect(await mailsTo(t.app, 'lea@exemple.fr')).toEqual([]);

    // The same address can start again, and the old link stays dead.
    await create('lea@exemple.fr');
    expect(await codeOf(activateAccount(t.app.accounts, token))).toBe('invalid_token');
    expect(await mailsTo(t.app, 'lea@exemple.fr')).toHaveLength(1);
  });

  it('keeps activated accounts and the demo account through every purge', async () => {
    await create('lea@exemple.fr');
    await activateAccount(
      t.app.accounts,
      await lastTokenMailed(t.app, 'lea@exemple.fr', '/compte/activer'),
    );
    t.clock.advance(400 * HOUR);
    expect(await purgeUnactivatedAccounts(t.app.accounts)).toEqual({ deleted: 0 });
    expect(await countRows(t.app, 'accounts')).toBe(2);
  });

  it('sends a new activation link that still expires 48 hours after creation', async () => {
    await create('lea@exemple.fr');
    t.clock.advance(47 * HOUR);
    await resendActivation(t.app.accounts, {
      email: 'LEA@exemple.fr',
      clientAddress: '198.51.100.1',
    });
    const mails = await mailsTo(t.app, 'lea@exemple.fr');
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text_body).toContain('avant le 28 octobre 2024 à 23 h 30');
    const fresh = await lastTokenMailed(t.app, 'lea@exemple.fr', '/compte/activer');
    t.clock.advance(HOUR);
    expect(await codeOf(activateAccount(t.app.accounts, fresh))).toBe('expired_token');
  });

  it('answers an existing email as a new one, and mails its owner instead of creating anything', async () => {
    const answer = await create('candidat.demo@exemple.fr');
    expect(answer).toEqual({ email: 'candidat.demo@exemple.fr' });
    expect(await countRows(t.app, 'accounts')).toBe(1);
    const [mail] = await mailsTo(t.app, 'candidat.demo@exemple.fr');
    expect(mail?.subject).toBe('Vous avez déjà un compte candidat');
    expect(mail?.text_body).toContain('Se connecter : http://localhost:3000/connexion');
    expect(mail?.text_body).not.toContain('/compte/activer');
  });

  it('gives the owner of an account waiting for activation a working link when they sign up again', async () => {
    await create('lea@exemple.fr');
    t.clock.advance(HOUR);
    await create('Lea@Exemple.fr');
    const mails = await mailsTo(t.app, 'lea@exemple.fr');
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Activez votre compte candidat',
      'Vous avez déjà un compte candidat',
    ]);
    await activateAccount(
      t.app.accounts,
      await lastTokenMailed(t.app, 'lea@exemple.fr', '/compte/activer'),
    );
  });

  it('creates one account when the form is submitted three times at once (the most the per-account limit lets through)', async () => {
    const answers = await Promise.all(Array.from({ length: 3 }, () => create('rapide@exemple.fr')));
    expect(new Set(answers.map((a) => a.email))).toEqual(new Set(['rapide@exemple.fr']));
    const rows = await t.app.database.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', 'rapide@exemple.fr')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('activates once when the link is clicked twice at the same time', async () => {
    await create('lea@exemple.fr');
    const token = await lastTokenMailed(t.app, 'lea@exemple.fr', '/compte/activer');
    const outcomes = await Promise.all([
      codeOf(activateAccount(t.app.accounts, token)),
      codeOf(activateAccount(t.app.accounts, token)),
    ]);
    expect(outcomes.sort()).toEqual(['invalid_token', 'ok']);
    expect(await countRows(t.app, 'sessions')).toBe(1);
  });

  it('ends every session of the account when the password is reset, and spends the link', async () => {
    await create('lea@exemple.fr');
    await activateAccount(
      t.app.accounts,
      await lastTokenMailed(t.app, 'lea@exemple.fr', '/compte/activer'),
    );
    await signIn(t.app.accounts, {
      email: 'lea@exemple.fr',
      password: PASSWORD,
      clientAddress: '198.51.100.2',
    });
    expect(await countRows(t.app, 'sessions')).toBe(2);

    await requestPasswordReset(t.app.accounts, {
      email: 'lea@exemple.fr',
      clientAddress: '198.51.100.3',
    });
    const token = await lastTokenMailed(t.app, 'lea@exemple.fr', '/mot-de-passe/nouveau');
    t.clock.advance(HOUR - 1);
    const newPassword = 'encore une autre phrase';
    await resetPassword(t.app.accounts, {
      token,
      password: newPassword,
      passwordConfirmation: newPassword,
    });
    expect(await countRows(t.app, 'sessions')).toBe(1);
    expect(
      await codeOf(
        resetPassword(t.app.accounts, {
          token,
          password: newPassword,
          passwordConfirmation: newPassword,
        }),
      ),
    ).toBe('invalid_token');
    expect(
      await codeOf(
        signIn(t.app.accounts, {
          email: 'lea@exemple.fr',
          password: PASSWORD,
          clientAddress: '198.51.100.2',
        }),
      ),
    ).toBe('bad_credentials');
    expect(
      await codeOf(
        signIn(t.app.accounts, {
          email: 'lea@exemple.fr',
          password: newPassword,
          clientAddress: '198.51.100.2',
        }),
      ),
    ).toBe('ok');
  });

  it('refuses a reset link one hour after it was sent', async () => {
    await requestPasswordReset(t.app.accounts, {
      email: 'candidat.demo@exemple.fr',
      clientAddress: '198.51.100.3',
    });
    const token = await lastTokenMailed(t.app, 'candidat.demo@exemple.fr', '/mot-de-passe/nouveau');
    t.clock.advance(HOUR);
    expect(
      await codeOf(
        resetPassword(t.app.accounts, {
          token,
          password: 'encore une autre phrase',
          passwordConfirmation: 'encore une autre phrase',
        }),
      ),
    ).toBe('expired_token');
  });

  it('slows down password guessing on one account whatever the address', async () => {
    const attempt = (i: number): Promise<string> =>
      codeOf(
        signIn(t.app.accounts, {
          email: 'candidat.demo@exemple.fr',
          password: `mauvais essai ${i}`,
          clientAddress: `198.51.100.${i}`,
        }),
      );
    const outcomes = [];
    for (let i = 0; i < 12; i += 1) outcomes.push(await attempt(i));
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('bad_credentials'));
    expect(outcomes.slice(10)).toEqual(['rate_limited', 'rate_limited']);
    t.clock.advance(15 * 60_000);
    expect(await attempt(99)).toBe('bad_credentials');
  });
});
