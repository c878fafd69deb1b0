/**
 * The public pages, without an account: the registration calendar at the instants of the
 * Poitiers notice, its iCalendar file read back in UTC, and the pôles with the notice's
 * phones and emails and the exams each handles.
 */
import type { HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogue } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import type { Page } from '../support/test-browser.js';

const dialects = await testDialects();

const fold = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** The row of `exam` in the table of the notice's session, as its cells' text. */
function row(page: Page, exam: string): { badge: string; dates: string; html: HTMLElement } {
  const tr = page.html.querySelector(`#session-2025 tr[data-examen="${exam}"]`);
  if (!tr) throw new Error(`no row for ${exam} in session 2025 (status ${page.status})`);
  const cells = tr.querySelectorAll('td');
  return {
    badge: fold(cells[0]?.querySelector('.fr-badge')?.textContent),
    dates: fold(cells[1]?.textContent),
    html: tr,
  };
}

interface ParsedEvent {
  [property: string]: string;
}

/** Unfolds the content lines (RFC 5545 §3.1) and reads each VEVENT's properties. */
function parseIcs(text: string): { lines: string[]; events: ParsedEvent[] } {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const events: ParsedEvent[] = [];
  let current: ParsedEvent | undefined;
  let inAlarm = false;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = undefined;
    } else if (line === 'BEGIN:VALARM') inAlarm = true;
    else if (line === 'END:VALARM') inAlarm = false;
    else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon);
      current[inAlarm ? `VALARM.${name}` : name] = line.slice(colon + 1);
    }
  }
  return { lines, events };
}

