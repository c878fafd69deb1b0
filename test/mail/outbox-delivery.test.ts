/**
 * Mails over a real SMTP conversation (the `smtp-server` package on a loopback port): the
 * activation mail arrives and its link activates the account; with SMTP down nothing is lost
 * and each mail arrives exactly once when it returns; two workers never send one mail twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createAccount } from '../../src/domain/accounts/create-account.js';
import { testDialects } from '../support/databases.js';
import { SmtpListener, linkIn } from '../support/smtp-listener.js';
import { type TestApp, startTestApp } from '../support/test-app.js';

const dialects = await testDialects();
const PASSWORD = 'des mots simples mis bout à bout';

describe.each(dialects)('mail delivery over SMTP (%s)', (dialect) => {
  let smtp: SmtpListener;
  let t: TestApp;
  beforeEach(async () => {
    smtp = new SmtpListener();
    await smtp.start();
    t = await startTestApp(dialect, { smtpUrl: smtp.url });
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  const create = (email: string): Promise<unknown> =>
    createAccount(t.app.accounts, {
      email,
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
      clientAddress: '198.51.100.7',
    });

  it('delivers the activation mail, whose link activates the account', async () => {
    const browser = t.browser();
    await browser.submit(await browser.get('/compte/creer'), '/compte/creer', {
      email: 'ines@exemple.fr',
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    });
    expect(await t.app.deliverMails()).toEqual({ sent: 1, failed: 0 });

    const mail = await smtp.waitFor('ines@exemple.fr', /^Activez votre compte candidat$/);
    expect(mail.text).toContain('Académie de Poitiers');
    expect(mail.text).toContain(
      'Pôle baccalauréats professionnels : 05.16.52.64.64 / 05.16.52.64.63 / 05.16.52.64.31 / pole.bac.pro@ac-poitiers.fr',
    );
    expect(mail.html).toContain('Activer mon compte');
    expect(mail.html).toContain('pole.sah@ac-poitiers.fr');

    const link = linkIn(mail, '/compte/activer');
    const confirm = await browser.get(link.pathname + link.search);
    const activated = await browser.submit(confirm, '/compte/activer', {});
    expect((await browser.follow(activated)).text).toContain('Votre compte est activé');
  });

  it('keeps mails while SMTP is down and delivers each exactly once when it returns', async () => {
    await smtp.stop();
    await create('a@exemple.fr');
    await create('b@exemple.fr');
    expect(await t.app.deliverMails()).toEqual({ sent: 0, failed: 2 });
    t.clock.advance(31_000);
    expect(await t.app.deliverMails()).toEqual({ sent: 0, failed: 2 });

    await smtp.start(); // same port
    expect(await t.app.deliverMails()).toEqual({ sent: 0, failed: 0 }); // the failed ones wait for their retry instant
    t.clock.advance(120_000);
    expect(await t.app.deliverMails()).toEqual({ sent: 2, failed: 0 });
    t.clock.advance(3_600_000);
    expect(await t.app.deliverMails()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.map((m) => m.to).sort()).toEqual(['a@exemple.fr', 'b@exemple.fr']);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(2);
  });

  it('never sends one mail twice when two nodes deliver at the same time', async () => {
    for (let i = 0; i < 12; i += 1) await create(`n${i}@exemple.fr`);
    // A second application on the same database: on PostgreSQL a second node, on SQLite a second worker.
    const second = await createApp(
      loadConfig({
        ...(t.database.location.dialect === 'sqlite'
          ? { DATABASE_URL: `sqlite:${t.database.location.file}` }
          : { DATABASE_URL: t.database.location.url }),
        SMTP_URL: smtp.url,
        SESSION_SECRET: 'a test secret that is long enough to sign cookies',
        RECEIPT_KEY: 'a test key that is long enough to sign receipt codes',
        LOG_LEVEL: 'silent',
      }),
      { clock: t.clock },
    );
    try {
      const [one, two] = await Promise.all([t.app.deliverMails(), second.deliverMails()]);
      expect(one.sent + two.sent).toBe(12);
    } finally {
      await second.close();
    }
    expect(smtp.received).toHaveLength(12);
    expect(new Set(smtp.received.map((m) => m.to)).size).toBe(12);
  });
});
