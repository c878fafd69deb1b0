/**
 * « Mes données personnelles »: the archive is costly to build, so an account gets five an
 * hour. The sixth is a French 429 page saying when to come back (Paris time), with
 * Retry-After, and writes no journal entry; the count is per account, and on PostgreSQL held in
 * the database, so a second application node on the same database refuses too (a SQLite file
 * has one process, which keeps its counters in memory).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { openSession } from '../../src/domain/accounts/open-session.js';
import { EXPORT_RATE_LIMIT } from '../../src/domain/personal-data/export-personal-data.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import type { TestApp } from '../support/test-app.js';
import { type Page, TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const ARCHIVE = '/espace/donnees-personnelles/archive';

describe.each(dialects)('the personal data download’s limit (%s)', (dialect) => {
  let t: TestApp;
  /** Accounts by name; each has its own, so one test's downloads do not count in another's. */
  const ids: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  beforeAll(async () => {
    // 10 h 40 in Paris: the hour's counting window ends at 11 h 00, in 20 minutes.
    ({ t } = await startOnPoitiers(dialect, '2024-11-01T09:40:00.000Z'));
    for (const name of ['a', 'b', 'c'] as const) {
      ids[name] = randomUUID();
      await accountRepository(t.app.database.db).insert({
        id: ids[name],
        email: `${name}.limite@exemple.fr`,
        passwordHash: 'not used',
        createdAt: t.clock.now(),
        activatedAt: t.clock.now(),
      });
    }
  });
  afterAll(() => t.close());

  /** A browser signed in as `name` on `server` (the test app's unless given). */
  async function signedIn(name: keyof typeof ids, server = t.app.server): Promise<TestBrowser> {
    const browser = new TestBrowser(server);
    browser.cookies.set(
      'candidat_session',
      await openSession(sessionRepository(t.app.database.db), ids[name], t.clock.now()),
    );
    return browser;
  }

  /** Posts the page's download form, as the button does. */
  async function download(browser: TestBrowser): Promise<Page> {
    const page = await browser.get('/espace/donnees-personnelles');
    expect(page.status).toBe(200);
    return browser.post(ARCHIVE, {}, csrfOf(page));
  }

  const exportsLogged = async (name: keyof typeof ids): Promise<number> =>
    (
      await t.app.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'candidate.data_exported')
        .where('actor_id', '=', ids[name])
        .execute()
    ).length;

  it('gives an account five archives an hour, then a French 429 page saying when, logging nothing', async () => {
    expect(EXPORT_RATE_LIMIT.limit).toBe(5);
    const a = await signedIn('a');
    for (let i = 1; i <= 5; i += 1) {
      const ok = await download(a);
      expect(ok.status, `download ${i}`).toBe(200);
      expect(ok.headers['content-type']).toBe('application/zip');
    }
    expect(await exportsLogged('a')).toBe(5);

    const refused = await download(a);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.headers['content-disposition']).toBeUndefined();
    expect(refused.headers['retry-after']).toBe('1200');
    expect(refused.text).toContain('Trop de téléchargements');
    expect(refused.text).toContain(
      'Vous avez déjà téléchargé vos données 5 fois en moins d’une heure. Réessayez à partir de 11 h 00 (dans 20 minutes).',
    );
    expect(
      refused.html.querySelector('main a[href="/espace/donnees-personnelles"]'),
    ).not.toBeNull();
    expect(await exportsLogged('a')).toBe(5);

    // A minute later it is still refused, with the same instant and less to wait.
    t.clock.advance(60_000);
    const again = await download(a);
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('1140');
    expect(again.text).toContain('Réessayez à partir de 11 h 00 (dans 19 minutes).');
    expect(await exportsLogged('a')).toBe(5);

    // Another account is not held back by A's downloads.
    const b = await signedIn('b');
    expect((await download(b)).status).toBe(200);
  });

  // On PostgreSQL only: a SQLite file has one process, which counts in its memory.
  if (dialect === 'postgres')
    it('counts on every node: a second application on the same database refuses too', async () => {
      // The same configuration (database, secrets, files), as a second node behind the proxy.
      const second: App = await createApp(t.app.config, { clock: t.clock });
      try {
        const here = await signedIn('c');
        const there = await signedIn('c', second.server);
        for (let i = 0; i < 3; i += 1) expect((await download(here)).status).toBe(200);
        for (let i = 0; i < 2; i += 1) expect((await download(there)).status).toBe(200);
        expect((await download(there)).status).toBe(429);
        expect((await download(here)).status).toBe(429);
        expect(await exportsLogged('c')).toBe(5);
      } finally {
        await second.close();
      }
    });

  it('lets the account download again once the hour is over', async () => {
    t.clock.set('2024-11-01T10:00:00.000Z');
    const a = await signedIn('a');
    const ok = await download(a);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/zip');
    expect(await exportsLogged('a')).toBe(6);
  });
});