describe.each(dialects)('public pages (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect, { start: '2024-10-15T10:00:00.000Z' });
    await importCatalogue(t.app, 'poitiers-2025.yaml');
  });
  afterAll(() => t.close());

  describe('the calendar', () => {
    it('shows BAC PRO open with the time left and CS and BP not yet open, on 15 October 2024', async () => {
      t.clock.set('2024-10-15T10:00:00.000Z');
      const page = await t.browser().get('/calendrier');
      expect(page.status).toBe(200);
      expect(page.html.querySelector('title')?.textContent).toBe(
        'Calendrier des inscriptions – Inscriptions aux examens – Académie de Poitiers',
      );
      expect(page.html.querySelector('#session-2025 h2')?.textContent).toBe('Session juin 2025');

      const bacPro = row(page, 'BCP');
      expect(bacPro.badge).toBe('Ouvertes');
      expect(bacPro.html.querySelector('.fr-badge--success')).not.toBeNull();
      expect(bacPro.dates).toContain(
        'Inscriptions ouvertes du 10 octobre 2024 à 10 h 00 au 13 novembre 2024 à 19 h 00',
      );
      expect(bacPro.dates).toContain('Clôture dans 29 jours et 8 heures');
      expect(bacPro.html.querySelector('a[href="/inscription/nouvelle"]')?.textContent).toContain(
        'M’inscrire',
      );

      for (const exam of ['CS', 'BP']) {
        const upcoming = row(page, exam);
        expect(upcoming.badge).toBe('À venir');
        expect(upcoming.html.querySelector('.fr-badge--info')).not.toBeNull();
        expect(upcoming.dates).toContain('Inscriptions à partir du 22 octobre 2024 à 0 h 00');
        expect(upcoming.dates).toContain('jusqu’au 13 novembre 2024 à 19 h 00');
        expect(upcoming.html.querySelector('a[href="/inscription/nouvelle"]')).toBeNull();
      }

      expect(page.text).toContain('sans attendre les derniers jours avant la date de clôture');
      expect(page.html.querySelector('a[href="/calendrier.ics"]')).not.toBeNull();
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    });

    it('counts down the last hours and minutes before the close', async () => {
      const browser = t.browser();
      t.clock.set('2024-11-01T14:00:00.000Z');
      expect(row(await browser.get('/calendrier'), 'BCP').dates).toContain(
        'Clôture dans 12 jours et 4 heures',
      );
      t.clock.set('2024-11-13T14:40:00.000Z');
      const day = await browser.get('/calendrier');
      expect(row(day, 'BCP').dates).toContain('Clôture dans 3 heures et 20 minutes');
      expect(row(day, 'CS').badge).toBe('Ouvertes');
      expect(row(day, 'CS').dates).toContain(
        'Inscriptions ouvertes du 22 octobre 2024 à 0 h 00 au 13 novembre 2024 à 19 h 00',
      );
      t.clock.set('2024-11-13T17:15:00.000Z');
      expect(row(await browser.get('/calendrier'), 'BP').dates).toContain(
        'Clôture dans 45 minutes',
      );
      t.clock.set('2024-11-13T17:59:59.999Z');
      expect(row(await browser.get('/calendrier'), 'BCP').dates).toContain(
        'Clôture dans moins d’une minute',
      );
    });

    it('shows every window closed at 19:00 on 13 November 2024, to the millisecond', async () => {
      t.clock.set('2024-11-13T18:00:00.000Z');
      const page = await t.browser().get('/calendrier');
      for (const exam of ['BCP', 'CS', 'BP']) {
        const closed = row(page, exam);
        expect(closed.badge).toBe('Closes');
        expect(closed.html.querySelector('.fr-badge--error')).not.toBeNull();
        expect(closed.dates).toBe('Inscriptions closes depuis le 13 novembre 2024 à 19 h 00');
      }
      expect(page.html.querySelector('#session-2025 a[href="/inscription/nouvelle"]')).toBeNull();
    });

    it('stays no-store for a signed-in candidate, whose header carries a CSRF token', async () => {
      t.clock.set('2024-10-15T10:00:00.000Z');
      const browser = t.browser();
      const signIn = await browser.get('/connexion');
      const signedIn = await browser.submit(signIn, '/connexion', {
        email: 'candidat.demo@exemple.fr',
        password: 'une phrase de passe pour la démo',
      });
      expect(signedIn.status).toBe(303);
      for (const url of ['/calendrier', '/poles']) {
        const page = await browser.get(url);
        expect(page.status).toBe(200);
        expect(
          page.html.querySelector('form[action="/deconnexion"] input[name=_csrf]'),
        ).not.toBeNull();
        expect(page.headers['cache-control']).toBe('no-store');
      }
    });
  });

  describe('the anonymous pages kept in memory for the rush', () => {
    it('sets no cookie for an anonymous visitor and never shows a window open past its close', async () => {
      const visitor = t.browser();
      t.clock.set('2024-11-13T17:59:59.000Z');
      const first = await visitor.get('/calendrier');
      expect(first.setCookies).toEqual([]);
      expect(row(first, 'BCP').badge).toBe('Ouvertes');
      // Same second of the server's clock: the kept page, identical.
      t.clock.set('2024-11-13T17:59:59.999Z');
      const again = await t.browser().get('/calendrier');
      expect(again.body).toBe(first.body);
      // The next second is the close: built again, closed.
      t.clock.set('2024-11-13T18:00:00.000Z');
      expect(row(await t.browser().get('/calendrier'), 'BCP').badge).toBe('Closes');
    });

    it('never gives a signed-in candidate the anonymous page, nor the reverse', async () => {
      t.clock.set('2024-10-16T08:00:00.000Z');
      const anonymous = await t.browser().get('/poles');
      expect(anonymous.html.querySelector('form[action="/deconnexion"]')).toBeNull();
      const browser = t.browser();
      const signIn = await browser.get('/connexion');
      await browser.submit(signIn, '/connexion', {
        email: 'candidat.demo@exemple.fr',
        password: 'une phrase de passe pour la démo',
      });
      const own = await browser.get('/poles');
      expect(own.html.querySelector('form[action="/deconnexion"]')).not.toBeNull();
      const after = await t.browser().get('/poles');
      expect(after.html.querySelector('form[action="/deconnexion"]')).toBeNull();
      expect(after.body).toBe(anonymous.body);
    });
  });

  describe('the calendar file', () => {
    it('is an iCalendar attachment, cacheable a minute and without cookies', async () => {
      t.clock.set('2024-10-15T10:00:00.000Z');
      const file = await t.browser().get('/calendrier.ics');
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(file.headers['content-disposition']).toBe(
        'attachment; filename="inscriptions-poitiers.ics"',
      );
      expect(file.headers['cache-control']).toBe('public, max-age=60');
      expect(file.setCookies).toEqual([]);
      expect(file.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(file.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(file.body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const physical of file.body.split('\r\n')) {
        expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
      }
    });

    it('gives the notice’s opening and closing instants in UTC under stable UIDs', async () => {
      t.clock.set('2024-10-15T10:00:00.000Z');
      const { lines, events } = parseIcs((await t.browser().get('/calendrier.ics')).body);
      expect(lines).toContain('VERSION:2.0');
      const byUid = new Map(events.map((e) => [e.UID, e]));
      const expected = {
        BCP: ['20241010T080000Z', '20241113T180000Z', 'BAC PRO'],
        CS: ['20241021T220000Z', '20241113T180000Z', 'CS'],
        BP: ['20241021T220000Z', '20241113T180000Z', 'BP'],
      };
      for (const [exam, [opens, closes, short]] of Object.entries(expected)) {
        const opening = byUid.get(`2025-${exam}-ouverture@localhost`);
        const closing = byUid.get(`2025-${exam}-cloture@localhost`);
        expect(opening?.DTSTART).toBe(opens);
        expect(closing?.DTSTART).toBe(closes);
        expect(opening?.SUMMARY).toBe(`Ouverture des inscriptions ${short} – Session juin 2025`);
        expect(closing?.SUMMARY).toBe(`Clôture des inscriptions ${short} – Session juin 2025`);
        expect(closing?.['VALARM.TRIGGER']).toBe('-P7D');
        expect(opening?.DTSTAMP).toBe('20241015T100000Z');
        expect(opening?.URL).toBe('http://localhost:3000/calendrier');
      }
      // Commas in the French text are escaped; the Paris wall clock is repeated in words.
      expect(byUid.get('2025-BCP-cloture@localhost')?.DESCRIPTION).toContain(
        'Baccalauréat professionnel (BAC PRO)\\, Session juin 2025 : inscriptions du 10 octobre 2024 à 10 h 00 au 13 novembre 2024 à 19 h 00\\, heure de Paris.\\n',
      );
      // The same file a minute later: the same UIDs, so a calendar updates instead of duplicating.
      t.clock.set('2024-10-15T10:01:00.000Z');
      const again = parseIcs((await t.browser().get('/calendrier.ics')).body);
      expect(again.events.map((e) => e.UID)).toEqual(events.map((e) => e.UID));
    });
  });

  describe('the pôles', () => {
    it('lists the three pôles with the notice’s phones and emails, as links', async () => {
      const page = await t.browser().get('/poles');
      expect(page.status).toBe(200);
      expect(page.html.querySelector('h1')?.textContent).toBe('Contacter les pôles');
      const desks = {
        'industriel-tertiaire': [
          'Pôle industriel, tertiaire',
          ['05.16.52.64.55', '05.16.52.64.56'],
          'pole.industriel.tertiaire@ac-poitiers.fr',
        ],
        sah: [
          'Pôle services, alimentation, hôtellerie',
          ['05.16.52.64.50', '05.16.52.64.53'],
          'pole.sah@ac-poitiers.fr',
        ],
        'bac-pro': [
          'Pôle baccalauréats professionnels',
          ['05.16.52.64.64', '05.16.52.64.63', '05.16.52.64.31'],
          'pole.bac.pro@ac-poitiers.fr',
        ],
      } as const;
      for (const [code, [name, phones, email]] of Object.entries(desks)) {
        const section = page.html.querySelector(`#pole-${code}`);
        expect(section?.querySelector('h2')?.textContent).toBe(name);
        const tel = section?.querySelectorAll('a[href^="tel:"]') ?? [];
        expect(tel.map((a) => a.textContent)).toEqual(phones);
        expect(tel.map((a) => a.getAttribute('href'))).toEqual(
          phones.map((p) => `tel:${p.replace(/\./g, '')}`),
        );
        const mail = section?.querySelector('a[href^="mailto:"]');
        expect(mail?.getAttribute('href')).toBe(`mailto:${email}`);
        expect(mail?.textContent).toBe(email);
      }
      expect(page.headers['cache-control']).toBe('no-store');
    });

    it('says which exams and specialties each pôle handles, from the catalogue', async () => {
      const page = await t.browser().get('/poles');
      const text = (code: string): string => fold(page.html.querySelector(`#pole-${code}`)?.text);

      const bacPro = text('bac-pro');
      expect(bacPro).toContain('Baccalauréat professionnel (BAC PRO) : toutes les spécialités');
      expect(bacPro).not.toContain('Certificat de spécialisation');

      const sah = text('sah');
      expect(sah).toContain('Certificat de spécialisation (CS), les spécialités :');
      expect(sah).toContain('Accueil réception (46133413)');
      expect(sah).toContain('Brevet professionnel (BP), les spécialités :');
      expect(sah).toContain('Arts de la cuisine (45022111)');
      expect(sah).not.toContain('Cybersécurité (46125509)');
      expect(sah).not.toContain('Baccalauréat professionnel');

      const industry = text('industriel-tertiaire');
      expect(industry).toContain('Cybersécurité (46125509)');
      expect(industry).toContain('Électricien (45025517)');
      expect(industry).not.toContain('Accueil réception');
    });
  });

  it('links both pages from the home page and every footer', async () => {
    const home = await t.browser().get('/');
    const main = home.html.querySelectorAll('main a').map((a) => a.getAttribute('href'));
    expect(main).toContain('/calendrier');
    expect(main).toContain('/poles');
    for (const url of ['/', '/calendrier', '/poles', '/connexion']) {
      const page = await t.browser().get(url);
      const footer = page.html
        .querySelectorAll('#pied-de-page .fr-footer__bottom-link')
        .map((a) => [a.textContent.trim(), a.getAttribute('href')]);
      expect(footer).toContainEqual(['Calendrier des inscriptions', '/calendrier']);
      expect(footer).toContainEqual(['Contacter les pôles', '/poles']);
    }
  });
});
