/**
 * The office's foundation through the real routes and the real command line, on SQLite and
 * PostgreSQL: `candidat staff add` → setup link → password → TOTP set up with a code computed
 * here from the secret on the page → signed in; refusals (wrong password, unknown address,
 * wrong code, replayed code, rate limits); roles (a gestionnaire is refused « Personnel » and
 * « Journal », an administrator is not); candidate and staff sessions that open nothing of
 * each other; and the audit log: one entry per action, written with it, never rewritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { aesGcmSecretBox } from '../../src/domain/staff/secret-box.js';
import { auditLog } from '../../src/infra/repositories/audit-log.repository.js';
import { testDialects } from '../support/databases.js';
import { lastTokenMailed, mailsTo } from '../support/outbox.js';
import { signInDemo } from '../support/registration.js';
import {
  STAFF_PASSWORD,
  activateStaff,
  addStaffMember,
  candidatCli,
  qrOn,
  secretOn,
  setupPathIn,
  signInStaffWith,
  totpAt,
} from '../support/staff.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const STEP_MS = 30_000;
const INTERNAL_DETAIL = /at .*\.ts:|Error:|kysely|sqlite|postgres/i;

/** A French 4xx page with `texts` and no internal detail. */
function expectRefusal(page: Page, status: number, ...texts: string[]): void {
  expect(page.status).toBe(status);
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.html.querySelector('html')?.getAttribute('lang')).toBe('fr');
  for (const text of texts) expect(page.text).toContain(text);
  expect(page.body).not.toMatch(INTERNAL_DETAIL);
}

