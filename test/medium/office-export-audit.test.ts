/**
 * The office's export of registrations hands out many candidates' data, so each export is in
 * the audit log: who, the filters (codes only, and whether something was searched, never the
 * text searched, which may be a name) and how many lines; shown in the journal in French. A
 * refused export (wrong filter, another pôle) leaves no entry.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { CANDIDATURE_FIELDS, IDENTITY_FIELDS, draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import type { Page, TestBrowser } from '../support/test-browser.js';

const dialects = await testDialects();
/** A name typed in the search box: it must reach the list, never the journal. */
const SEARCHED = 'Quéméner';

describe.each(dialects)('the journal of the office’s exports (%s)', (dialect) => {
  let t: TestApp;
  const members = {} as Record<'admin' | 'bacPro', StaffMember>;
  const browsers = {} as Record<'admin' | 'bacPro', TestBrowser>;

  async function register(email: string, exam: 'BCP' | 'BP', birthName: string): Promise<void> {
    const accountId = randomUUID();
    await accountRepository(t.app.database.db).insert({
      id: accountId,
      email,
      passwordHash: 'not used',
      createdAt: t.clock.now(),
      activatedAt: t.clock.now(),
    });
    await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: email,
      fields: draftFields(
        '2025',
        exam,
        exam === 'BCP' ? '40022106' : '45033608',
        { ...IDENTITY_FIELDS, birthName },
        // The BP asks no language.
        exam === 'BP' ? { ...CANDIDATURE_FIELDS, language1: '' } : CANDIDATURE_FIELDS,
      ),
    });
  }

  beforeAll(async () => {
    ({ t } = await startOnPoitiers(dialect));
    // Pôle bac-pro: three BAC PRO Cuisine, one of them named as searched. Pôle sah: one BP.
    await register('yann.quemener@exemple.fr', 'BCP', SEARCHED);
    await register('lea.martin@exemple.fr', 'BCP', 'Martin');
    await register('noe.petit@exemple.fr', 'BCP', 'Petit');
    await register('ana.quemener@exemple.fr', 'BP', SEARCHED);
    for (const [key, email, role, desks] of [
      ['admin', 'admin@ac-poitiers.fr', 'admin', []],
      ['bacPro', 'bac.pro@ac-poitiers.fr', 'gestionnaire', ['bac-pro']],
    ] as const) {
      const { member } = await addStaffMember(t, {
        email,
        name: key === 'admin' ? 'Ada Lovelace' : 'Gaston Lagaffe',
        role,
        desks: [...desks],
      });
      members[key] = member;
      browsers[key] = t.browser();
      browsers[key].cookies.set('candidat_gestion', await mintStaffSession(t, member.id));
    }
  }, 60_000);
  afterAll(() => t.close());

  const exports = () =>
    t.app.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'registrations.exported')
      .orderBy('id')
      .execute();

  const linesOf = (page: Page): Record<string, string>[] =>
    parse<Record<string, string>>(page.body, {
      bom: true,
      delimiter: ';',
      columns: true,
      record_delimiter: '\r\n',
    });

  it('logs who exported, the filters as codes, that a search was typed but not what, and the lines', async () => {
    const query = `?session=2025&examen=BCP&etat=enregistree&q=${encodeURIComponent(SEARCHED)}`;
    const csv = await browsers.admin.get(`/gestion/inscriptions.csv${query}`);
    expect(csv.status).toBe(200);
    expect(linesOf(csv).map((line) => line['Nom de naissance'])).toEqual([SEARCHED]);

    const [entry, ...more] = await exports();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor_kind: 'staff',
      actor_id: members.admin.id,
      subject_type: null,
      subject_id: null,
      before_state: null,
    });
    expect(JSON.parse(entry?.after_state ?? 'null')).toEqual({
      filters: { session: '2025', exam: 'BCP', state: 'enregistree' },
      search: true,
      rows: 1,
    });
    expect(entry?.client_hash).toMatch(/^[0-9a-f]{16}$/);
    // Neither the name searched (as typed or without accents) nor any candidate's value.
    const stored = JSON.stringify(entry).toLowerCase();
    for (const text of [SEARCHED, 'quemener', 'yann.quemener@exemple.fr'])
      expect(stored).not.toContain(text.toLowerCase());
  });

  it('logs a gestionnaire’s export of their pôles with the number of lines the file has', async () => {
    const csv = await browsers.bacPro.get('/gestion/inscriptions.csv');
    expect(csv.status).toBe(200);
    expect(linesOf(csv)).toHaveLength(3);
    const entry = (await exports()).at(-1);
    expect(entry?.actor_id).toBe(members.bacPro.id);
    expect(JSON.parse(entry?.after_state ?? 'null')).toEqual({
      filters: {},
      search: false,
      rows: 3,
    });

    // Spaces alone in the search box are no search.
    await browsers.bacPro.get('/gestion/inscriptions.csv?pole=bac-pro&q=%20%20');
    expect(JSON.parse((await exports()).at(-1)?.after_state ?? 'null')).toEqual({
      filters: { desk: 'bac-pro' },
      search: false,
      rows: 3,
    });
  });

  it('logs nothing for an export it refuses, nor for the list itself', async () => {
    const before = (await exports()).length;
    expect((await browsers.admin.get('/gestion/inscriptions.csv?examen=XYZ')).status).toBe(400);
    expect((await browsers.bacPro.get('/gestion/inscriptions.csv?pole=sah')).status).toBe(403);
    expect((await browsers.admin.get('/gestion/inscriptions?examen=BCP')).status).toBe(200);
    expect((await exports()).length).toBe(before);
  });

  it('shows the export in the journal, in French, with the staff member’s name', async () => {
    const journal = await browsers.admin.get('/gestion/journal');
    expect(journal.status).toBe(200);
    const rows = journal.html
      .querySelectorAll('tbody tr')
      .map((tr) => tr.textContent.replace(/\s+/g, ' '))
      .filter((text) => text.includes('registrations.exported'));
    expect(rows).toHaveLength(3);
    for (const text of rows) expect(text).toContain('Export de la liste des inscriptions (CSV)');
    // Newest first: the gestionnaire's two exports, then the administrator's.
    expect(rows.map((text) => /Personnel : (Ada Lovelace|Gaston Lagaffe)/.exec(text)?.[1])).toEqual(
      ['Gaston Lagaffe', 'Gaston Lagaffe', 'Ada Lovelace'],
    );
    expect(journal.text).not.toContain(SEARCHED);
  });
});
