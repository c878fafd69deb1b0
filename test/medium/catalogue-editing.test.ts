/**
 * The catalogue edited by an administrator, on each dialect: the export is a file
 * `candidat catalogue import` takes back whole; a window's dates are validated as the import
 * validates them (French reasons on the fields); a change to an open window waits for an
 * explicit confirmation, then is stored, logged and shown by the public calendar; a pôle's
 * phones reach the public page; the YAML page reports errors with their line; a code still
 * used by a registration cannot disappear; a gestionnaire gets nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogueYaml } from '../../src/domain/catalogue/catalogue-yaml.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { openDatabase } from '../../src/infra/db/database.js';
import { loadCatalogue } from '../../src/infra/repositories/catalogue.repository.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { createTestDatabase, testDialects } from '../support/databases.js';
import { draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import { type Page, type TestBrowser, csrfOf } from '../support/test-browser.js';

const run = promisify(execFile);
const dialects = await testDialects();
const dir = mkdtempSync(path.join(tmpdir(), 'candidat-catalogue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WINDOWS = '/gestion/catalogue/fenetres';
const BCP_2025 = `${WINDOWS}/2025/BCP`;

describe.each(dialects)('the catalogue edited by the office (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  let admin: TestBrowser;

  beforeEach(async () => {
    // 1 November 2024: every window of the 2025 session is open.
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
    admin = await staffBrowser('admin@ac-poitiers.fr', 'admin');
  });
  afterEach(() => t.close());

  async function staffBrowser(
    email: string,
    role: 'admin' | 'gestionnaire',
    desks?: string[],
  ): Promise<TestBrowser> {
    const { member } = await addStaffMember(t, {
      email,
      name: email,
      role,
      ...(desks ? { desks } : {}),
    });
    const browser = t.browser();
    browser.cookies.set('candidat_gestion', await mintStaffSession(t, member.id));
    return browser;
  }

  const storedWindow = () =>
    t.app.database.db
      .selectFrom('registration_windows')
      .select(['opens_at', 'closes_at'])
      .where('session_code', '=', '2025')
      .where('exam_code', '=', 'BCP')
      .executeTakeFirstOrThrow();

  const auditEntries = (action: string) =>
    t.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  /**
   * Submits the form posting to `action` on `page` as a person would: every field as the page
   * fills it (visible ones too), `fields` typed over them.
   */
  function fill(
    browser: TestBrowser,
    page: Page,
    action: string,
    fields: Record<string, string>,
  ): Promise<Page> {
    const form = page.html
      .querySelectorAll('form')
      .find((f) => f.getAttribute('action') === action);
    if (!form) throw new Error(`no form posting to ${action} (status ${page.status})`);
    const shown: Record<string, string> = {};
    for (const input of form.querySelectorAll('input'))
      if (input.getAttribute('name'))
        shown[input.getAttribute('name') ?? ''] = input.getAttribute('value') ?? '';
    return browser.post(action, { ...shown, ...fields }, null);
  }

  /** Posts the form of window 2025/BCP with `fields` over the dates it shows. */
  async function postBcpWindow(fields: Record<string, string>): Promise<Page> {
    return fill(admin, await admin.get(WINDOWS), BCP_2025, fields);
  }

  const errorOf = (page: Page, id: string): string | undefined =>
    page.html.querySelector(`#${id}-erreur`)?.textContent.trim();

  it('exports a file that `candidat catalogue import` takes back into a fresh database as the same catalogue', async () => {
    const exported = await admin.get('/gestion/catalogue/export');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toBe('attachment; filename="catalogue.yaml"');
    expect(exported.headers['content-type']).toBe('application/yaml; charset=utf-8');
    // Paris wall-clock times, as the shipped files write them.
    expect(exported.body).toContain("  - code: '2025'");
    expect(exported.body).toMatch(
      /exam: BCP\n\s+opens: 2024-10-10 10:00\n\s+closes: 2024-11-13 19:00/,
    );

    const file = path.join(dir, `export-${dialect}.yaml`);
    writeFileSync(file, exported.body);
    const fresh = await createTestDatabase(dialect);
    try {
      const location = fresh.location;
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'src/cli.ts', 'catalogue', 'import', file],
        {
          env: {
            PATH: process.env.PATH,
            DATA_DIR: fresh.dataDir,
            DATABASE_URL: location.dialect === 'sqlite' ? `sqlite:${location.file}` : location.url,
          },
        },
      );
      expect(stdout).toContain('Catalogue importé : Académie de Poitiers.');
      const database = openDatabase(location);
      try {
        const imported = await loadCatalogue(database.db);
        expect(imported).toEqual(await loadCatalogue(t.app.database.db));
        expect(imported && catalogueYaml(imported)).toBe(exported.body);
      } finally {
        await database.close();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('refuses wrong dates for a window with the import’s French reasons, and changes nothing', async () => {
    const before = await storedWindow();
    const cases: [Record<string, string>, string, string][] = [
      [
        { ouverture_date: '2024-11-20', ouverture_heure: '10:00' },
        'fenetre-2025-BCP-cloture',
        'La fermeture (13 novembre 2024 à 19 h 00) doit venir après l’ouverture (20 novembre 2024 à 10 h 00)',
      ],
      [
        { ouverture_date: '2025-02-30' },
        'fenetre-2025-BCP-ouverture',
        'Le 2025-02-30 n’existe pas dans le calendrier',
      ],
      [
        { cloture_date: '2026-03-29', cloture_heure: '02:30' },
        'fenetre-2025-BCP-cloture',
        'Le 2026-03-29 à 02:30 n’existe pas à Paris : les horloges sautent cette heure au passage à l’heure d’été',
      ],
    ];
    for (const [fields, field, reason] of cases) {
      const page = await postBcpWindow(fields);
      expect(page.status).toBe(422);
      expect(errorOf(page, field)).toBe(reason);
      expect(page.text).toContain('Les dates de BAC PRO n’ont pas été enregistrées');
      // What was typed is shown again.
      for (const [name, value] of Object.entries(fields))
        expect(
          page.html
            .querySelector(`#fenetre-2025-BCP form`)
            ?.querySelector(`input[name=${name}]`)
            ?.getAttribute('value'),
        ).toBe(value);
    }
    expect(await storedWindow()).toEqual(before);
    expect(await auditEntries('catalogue.window_changed')).toEqual([]);
  });

  it('asks to confirm a change to an open window, and stores, logs and shows it only once confirmed', async () => {
    const asked = await postBcpWindow({ cloture_date: '2024-11-12' });
    expect(asked.status).toBe(200);
    const sentence =
      'La fenêtre BAC PRO (Session juin 2025) est ouverte : la clôture passera du 13 novembre 2024 à 19 h 00 au 12 novembre 2024 à 19 h 00.';
    expect(asked.text).toContain(sentence);
    expect(await storedWindow()).toEqual({
      opens_at: '2024-10-10T08:00:00.000Z',
      closes_at: '2024-11-13T18:00:00.000Z',
    });
    expect(await auditEntries('catalogue.window_changed')).toEqual([]);

    const saved = await admin.submit(asked, BCP_2025, { confirmer: '1' });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${WINDOWS}?enregistre=1#fenetre-2025-BCP`);
    expect((await storedWindow()).closes_at).toBe('2024-11-12T18:00:00.000Z');
    const [entry, ...others] = await auditEntries('catalogue.window_changed');
    expect(others).toEqual([]);
    expect(entry?.subject_type).toBe('registration_window');
    expect(entry?.subject_id).toBe('2025/BCP');
    expect(JSON.parse(entry?.before_state ?? 'null')).toEqual({
      windows: {
        '2025/BCP': { opensAt: '2024-10-10T08:00:00.000Z', closesAt: '2024-11-13T18:00:00.000Z' },
      },
    });
    expect(JSON.parse(entry?.after_state ?? 'null')).toEqual({
      windows: {
        '2025/BCP': { opensAt: '2024-10-10T08:00:00.000Z', closesAt: '2024-11-12T18:00:00.000Z' },
      },
      confirmed: [sentence],
    });

    const calendar = await t.browser().get('/calendrier');
    const row = calendar.html.querySelector('#session-2025 tr[data-examen=BCP]');
    expect(row?.textContent.replace(/\s+/g, ' ')).toContain(
      'du 10 octobre 2024 à 10 h 00 au 12 novembre 2024 à 19 h 00',
    );

    // The page it was confirmed from is now stale: posting it again is refused, nothing changes.
    const stale = await admin.submit(asked, BCP_2025, {
      confirmer: '1',
      cloture_date: '2024-11-14',
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Cette fenêtre a été modifiée depuis l’ouverture de la page');
    expect((await storedWindow()).closes_at).toBe('2024-11-12T18:00:00.000Z');
  });

  it('saves at once a change to a window not yet open that stays so', async () => {
    // The demo session's CS window opens a week after the import: moving its close is quiet.
    const page = await admin.get(WINDOWS);
    const saved = await fill(admin, page, `${WINDOWS}/demo/CS`, {
      cloture_date: '2025-01-31',
      cloture_heure: '18:00',
    });
    expect(saved.status).toBe(303);
    const row = await t.app.database.db
      .selectFrom('registration_windows')
      .select('closes_at')
      .where('session_code', '=', 'demo')
      .where('exam_code', '=', 'CS')
      .executeTakeFirstOrThrow();
    expect(row.closes_at).toBe('2025-01-31T17:00:00.000Z');
    const [entry] = await auditEntries('catalogue.window_changed');
    expect(JSON.parse(entry?.after_state ?? 'null')).not.toHaveProperty('confirmed');
  });

  it('changes a pôle’s phones, shown at once by the public page of the pôles', async () => {
    const page = await admin.get('/gestion/catalogue/poles');
    const refused = await fill(admin, page, '/gestion/catalogue/poles/bac-pro', {
      telephones: '05.16.52.64.99, pas un numéro',
    });
    expect(refused.status).toBe(422);
    expect(errorOf(refused, 'pole-bac-pro-telephones')).toBe(
      'Le numéro « pas un numéro » n’est pas un numéro de téléphone',
    );

    const saved = await fill(admin, page, '/gestion/catalogue/poles/bac-pro', {
      telephones: '05.16.52.64.99 ; 05.16.52.64.98',
    });
    expect(saved.status).toBe(303);
    const poles = await t.browser().get('/poles');
    expect(poles.text).toContain('05.16.52.64.99');
    expect(poles.text).toContain('05.16.52.64.98');
    expect(poles.text).not.toContain('05.16.52.64.64');
    const [entry] = await auditEntries('catalogue.desk_changed');
    expect(entry?.subject_id).toBe('bac-pro');
    expect(JSON.parse(entry?.after_state ?? 'null')).toMatchObject({
      desks: { 'bac-pro': { phones: ['05.16.52.64.99', '05.16.52.64.98'] } },
    });
  });

  /** The YAML page's text, `from` replaced by `to` (which must occur once), and its line. */
  async function yamlWith(
    from: string,
    to: string,
  ): Promise<{ page: Page; text: string; line: number }> {
    const page = await admin.get('/gestion/catalogue/yaml');
    const original = page.html.querySelector('#champ-texte')?.textContent ?? '';
    expect(original.split(from)).toHaveLength(2);
    const text = original.replace(from, to);
    return { page, text, line: text.slice(0, text.indexOf(to)).split('\n').length };
  }

  it('refuses a YAML text with an error, naming its line, and applies a valid one whole', async () => {
    const before = await loadCatalogue(t.app.database.db);
    const wrong = await yamlWith(
      'when: { eligibilityRoutes: [ experience, diploma-experience ] }',
      'when: { eligibilityRoutes: [ experience, inconnue ] }',
    );
    const refused = await admin.submit(wrong.page, '/gestion/catalogue/yaml', {
      texte: wrong.text,
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      `Ligne ${wrong.line} : la voie d’accès « inconnue » n’existe dans aucun examen`,
    );
    // What was typed stays in the text area.
    expect(refused.html.querySelector('#champ-texte')?.textContent).toContain('inconnue');

    const broken = await yamlWith('when: { ageBelow: 18 }', 'when: { ageBelow: 18');
    const syntax = await admin.submit(broken.page, '/gestion/catalogue/yaml', {
      texte: broken.text,
    });
    expect(syntax.status).toBe(422);
    expect(syntax.text).toMatch(/Ligne \d+ : syntaxe YAML invalide/);
    expect(await loadCatalogue(t.app.database.db)).toEqual(before);

    const label = await yamlWith(
      'label: Attestation de recensement',
      'label: Attestation de recensement (ou de la JDC)',
    );
    const saved = await admin.submit(label.page, '/gestion/catalogue/yaml', { texte: label.text });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/gestion/catalogue?enregistre=1');
    // The copy in memory, which pages and mails read, has it too.
    expect(
      t.app.registrations.catalogue()?.documentRules.find((r) => r.code === 'recensement')?.label,
    ).toBe('Attestation de recensement (ou de la JDC)');
    const [entry] = await auditEntries('catalogue.edited');
    expect(JSON.parse(entry?.before_state ?? 'null')).toMatchObject({
      documentRules: { recensement: { label: 'Attestation de recensement' } },
    });

    // The page it was made from is now stale: the same text again is refused.
    const stale = await admin.submit(label.page, '/gestion/catalogue/yaml', { texte: label.text });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Le catalogue a été modifié depuis l’ouverture de cette page');
  });

  it('asks the YAML page too to confirm a change to an open window, and can go back to the text', async () => {
    const edit = await yamlWith(
      'exam: BCP\n        opens: 2024-10-10 10:00\n        closes: 2024-11-13 19:00',
      'exam: BCP\n        opens: 2024-10-10 10:00\n        closes: 2024-11-15 19:00',
    );
    const asked = await admin.submit(edit.page, '/gestion/catalogue/yaml', { texte: edit.text });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(
      'La fenêtre BAC PRO (Session juin 2025) est ouverte : la clôture passera du 13 novembre 2024 à 19 h 00 au 15 novembre 2024 à 19 h 00.',
    );
    expect((await storedWindow()).closes_at).toBe('2024-11-13T18:00:00.000Z');

    const back = await admin.submit(asked, '/gestion/catalogue/yaml', { revenir: '1' });
    expect(back.status).toBe(200);
    expect(back.html.querySelector('#champ-texte')?.textContent).toBe(edit.text);

    const saved = await admin.submit(asked, '/gestion/catalogue/yaml', { confirmer: '1' });
    expect(saved.status).toBe(303);
    expect((await storedWindow()).closes_at).toBe('2024-11-15T18:00:00.000Z');
    const [entry] = await auditEntries('catalogue.edited');
    expect(JSON.parse(entry?.after_state ?? 'null')).toMatchObject({
      windows: { '2025/BCP': { closesAt: '2024-11-15T18:00:00.000Z' } },
      confirmed: [expect.stringContaining('La fenêtre BAC PRO (Session juin 2025) est ouverte')],
    });
  });

  it('refuses to remove a specialty a registration uses, and removes one nobody uses', async () => {
    await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: 'candidat.demo@exemple.fr',
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    const used = await yamlWith("      - { code: '40022106', name: Cuisine }\n", '');
    const refused = await admin.submit(used.page, '/gestion/catalogue/yaml', { texte: used.text });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      'La spécialité « 40022106 » (BAC PRO) ne peut être ni retirée ni renommée : 1 inscription y fait référence.',
    );
    const renamed = await yamlWith("  - code: '2025'\n", "  - code: '2025-juin'\n");
    const refusedSession = await admin.submit(renamed.page, '/gestion/catalogue/yaml', {
      texte: renamed.text,
    });
    expect(refusedSession.status).toBe(422);
    expect(refusedSession.text).toContain(
      'La session « 2025 » ne peut être ni retirée ni renommée : 1 inscription y fait référence.',
    );
    const specialties = () =>
      t.app.database.db
        .selectFrom('specialties')
        .select('code')
        .where('exam_code', '=', 'BCP')
        .execute();
    expect((await specialties()).map((s) => s.code)).toContain('40022106');

    const unused = await yamlWith("      - { code: '40031116', name: Logistique }\n", '');
    const saved = await admin.submit(unused.page, '/gestion/catalogue/yaml', {
      texte: unused.text,
    });
    expect(saved.status).toBe(303);
    const codes = (await specialties()).map((s) => s.code);
    expect(codes).toContain('40022106');
    expect(codes).not.toContain('40031116');
    expect((await admin.get('/gestion/catalogue/export')).body).not.toContain('Logistique');
  });

  it('is for administrators only', async () => {
    const gestionnaire = await staffBrowser('bac.pro@ac-poitiers.fr', 'gestionnaire', ['bac-pro']);
    for (const url of ['/gestion/catalogue', '/gestion/catalogue/export', WINDOWS]) {
      const page = await gestionnaire.get(url);
      expect(page.status).toBe(403);
      expect(page.text).toContain('Cette page est réservée aux administrateurs.');
    }
    const home = await gestionnaire.get('/gestion');
    const refused = await gestionnaire.post(
      BCP_2025,
      {
        ouverture_date: '2024-10-01',
        ouverture_heure: '10:00',
        cloture_date: '2024-11-13',
        cloture_heure: '19:00',
        avant: '',
      },
      csrfOf(home),
    );
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Cette page est réservée aux administrateurs.');
    expect((await storedWindow()).opens_at).toBe('2024-10-10T08:00:00.000Z');
    expect((await t.browser().get('/gestion/catalogue')).location).toBe('/gestion/connexion');
  });
});