describe.each(dialects)('the office’s staff (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestBrowser;
  let adminSecret: string;
  let adminId: string;
  const ADMIN = 'ada.admin@ac-poitiers.fr';

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  async function audit(action?: string) {
    let query = t.app.database.db.selectFrom('audit_log').selectAll();
    if (action) query = query.where('action', '=', action);
    return query.orderBy('at').orderBy('id').execute();
  }

  it('explains `staff add` with --help', async () => {
    const help = await candidatCli(t, ['staff', 'add', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: candidat staff add');
    expect(help.stdout).toContain('--role <role>');
    expect(help.stdout).toContain('--desk <code...>');
  });

  it('adds the first administrator from the command line, who activates and sets up TOTP', async () => {
    const refused = await candidatCli(t, [
      'staff',
      'add',
      '--email',
      'x@ac-poitiers.fr',
      '--name',
      'X',
      '--role',
      'gestionnaire',
      '--desk',
      'pole-inconnu',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Pôle inconnu : pole-inconnu.');

    const added = await candidatCli(t, [
      'staff',
      'add',
      '--email',
      ' Ada.Admin@AC-Poitiers.fr ',
      '--name',
      'Ada Lovelace',
      '--role',
      'admin',
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`Staff member added: Ada Lovelace <${ADMIN}>, admin.`);
    const setupPath = setupPathIn(added.stdout);

    admin = t.browser();
    const form = await admin.get(setupPath);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ada Lovelace');
    expect(form.text).toContain('choisissez votre mot de passe');

    // The candidates' password policy applies.
    const short = await admin.submit(form, '/gestion/activation', {
      password: 'trop court',
      passwordConfirmation: 'trop court',
    });
    expectRefusal(short, 422, 'Le mot de passe doit contenir au moins 12 caractères.');

    const chosen = await admin.submit(form, '/gestion/activation', {
      password: STAFF_PASSWORD,
      passwordConfirmation: STAFF_PASSWORD,
    });
    expect(chosen.status).toBe(303);
    expect(chosen.location).toBe('/gestion/connexion/code');
    const pendingCookie = chosen.setCookies.find((c) => c.startsWith('candidat_gestion='));
    expect(pendingCookie).toMatch(/Path=\/gestion/);
    expect(pendingCookie).toMatch(/HttpOnly/);
    expect(pendingCookie).toMatch(/SameSite=Strict/);

    // Half-signed-in (password, no code yet) opens nothing.
    expect((await admin.get('/gestion')).location).toBe('/gestion/connexion');

    const setup = await admin.get('/gestion/connexion/code');
    expect(setup.status).toBe(200);
    expect(setup.text).toContain('Configurer la double authentification');
    adminSecret = secretOn(setup);
    expect(adminSecret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL((await qrOn(setup)) ?? 'missing:');
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(adminSecret);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    // Reloading shows the same secret: one scanned a moment ago stays good.
    expect(secretOn(await admin.get('/gestion/connexion/code'))).toBe(adminSecret);
    expect(setup.body).not.toMatch(/<script(?![^>]*src=)/); // no inline script, the CSP allows none
    expect(setup.body).not.toMatch(/style="/);

    const wrong = await admin.submit(setup, '/gestion/connexion/code', {
      code: totpAt(adminSecret, new Date(t.clock.now().getTime() + 10 * STEP_MS)),
    });
    expectRefusal(wrong, 401, 'Ce code n’est pas valide');
    expect(secretOn(wrong)).toBe(adminSecret);

    const signedIn = await admin.submit(setup, '/gestion/connexion/code', {
      code: totpAt(adminSecret, t.clock.now()),
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/gestion');
    const cookie = signedIn.setCookies.find((c) => c.startsWith('candidat_gestion='));
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(pendingCookie?.split(';')[0] ?? '-');

    const home = await admin.follow(signedIn);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Ada Lovelace');
    expect(home.text).toContain('Administrateur');
    expect(home.text).toContain('Tous les pôles');
    expect(home.body).toContain('Se déconnecter');

    const row = await t.app.database.db
      .selectFrom('staff')
      .selectAll()
      .where('email', '=', ADMIN)
      .executeTakeFirstOrThrow();
    adminId = row.id;
    expect(row.totp_secret).toMatch(/^v1\./);
    expect(row.totp_secret).not.toContain(adminSecret); // sealed, not in clear
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    // The command line's entry is at the real time, the others at the test's fixed clock.
    expect((await audit()).map((e) => [e.action, e.actor_kind, e.subject_id]).sort()).toEqual([
      ['staff.created', 'system', adminId],
      ['staff.password_set', 'staff', adminId],
      ['staff.signed_in', 'staff', adminId],
      ['staff.totp_confirmed', 'staff', adminId],
    ]);

    // The link served once.
    expectRefusal(await t.browser().get(setupPath), 400, 'Ce lien a déjà servi');
  });

  it('signs out, then signs in again with a new code; a replayed code is refused', async () => {
    const home = await admin.get('/gestion');
    const out = await admin.post('/gestion/deconnexion', {}, csrfOf(home));
    expect(out.location).toBe('/gestion/connexion?message=deconnecte');
    expect((await admin.get('/gestion')).location).toBe('/gestion/connexion');

    // Same 30-second step as the code that confirmed the setup: refused.
    const replayed = await signInStaffWith(t, admin, ADMIN, adminSecret);
    expectRefusal(replayed, 401, 'Ce code a déjà servi');
    expect(replayed.text).not.toContain('Configurer'); // set up already: no QR code again
    expect(replayed.html.querySelector('main svg')).toBeNull();

    t.clock.advance(STEP_MS);
    const next = await admin.submit(
      await admin.get('/gestion/connexion/code'),
      '/gestion/connexion/code',
      { code: totpAt(adminSecret, t.clock.now()) },
    );
    expect(next.location).toBe('/gestion');
    // The same code once more, from another browser that got past the password: refused.
    const other = t.browser();
    const again = await signInStaffWith(t, other, ADMIN, adminSecret);
    expectRefusal(again, 401, 'Ce code a déjà servi');
    // A code from the step before is still in the window, but older than the last: refused.
    const older = await other.submit(
      await other.get('/gestion/connexion/code'),
      '/gestion/connexion/code',
      { code: totpAt(adminSecret, new Date(t.clock.now().getTime() - STEP_MS)) },
    );
    expectRefusal(older, 401, 'Ce code a déjà servi');
    expect(other.cookies.has('candidat_gestion')).toBe(true); // still only half signed in
    expect((await other.get('/gestion')).location).toBe('/gestion/connexion');
    expect((await audit('staff.signed_out')).length).toBe(1);
  });

  it('refuses a wrong password and an unknown address alike, without saying which (401)', async () => {
    const browser = t.browser();
    const form = await browser.get('/gestion/connexion');
    const wrong = await browser.submit(form, '/gestion/connexion', {
      email: ADMIN,
      password: 'pas le bon mot de passe',
    });
    const unknown = await browser.submit(form, '/gestion/connexion', {
      email: 'personne@ac-poitiers.fr',
      password: 'pas le bon mot de passe',
    });
    expectRefusal(wrong, 401, 'Adresse électronique ou mot de passe incorrect.');
    expectRefusal(unknown, 401, 'Adresse électronique ou mot de passe incorrect.');
    expect(wrong.text.replace(ADMIN, '@')).toBe(
      unknown.text.replace('personne@ac-poitiers.fr', '@'),
    );
    expect(browser.cookies.has('candidat_gestion')).toBe(false);

    // A candidate's credentials are not a staff member's.
    const candidate = await browser.submit(form, '/gestion/connexion', DEMO_ACCOUNT);
    expectRefusal(candidate, 401, 'Adresse électronique ou mot de passe incorrect.');

    // Without a password step, the code page sends back to the sign-in.
    expect((await browser.get('/gestion/connexion/code')).location).toBe(
      '/gestion/connexion?message=expire',
    );
    const noPending = await browser.post(
      '/gestion/connexion/code',
      { code: '123456' },
      csrfOf(form),
    );
    expect(noPending.location).toBe('/gestion/connexion?message=expire');

    // Without the CSRF token, nothing is read.
    const forged = await t
      .browser()
      .post('/gestion/connexion', { email: ADMIN, password: STAFF_PASSWORD }, null);
    expectRefusal(forged, 403, 'Le formulaire a expiré');
  });

  it('lets a setup link expire after 24 hours, and the code step after 10 minutes', async () => {
    const { setupPath } = await addStaffMember(t, {
      email: 'tardif@ac-poitiers.fr',
      name: 'Tardif',
      role: 'gestionnaire',
      desks: ['industriel-tertiaire'],
    });
    t.clock.advance(24 * 3_600_000 - 1);
    const browser = t.browser();
    const form = await browser.get(setupPath);
    expect(form.status).toBe(200);
    t.clock.advance(1);
    expectRefusal(await browser.get(setupPath), 410, 'Ce lien a expiré');
    const late = await browser.submit(form, '/gestion/activation', {
      password: STAFF_PASSWORD,
      passwordConfirmation: STAFF_PASSWORD,
    });
    expectRefusal(late, 410, 'Ce lien a expiré');

    // The password step holds 10 minutes for the code.
    t.clock.advance(STEP_MS);
    const slow = t.browser();
    const first = await slow.submit(await slow.get('/gestion/connexion'), '/gestion/connexion', {
      email: ADMIN,
      password: STAFF_PASSWORD,
    });
    expect(first.location).toBe('/gestion/connexion/code');
    t.clock.advance(10 * 60_000);
    const code = await slow.post(
      '/gestion/connexion/code',
      { code: totpAt(adminSecret, t.clock.now()) },
      csrfOf(await slow.get('/gestion/connexion')),
    );
    expect(code.location).toBe('/gestion/connexion?message=expire');
    expect((await slow.get('/gestion')).location).toBe('/gestion/connexion');

    // A day went by: the administrator's 8-hour session has ended too; sign in again.
    expect((await admin.get('/gestion')).location).toBe('/gestion/connexion');
    t.clock.advance(STEP_MS);
    expect((await signInStaffWith(t, admin, ADMIN, adminSecret)).location).toBe('/gestion');
  });

  it('says to ask for a new link when the TOTP key changed (secrets no longer open)', async () => {
    const { member, setupPath } = await addStaffMember(t, {
      email: 'rotation@ac-poitiers.fr',
      name: 'Rotation',
      role: 'admin',
    });
    const browser = t.browser();
    const secret = await activateStaff(t, browser, setupPath);
    // Another key sealed this secret: as after a change of TOTP_KEY or SESSION_SECRET.
    await t.app.database.db
      .updateTable('staff')
      .set({ totp_secret: aesGcmSecretBox(Buffer.alloc(32, 7)).seal(secret, member.id) })
      .where('id', '=', member.id)
      .execute();
    t.clock.advance(STEP_MS);
    const page = await signInStaffWith(t, t.browser(), member.email, secret);
    expectRefusal(page, 409, 'Demandez à un administrateur un nouveau lien d’activation.');
  });

  it('stops sign-ins to one staff account after 10 failures, from any address (429)', async () => {
    const { member, setupPath } = await addStaffMember(t, {
      email: 'cible@ac-poitiers.fr',
      name: 'Cible',
      role: 'gestionnaire',
      desks: ['sah'],
    });
    await activateStaff(t, t.browser(), setupPath);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const browser = t.browser(`198.51.100.${attempt}`);
      const page = await browser.submit(
        await browser.get('/gestion/connexion'),
        '/gestion/connexion',
        {
          email: member.email,
          password: `faux ${attempt}`,
        },
      );
      expect(page.status).toBe(401);
    }
    const browser = t.browser('198.51.100.99');
    const limited = await browser.submit(
      await browser.get('/gestion/connexion'),
      '/gestion/connexion',
      { email: member.email, password: STAFF_PASSWORD },
    );
    expectRefusal(limited, 429, 'Trop de tentatives en peu de temps.', 'Réessayez à partir de');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(15 * 60_000);
  });

  it('lets an administrator add a gestionnaire, who is refused « Personnel » and « Journal »', async () => {
    t.clock.advance(STEP_MS);
    const page = await admin.get('/gestion/personnel');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ada Lovelace');

    const invalid = await admin.submit(page, '/gestion/personnel', {
      name: 'Gaston',
      email: 'gaston@ac-poitiers.fr',
      role: 'gestionnaire',
    });
    expectRefusal(invalid, 422, 'Choisissez au moins un pôle pour un gestionnaire.');
    expect(invalid.html.querySelector('#champ-email')?.getAttribute('value')).toBe(
      'gaston@ac-poitiers.fr',
    );

    const created = await admin.submit(page, '/gestion/personnel', {
      name: 'Gaston Lagaffe',
      email: 'Gaston@AC-Poitiers.fr',
      role: 'gestionnaire',
      desks: ['bac-pro', 'sah'],
    });
    expect(created.location).toBe('/gestion/personnel?ajout=1');
    const list = await admin.follow(created);
    expect(list.text).toContain('La personne a été ajoutée.');
    expect(list.text).toContain('Gaston Lagaffe');
    expect(list.text).toContain('En attente d’activation');
    const [mail] = await mailsTo(t.app, 'gaston@ac-poitiers.fr');
    expect(mail?.subject).toBe('Votre accès à l’espace gestionnaire');

    const duplicate = await admin.submit(list, '/gestion/personnel', {
      name: 'Autre',
      email: 'gaston@ac-poitiers.fr',
      role: 'admin',
    });
    expectRefusal(duplicate, 422, 'Un membre du personnel a déjà cette adresse électronique.');

    const gaston = t.browser();
    const token = await lastTokenMailed(t.app, 'gaston@ac-poitiers.fr', '/gestion/activation');
    await activateStaff(t, gaston, `/gestion/activation?jeton=${token}`);
    const home = await gaston.get('/gestion');
    expect(home.text).toContain('Gaston Lagaffe');
    expect(home.text).toContain('Gestionnaire');
    expect(home.text).toContain('Pôle services, alimentation, hôtellerie');
    expect(home.text).toContain('Pôle baccalauréats professionnels');
    expect(home.text).not.toContain('Journal des actions');

    expectRefusal(await gaston.get('/gestion/personnel'), 403, 'réservée aux administrateurs');
    expectRefusal(await gaston.get('/gestion/journal'), 403, 'réservée aux administrateurs');
    const countBefore = (await audit()).length;
    const post = await gaston.post(
      '/gestion/personnel',
      { name: 'Intrus', email: 'intrus@ac-poitiers.fr', role: 'admin' },
      csrfOf(home),
    );
    expectRefusal(post, 403, 'réservée aux administrateurs');
    expect((await audit()).length).toBe(countBefore);
    expect(
      await t.app.database.db
        .selectFrom('staff')
        .select('id')
        .where('email', '=', 'intrus@ac-poitiers.fr')
        .execute(),
    ).toEqual([]);

    const journal = await admin.get('/gestion/journal');
    expect(journal.status).toBe(200);
    expect(journal.text).toContain('Ajout d’un membre du personnel');
    expect(journal.text).toContain('Personnel : Ada Lovelace');
    expect(journal.text).not.toContain(gaston.address); // addresses only as keyed hashes

    const created2 = (await audit('staff.created')).find((e) => e.actor_id === adminId);
    expect(created2?.actor_kind).toBe('staff');
    expect(JSON.parse(created2?.after_state ?? '{}')).toEqual({
      role: 'gestionnaire',
      desks: ['bac-pro', 'sah'],
    });
    expect(created2?.client_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(created2?.after_state).not.toContain('gaston');

    // Disabling ends the gestionnaire's sessions at once; an admin cannot disable themselves.
    const gastonId = (
      await t.app.database.db
        .selectFrom('staff')
        .select('id')
        .where('email', '=', 'gaston@ac-poitiers.fr')
        .executeTakeFirstOrThrow()
    ).id;
    const self = await admin.post(
      `/gestion/personnel/${adminId}/desactiver`,
      {},
      csrfOf(await admin.get('/gestion/personnel')),
    );
    expectRefusal(self, 409, 'Vous ne pouvez pas désactiver votre propre accès.');
    const disabled = await admin.submit(
      await admin.get('/gestion/personnel'),
      `/gestion/personnel/${gastonId}/desactiver`,
      {},
    );
    expect(disabled.location).toBe('/gestion/personnel?desactivation=1');
    expect((await admin.follow(disabled)).text).toContain('Désactivé le');
    expect((await gaston.get('/gestion')).location).toBe('/gestion/connexion');
    const disabledEntry = (await audit('staff.disabled'))[0];
    expect(disabledEntry?.subject_id).toBe(gastonId);
    expect(JSON.parse(disabledEntry?.before_state ?? '{}')).toEqual({ disabledAt: null });
    t.clock.advance(STEP_MS);
    const afterDisable = t.browser();
    const refused = await afterDisable.submit(
      await afterDisable.get('/gestion/connexion'),
      '/gestion/connexion',
      { email: 'gaston@ac-poitiers.fr', password: STAFF_PASSWORD },
    );
    expectRefusal(refused, 401, 'Adresse électronique ou mot de passe incorrect.');
  });

  it('keeps candidate and staff sessions apart', async () => {
    const candidate = t.browser();
    await signInDemo(candidate);
    expect((await candidate.get('/espace')).status).toBe(200);
    for (const path of ['/gestion', '/gestion/personnel', '/gestion/journal']) {
      const page = await candidate.get(path);
      expect(page.status).toBe(303);
      expect(page.location).toBe('/gestion/connexion');
    }
    // A candidate's session token presented as a staff cookie is not a staff session.
    const forged = t.browser();
    forged.cookies.set('candidat_gestion', candidate.cookies.get('candidat_session') ?? '');
    expect((await forged.get('/gestion')).location).toBe('/gestion/connexion');

    // The administrator's staff cookie opens no candidate page, even sent everywhere.
    expect(admin.cookies.has('candidat_gestion')).toBe(true);
    expect(admin.cookies.has('candidat_session')).toBe(false);
    expect((await admin.get('/espace')).location).toBe('/connexion');
    const asCandidate = t.browser();
    asCandidate.cookies.set('candidat_session', admin.cookies.get('candidat_gestion') ?? '');
    expect((await asCandidate.get('/espace')).location).toBe('/connexion');
  });

  it('keeps the audit log append-only and paginates it for administrators', async () => {
    const before = await audit();
    expect(before.length).toBeGreaterThan(5);
    // The application's port can only add.
    const port = auditLog(t.app.database.db, Buffer.alloc(32));
    expect(Object.keys(port)).toEqual(['record']);
    // The database refuses to rewrite or remove an entry, whoever asks.
    await expect(
      t.app.database.db.updateTable('audit_log').set({ action: 'rewritten' }).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.app.database.db.deleteFrom('audit_log').execute()).rejects.toThrow(
      /append-only/,
    );
    expect(await audit()).toEqual(before);

    for (let i = 0; i < 60; i++)
      await port.record({
        at: new Date(Date.UTC(2024, 10, 13, 12, 0, i)),
        actor: { kind: 'system', id: null },
        action: 'test.filler',
        subject: null,
      });
    const first = await admin.get('/gestion/journal');
    expect(first.status).toBe(200);
    expect(first.html.querySelectorAll('tbody tr')).toHaveLength(50);
    expect(first.html.querySelector('a[href="/gestion/journal?page=2"]')).not.toBeNull();
    const second = await admin.get('/gestion/journal?page=2');
    expect(second.html.querySelectorAll('tbody tr')).toHaveLength(before.length + 60 - 50);
    expect(second.text).toContain('Ajout d’un membre du personnel');
    expect((await admin.get('/gestion/journal?page=99')).text).toContain('page 2 sur 2');
    expect((await admin.get('/gestion/journal?page=abc')).status).toBe(404);
  });
  it('gives a member a new setup link: from « Personnel » by mail, and by `staff reset`', async () => {
    t.clock.advance(STEP_MS);
    const cible = await t.app.database.db
      .selectFrom('staff')
      .select('id')
      .where('email', '=', 'cible@ac-poitiers.fr')
      .executeTakeFirstOrThrow();
    const page = await admin.get('/gestion/personnel');
    const self = await admin.post(`/gestion/personnel/${adminId}/nouveau-lien`, {}, csrfOf(page));
    expectRefusal(self, 409, 'Vous ne pouvez pas vous envoyer un nouveau lien');
    const sent = await admin.submit(page, `/gestion/personnel/${cible.id}/nouveau-lien`, {});
    expect(sent.location).toBe('/gestion/personnel?lien=1');
    expect((await admin.follow(sent)).text).toContain('Un nouveau lien d’activation');
    const mails = await mailsTo(t.app, 'cible@ac-poitiers.fr');
    expect(mails.at(-1)?.text_body).toContain('nouveau lien d’activation');
    expect((await audit('staff.setup_link_reissued')).map((e) => e.subject_id)).toEqual([cible.id]);

    // The old password no longer signs in; the new link sets up everything again.
    const before = t.browser();
    const old = await before.submit(await before.get('/gestion/connexion'), '/gestion/connexion', {
      email: 'cible@ac-poitiers.fr',
      password: STAFF_PASSWORD,
    });
    expectRefusal(old, 401, 'Adresse électronique ou mot de passe incorrect.');
    const token = await lastTokenMailed(t.app, 'cible@ac-poitiers.fr', '/gestion/activation');
    const secret = await activateStaff(t, t.browser(), `/gestion/activation?jeton=${token}`);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // The way back in when no administrator can sign in: the command line prints a link.
    const unknown = await candidatCli(t, ['staff', 'reset', '--email', 'personne@ac-poitiers.fr']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Ce membre du personnel n’existe pas.');
    const reset = await candidatCli(t, ['staff', 'reset', '--email', ADMIN]);
    expect(reset.code).toBe(0);
    expect((await admin.get('/gestion')).location).toBe('/gestion/connexion'); // sessions ended
    const again = t.browser();
    const newSecret = await activateStaff(t, again, setupPathIn(reset.stdout));
    expect(newSecret).not.toBe(adminSecret);
    expect((await again.get('/gestion')).text).toContain('Ada Lovelace');
  });
  it('marks the staff cookie Secure when the portal is served over https', async () => {
    const secure = await startTestApp(dialect, {
      env: { PUBLIC_URL: 'https://inscriptions.exemple.fr' },
    });
    try {
      const { setupPath } = await addStaffMember(secure, {
        email: 'https@ac-poitiers.fr',
        name: 'Https',
        role: 'admin',
      });
      const browser = secure.browser();
      const chosen = await browser.submit(await browser.get(setupPath), '/gestion/activation', {
        password: STAFF_PASSWORD,
        passwordConfirmation: STAFF_PASSWORD,
      });
      const cookie = chosen.setCookies.find((c) => c.startsWith('candidat_gestion='));
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/SameSite=Strict/);
    } finally {
      await secure.close();
    }
  });
});
