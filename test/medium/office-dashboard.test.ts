/**
 * The session dashboard (/gestion/tableau-de-bord) over a real database: registrations made
 * at known instants around Paris midnight and the change to winter time (27 October 2024)
 * are counted on their Paris day in the chart and in its table; completeness, documents
 * waiting per pôle and the time left before each close are what the data says; a
 * gestionnaire sees only their pôles' exams.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { HTMLElement } from 'node-html-parser';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { declareComplete } from '../../src/domain/documents/declare-complete.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { requiredDocumentRepository } from '../../src/infra/repositories/required-document.repository.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { CANDIDATURE_FIELDS, IDENTITY_FIELDS, draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import type { Page } from '../support/test-browser.js';

const dialects = await testDialects();

const BCP_CUISINE = ['BCP', '40022106'] as const; // pôle bac-pro
const CS_CYBER = ['CS', '46125509'] as const; // pôle industriel, tertiaire
const CS_ACCUEIL = ['CS', '46133413'] as const; // pôle services, alimentation, hôtellerie

/** 10 November 2024, 13:00 in Paris: the BAC PRO closes on 13 November at 19:00 (Paris). */
const NOW = '2024-11-10T12:00:00.000Z';

const png = (): Buffer => {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(90);
  return PNG.sync.write(image);
};

const cells = (row: HTMLElement | null): string[] =>
  (row?.querySelectorAll('td') ?? []).map((td) => td.textContent.replace(/\s+/g, ' ').trim());

describe.each(dialects)('the session dashboard (%s)', (dialect) => {
  let t: TestApp;
  let bcpDocuments: number;
  const staff: Record<'admin' | 'industry' | 'sah', string> = { admin: '', industry: '', sah: '' };

  /** A new candidate registered to `exam`/`specialty`, saved at `at`. */
  async function register(
    [exam, specialty]: readonly [string, string],
    at: string,
  ): Promise<{ id: string; number: string; accountId: string }> {
    const account = { id: randomUUID(), email: `${randomUUID()}@exemple.fr` };
    await accountRepository(t.app.database.db).insert({
      ...account,
      passwordHash: 'not used',
      createdAt: new Date('2024-10-01T00:00:00.000Z'),
      activatedAt: new Date('2024-10-01T00:00:00.000Z'),
    });
    t.clock.set(at);
    const saved = await saveRegistration(t.app.registrations, {
      accountId: account.id,
      accountEmail: account.email,
      fields: draftFields(
        '2025',
        exam,
        specialty,
        IDENTITY_FIELDS,
        // The CS asks no language and has no eligibility by work experience.
        exam === 'CS'
          ? { ...CANDIDATURE_FIELDS, eligibilityRoute: 'training', language1: '' }
          : CANDIDATURE_FIELDS,
      ),
    });
    return { id: saved.id, number: saved.number, accountId: account.id };
  }

  async function upload(
    r: { number: string; accountId: string },
    documentKey: string,
    at: string,
  ): Promise<void> {
    t.clock.set(at);
    await addUpload(t.app.documents, {
      accountId: r.accountId,
      registrationNumber: r.number,
      documentKey,
      originalName: `${documentKey}.png`,
      source: Readable.from([png()]),
    });
  }

  beforeAll(async () => {
    ({ t } = await startOnPoitiers(dialect, '2024-10-20T09:00:00.000Z'));
    const db = t.app.database.db;
    const documents = requiredDocumentRepository(db);

    // Paris is UTC+2 until 27 October 2024, 03:00 (01:00 UTC), then UTC+1.
    const a = await register(BCP_CUISINE, '2024-10-26T21:30:00.000Z'); // 26 Oct, 23:30 Paris
    const b = await register(BCP_CUISINE, '2024-10-26T22:30:00.000Z'); // 27 Oct, 00:30 Paris
    const c = await register(BCP_CUISINE, '2024-10-27T00:30:00.000Z'); // 27 Oct, 02:30 (summer)
    const d = await register(BCP_CUISINE, '2024-10-27T01:30:00.000Z'); // 27 Oct, 02:30 (winter)
    await register(BCP_CUISINE, '2024-10-27T22:30:00.000Z'); // 27 Oct, 23:30 Paris
    await register(BCP_CUISINE, '2024-10-27T23:30:00.000Z'); // 28 Oct, 00:30 Paris
    await register(BCP_CUISINE, '2024-11-05T23:30:00.000Z'); // 6 Nov, 00:30 Paris
    const cyber = await register(CS_CYBER, '2024-11-05T10:00:00.000Z'); // 5 Nov
    await register(CS_ACCUEIL, '2024-11-05T11:00:00.000Z'); // 5 Nov

    // A modification of a on 6 November (Paris) is not a new registration; then its whole
    // file, declared complete.
    t.clock.set('2024-11-06T08:00:00.000Z');
    await saveRegistration(t.app.registrations, {
      accountId: a.accountId,
      accountEmail: 'a@exemple.fr',
      fields: draftFields('2025', ...BCP_CUISINE),
    });
    const required = (await documents.list(a.id)).filter((doc) => doc.required);
    expect(required.length).toBeGreaterThan(1);
    for (const doc of required) await upload(a, doc.key, '2024-11-07T09:00:00.000Z');
    await declareComplete(t.app.documents, {
      accountId: a.accountId,
      accountEmail: 'a@exemple.fr',
      registrationNumber: a.number,
    });
    // b sent one document, the oldest waiting (6 November, 10:00 in Paris).
    await upload(b, 'piece-identite', '2024-11-06T09:00:00.000Z');
    bcpDocuments = required.length + 1;
    // c had a document refused; d was set aside by the office.
    await documents.setState(c.id, 'piece-identite', 'refuse', new Date(NOW));
    await db
      .updateTable('registrations')
      .set({ set_aside_at: NOW, set_aside_reason: 'Doublon' })
      .where('id', '=', d.id)
      .execute();
    // One document waits in the pôle industriel, tertiaire.
    await upload(cyber, 'piece-identite', '2024-11-08T15:00:00.000Z');

    staff.admin = (
      await addStaffMember(t, { email: 'admin@ac.fr', name: 'A', role: 'admin' })
    ).member.id;
    staff.industry = (
      await addStaffMember(t, {
        email: 'it@ac.fr',
        name: 'I',
        role: 'gestionnaire',
        desks: ['industriel-tertiaire'],
      })
    ).member.id;
    staff.sah = (
      await addStaffMember(t, {
        email: 'sah@ac.fr',
        name: 'S',
        role: 'gestionnaire',
        desks: ['sah'],
      })
    ).member.id;
  });
  afterAll(() => t.close());

  async function dashboard(who: keyof typeof staff, query = '?session=2025'): Promise<Page> {
    const browser = t.browser();
    browser.cookies.set('candidat_gestion', await mintStaffSession(t, staff[who]));
    return browser.get(`/gestion/tableau-de-bord${query}`);
  }

  const dayRow = (page: Page, day: string) => page.html.querySelector(`tr[data-jour="${day}"]`);
  const bar = (page: Page, day: string) => page.html.querySelector(`rect[data-cle="${day}"]`);

  it('counts each registration on its Paris day, around midnight and across the change to winter time, in the table and the chart', async () => {
    t.clock.set(NOW);
    const page = await dashboard('admin');
    expect(page.status).toBe(200);
    expect(page.html.querySelector('h1')?.textContent).toBe('Tableau de bord – Session juin 2025');

    // Every day from the BAC PRO's opening (10 October) to today, none missing.
    const days = page.html
      .querySelectorAll('tr[data-jour]')
      .map((r) => r.getAttribute('data-jour'));
    expect(days[0]).toBe('2024-10-10');
    expect(days.at(-1)).toBe('2024-11-10');
    expect(days).toHaveLength(32);

    const expected: Record<string, [string]> = {
      '2024-10-25': ['0'],
      '2024-10-26': ['1'],
      '2024-10-27': ['4'],
      '2024-10-28': ['1'],
      '2024-11-05': ['2'],
      '2024-11-06': ['1'],
    };
    for (const [day, counts] of Object.entries(expected)) {
      expect(cells(dayRow(page, day)), day).toEqual(counts);
      expect(bar(page, day)?.getAttribute('data-valeur'), day).toBe(counts[0]);
    }
    expect(dayRow(page, '2024-10-27')?.querySelector('th')?.textContent).toBe(
      'dimanche 27 octobre 2024',
    );
    expect(cells(page.html.querySelector('details tfoot tr'))).toEqual(['9']);

    // Bars are proportional: 27 October (4) is four times 26 October (1), 25 October is flat.
    const height = (day: string): number => Number(bar(page, day)?.getAttribute('height'));
    expect(height('2024-10-27')).toBeCloseTo(4 * height('2024-10-26'), 1);
    expect(height('2024-10-26')).toBeGreaterThan(0);
    expect(height('2024-10-25')).toBe(0);
    expect(bar(page, '2024-10-27')?.querySelector('title')?.textContent).toBe(
      'dimanche 27 octobre 2024 : 4 inscriptions',
    );
  });

  it('draws a well-formed SVG image with its title, description and French axes', async () => {
    t.clock.set(NOW);
    const page = await dashboard('admin');
    const svg = page.html.querySelector('svg#graphique-inscriptions');
    expect(svg?.getAttribute('role')).toBe('img');
    const [titleId, descriptionId] = (svg?.getAttribute('aria-labelledby') ?? '').split(' ');
    expect(svg?.querySelector(`title#${titleId}`)?.textContent).toBe(
      'Nouvelles inscriptions par jour – Session juin 2025',
    );
    expect(svg?.querySelector(`desc#${descriptionId}`)?.textContent).toContain(
      '9 inscriptions au total, au plus 4 le dimanche 27 octobre 2024.',
    );
    const texts = svg?.querySelectorAll('text').map((e) => e.textContent) ?? [];
    expect(texts).toContain('Jour (heure de Paris)');
    expect(texts).toContain('Nouvelles inscriptions');
    expect(texts).toContain('10 oct.');
    // Drawn in the text's colour, so forced-colours (high contrast) modes recolour it.
    expect(svg?.getAttribute('fill')).toBe('currentColor');

    // An SVG renderer accepts it as a file on its own (it would refuse malformed XML).
    const source = (svg?.toString() ?? '').replace('width="100%"', 'width="800" height="340"');
    const image = await loadImage(Buffer.from(source));
    expect([image.width, image.height]).toEqual([800, 340]);
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    // The bars are painted: the pixel inside the bar of 27 October is not transparent.
    const rect = svg?.querySelector('rect[data-cle="2024-10-27"]');
    const [x, y] = [Number(rect?.getAttribute('x')) + 2, Number(rect?.getAttribute('y')) + 2];
    expect(canvas.getContext('2d').getImageData(x, y, 1, 1).data[3]).toBe(255);
  });

  it('gives the completeness of each specialty in counts and percentages', async () => {
    t.clock.set(NOW);
    const page = await dashboard('admin');
    const cuisine = page.html.querySelector(
      '#titre-completude ~ div tr[data-examen="BCP"][data-specialite="40022106"]',
    );
    expect(cuisine?.querySelector('th')?.textContent).toContain('BAC PRO Cuisine');
    expect(cells(cuisine)).toEqual(['7', '1 (14 %)', '2 (29 %)', '1 (14 %)', '1 (14 %)']);
    expect(
      cells(
        page.html.querySelector(
          '#titre-completude ~ div tr[data-examen="CS"][data-specialite="46125509"]',
        ),
      ),
    ).toEqual(['1', '0 (0 %)', '1 (100 %)', '0 (0 %)', '0 (0 %)']);
    // The CS total adds up its two specialties; the BP, with a window but nobody, shows 0.
    expect(
      cells(
        page.html.querySelector(
          '#titre-completude ~ div tr[data-examen="CS"]:not([data-specialite])',
        ),
      )[0],
    ).toBe('2');
    expect(
      cells(
        page.html.querySelector(
          '#titre-completude ~ div tr[data-examen="BP"]:not([data-specialite])',
        ),
      ),
    ).toEqual(['0', '0', '0', '0', '0']);
    expect(cells(page.html.querySelector('#titre-completude ~ div tfoot tr'))).toEqual([
      '9',
      '1 (11 %)',
      '3 (33 %)',
      '1 (11 %)',
      '1 (11 %)',
    ]);
  });

  it('counts the documents waiting for a check per pôle, with the oldest, and links to their list', async () => {
    t.clock.set(NOW);
    const page = await dashboard('admin');
    const bacPro = page.html.querySelector('tr[data-pole="bac-pro"]');
    expect(cells(bacPro).slice(0, 2)).toEqual([String(bcpDocuments), '2']);
    const oldest = bacPro?.querySelectorAll('td')[2];
    expect(oldest?.childNodes[0]?.textContent).toBe('4 jours et 3 heures');
    expect(oldest?.querySelector('.fr-hint-text')?.textContent).toBe(
      'transmise le 6 novembre 2024 à 10 h 00',
    );
    expect(bacPro?.querySelector('a')?.getAttribute('href')).toBe(
      '/gestion/inscriptions?session=2025&etat=a-verifier&pole=bac-pro',
    );
    expect(
      cells(page.html.querySelector('tr[data-pole="industriel-tertiaire"]')).slice(0, 2),
    ).toEqual(['1', '1']);
    const sah = page.html.querySelector('tr[data-pole="sah"]');
    expect(cells(sah).slice(0, 3)).toEqual(['0', '0', 'Aucune pièce en attente']);
    expect(sah?.querySelector('a')).toBeNull();
  });

  it('says the time left before each close, then since when it is closed', async () => {
    t.clock.set(NOW);
    const open = await dashboard('admin');
    const bcp = open.html.querySelector('#titre-clotures ~ div tr[data-examen="BCP"]');
    expect(bcp?.textContent).toContain('Clôture dans 3 jours et 6 heures');
    expect(bcp?.textContent).toContain('Ouvertes');

    t.clock.set('2024-11-13T17:59:00.000Z');
    expect((await dashboard('admin')).text).toContain('Clôture dans 1 minute');

    t.clock.set('2024-11-14T08:00:00.000Z');
    const closed = await dashboard('admin');
    const after = closed.html.querySelector('#titre-clotures ~ div tr[data-examen="BCP"]');
    expect(after?.textContent).toContain('Close depuis le 13 novembre 2024 à 19 h 00');
    expect(after?.textContent).toContain('Closes');
    // Once every window is closed, the days stop at the last close.
    expect(closed.html.querySelectorAll('tr[data-jour]').at(-1)?.getAttribute('data-jour')).toBe(
      '2024-11-13',
    );
  });

  it('shows a gestionnaire only the exams and specialties of their pôle', async () => {
    t.clock.set(NOW);
    const page = await dashboard('industry');
    expect(page.status).toBe(200);
    expect(page.text).toContain('pour votre pôle : Pôle industriel, tertiaire.');
    // The pôle handles some CS and BP specialties, no BAC PRO.
    expect(
      page.html
        .querySelectorAll('#titre-clotures ~ div tr[data-examen]')
        .map((r) => r.getAttribute('data-examen')),
    ).toEqual(['CS', 'BP']);
    expect(page.html.querySelectorAll('tr[data-examen="BCP"]')).toHaveLength(0);
    expect(
      page.html
        .querySelectorAll('tr[data-specialite]')
        .map((r) => r.getAttribute('data-specialite')),
    ).toEqual(['46125509']);
    expect(
      page.html.querySelectorAll('tr[data-pole]').map((r) => r.getAttribute('data-pole')),
    ).toEqual(['industriel-tertiaire']);
    // Its days start when its first window opens (CS and BP: 22 October, Paris midnight).
    expect(page.html.querySelector('tr[data-jour]')?.getAttribute('data-jour')).toBe('2024-10-22');
    expect(cells(dayRow(page, '2024-11-05'))).toEqual(['1']);
    expect(cells(page.html.querySelector('details tfoot tr'))).toEqual(['1']);
    expect(page.body).not.toContain('Cuisine');

    const sah = await dashboard('sah');
    expect(
      sah.html
        .querySelectorAll('tr[data-specialite]')
        .map((r) => r.getAttribute('data-specialite')),
    ).toEqual(['46133413']);
    expect(cells(dayRow(sah, '2024-11-05'))).toEqual(['1']);
  });

  it('opens on the latest session by default, offers the others, and refuses a bad or unknown one in French', async () => {
    t.clock.set(NOW);
    // The demo session (imported with the clock on 20 October) sits before June 2025.
    const latest = await dashboard('admin', '');
    expect(latest.status).toBe(200);
    expect(latest.html.querySelector('h1')?.textContent).toBe(
      'Tableau de bord – Session juin 2025',
    );
    expect(
      latest.html
        .querySelectorAll('select[name=session] option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(expect.arrayContaining(['2025', 'demo']));
    const demo = await dashboard('admin', '?session=demo');
    expect(demo.html.querySelector('h1')?.textContent).toBe(
      'Tableau de bord – Session de démonstration',
    );
    expect(demo.html.querySelectorAll('tr[data-specialite]')).toHaveLength(0);

    const unknown = await dashboard('admin', '?session=2031');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Cette session n’existe pas au catalogue.');
    for (const bad of [
      '?session=',
      '?session=%3Cscript%3E',
      '?session=2025&session=demo',
      `?session=${'a'.repeat(200)}`,
    ]) {
      const refused = await dashboard('admin', bad);
      expect(refused.status, bad).toBe(400);
      expect(refused.text).toContain('n’est pas un code de session valide');
    }
  });

  it('is in the office’s menu and on its home page', async () => {
    const browser = t.browser();
    browser.cookies.set('candidat_gestion', await mintStaffSession(t, staff.sah));
    const home = await browser.get('/gestion');
    expect(home.html.querySelectorAll('a[href="/gestion/tableau-de-bord"]').length).toBe(2);
    const page = await browser.get('/gestion/tableau-de-bord');
    expect(page.html.querySelector('nav a[aria-current="page"]')?.getAttribute('href')).toBe(
      '/gestion/tableau-de-bord',
    );
  });
});
