/**
 * « Inscriptions » for the office: the filters, the search box (number, email, name without
 * accents or case), the pôles' scope, refusals of bad filters, the pages, and the CSV export
 * read back with a real CSV parser and compared with the rows the list shows.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { HTMLElement } from 'node-html-parser';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { declareComplete } from '../../src/domain/documents/declare-complete.js';
import { criteriaFor } from '../../src/domain/office/registration-criteria.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { officeRegistrationsRepository } from '../../src/infra/repositories/office-registrations.repository.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { CANDIDATURE_FIELDS, IDENTITY_FIELDS, draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import type { Page, TestBrowser } from '../support/test-browser.js';

const dialects = await testDialects();

/** An address the candidates' form accepts, and a spreadsheet would run as a formula. */
const FORMULA_EMAIL = '=jules.dubois@exemple.fr';
/** The office's own words, with what CSV must quote: quotes, a semicolon, a line of French. */
const SET_ASIDE_REASON = 'Inscription en double ; voir le dossier « 2024 » et "l’autre" numéro';
/** Every answer the candidature step offers, as the form posts them (codes, not labels). */
const LEGRAND_CANDIDATURE = {
  ...CANDIDATURE_FIELDS,
  eligibilityRoute: 'previous-session',
  format: 'progressive',
  language1: 'espagnol',
  language2: 'anglais',
  optionalTest: 'arts',
  kept_E1: 'oui',
  keptYear_E1: '2023',
  keptMark_E1: '12,5',
  kept_E2: 'oui',
  keptYear_E2: '2022',
  keptMark_E2: '14',
  exempt_E5: 'oui',
  exemptDiploma_E5: 'Baccalauréat général',
  arrangements: 'oui',
  arrangementsDetails: '-1/3 temps ; salle au rez-de-chaussée',
};
/** How many registrations of the pôle bac-pro make the list run over one page. */
const BULK = 55;

const png = (): Buffer => {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(200);
  return PNG.sync.write(image);
};

/** The numbers listed on a page of the list, in order. */
const numbersOn = (page: Page): string[] =>
  page.html.querySelectorAll('tbody th[scope=row] a').map((a) => a.textContent.trim());

const textOf = (within: HTMLElement | null, selector: string): string =>
  (within?.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe.each(dialects)('the office’s list of registrations (%s)', (dialect) => {
  let t: TestApp;
  const n = { leGall: '', dupont: '', lefevre: '', legrand: '', dubois: '' };
  const bulk: string[] = [];
  const members: Record<'admin' | 'bacPro' | 'sah', StaffMember> = {} as never;
  const browsers: Record<'admin' | 'bacPro' | 'sah', TestBrowser> = {} as never;

  /** A new candidate registered to `exam`/`specialty` with `identity` over the tests' own. */
  async function register(
    email: string,
    exam: string,
    specialty: string,
    identity: Partial<typeof IDENTITY_FIELDS> = {},
    candidature?: Record<string, string>,
  ): Promise<{ number: string; id: string; accountId: string }> {
    const account = { id: randomUUID(), email };
    await accountRepository(t.app.database.db).insert({
      ...account,
      passwordHash: 'not used',
      createdAt: t.clock.now(),
      activatedAt: t.clock.now(),
    });
    const saved = await saveRegistration(t.app.registrations, {
      accountId: account.id,
      accountEmail: email,
      fields: draftFields(
        '2025',
        exam,
        specialty,
        { ...IDENTITY_FIELDS, ...identity },
        // The CS asks no language and has no eligibility by work experience; the BP no language.
        candidature ??
          (exam === 'CS'
            ? { ...CANDIDATURE_FIELDS, eligibilityRoute: 'training', language1: '' }
            : exam === 'BP'
              ? { ...CANDIDATURE_FIELDS, language1: '' }
              : CANDIDATURE_FIELDS),
      ),
    });
    return { number: saved.number, id: saved.id, accountId: account.id };
  }

  async function upload(r: { number: string; accountId: string }, key: string): Promise<void> {
    await addUpload(t.app.documents, {
      accountId: r.accountId,
      registrationNumber: r.number,
      documentKey: key,
      originalName: `${key}.png`,
      source: Readable.from([png()]),
    });
  }

  beforeAll(async () => {
    ({ t } = await startOnPoitiers(dialect));
    const db = t.app.database.db;

    // BAC PRO Cuisine (pôle bac-pro): one document sent, so « à vérifier ».
    const leGall = await register('maelle.legall@exemple.fr', 'BCP', '40022106', {
      birthName: 'Le Gall-Hervé',
      firstNames: 'Maëlle Anne',
    });
    await upload(leGall, 'piece-identite');
    // BP Coiffure (pôle sah), a usage name, every document sent and the file declared complete.
    const dupont = await register('camille.dupont@exemple.fr', 'BP', '45033608', {
      birthName: 'Dupont',
      usageName: 'Martin',
      firstNames: 'Camille',
    });
    const keys = await db
      .selectFrom('required_documents')
      .select('key')
      .where('registration_id', '=', dupont.id)
      .where('required', '=', 1)
      .execute();
    for (const { key } of keys) await upload(dupont, key);
    await declareComplete(t.app.documents, {
      accountId: dupont.accountId,
      accountEmail: 'camille.dupont@exemple.fr',
      registrationNumber: dupont.number,
    });
    // CS Cybersécurité (pôle industriel, tertiaire): a document refused.
    const lefevre = await register('luc.lefevre@exemple.fr', 'CS', '46125509', {
      birthName: 'Lefèvre',
      firstNames: 'Luc',
    });
    // BAC PRO Métiers de l'accueil (pôle bac-pro, two languages): set aside, and every answer
    // of the candidature given, the arrangement's details starting as a spreadsheet formula.
    const legrand = await register(
      'ines.legrand@exemple.fr',
      'BCP',
      '40031212',
      { birthName: 'Legrand', firstNames: 'Inès' },
      LEGRAND_CANDIDATURE,
    );
    // BP Électricien (pôle industriel, tertiaire): an email a spreadsheet would execute.
    const dubois = await register(FORMULA_EMAIL, 'BP', '45025517', {
      birthName: 'Dubois',
      firstNames: 'Jules',
      phone: '+33 6 12 34 56 78',
    });
    // The states the office's review and « Écarter » set (each tested in its own file), set
    // here directly: this file tests the list, not how the states are reached.
    await db
      .updateTable('required_documents')
      .set({ state: 'refuse', refusal_reason: 'Illisible' })
      .where('registration_id', '=', lefevre.id)
      .where('key', '=', 'piece-identite')
      .execute();
    await db
      .updateTable('registrations')
      .set({ set_aside_at: t.clock.now().toISOString(), set_aside_reason: SET_ASIDE_REASON })
      .where('id', '=', legrand.id)
      .execute();
    Object.assign(n, {
      leGall: leGall.number,
      dupont: dupont.number,
      lefevre: lefevre.number,
      legrand: legrand.number,
      dubois: dubois.number,
    });
    for (let i = 0; i < BULK; i += 1)
      bulk.push(
        (
          await register(`bernard.${i}@exemple.fr`, 'BCP', '40025520', {
            birthName: 'Bernard',
            firstNames: 'Sacha',
          })
        ).number,
      );

    const staff = async (
      email: string,
      role: 'admin' | 'gestionnaire',
      desks?: string[],
    ): Promise<[StaffMember, TestBrowser]> => {
      const { member } = await addStaffMember(t, {
        email,
        name: email,
        role,
        ...(desks ? { desks } : {}),
      });
      const browser = t.browser();
      browser.cookies.set('candidat_gestion', await mintStaffSession(t, member.id));
      return [member, browser];
    };
    [members.admin, browsers.admin] = await staff('admin@ac-poitiers.fr', 'admin');
    [members.bacPro, browsers.bacPro] = await staff('bac.pro@ac-poitiers.fr', 'gestionnaire', [
      'bac-pro',
    ]);
    [members.sah, browsers.sah] = await staff('sah@ac-poitiers.fr', 'gestionnaire', ['sah']);
  }, 120_000);
  afterAll(() => t.close());

  const list = (who: keyof typeof browsers, query = ''): Promise<Page> =>
    browsers[who].get(`/gestion/inscriptions${query}`);

  it('lists every registration to an administrator, 50 a page by number, with the total', async () => {
    const first = await list('admin');
    expect(first.status).toBe(200);
    expect(first.text).toContain('60 inscriptions correspondent.');
    expect(first.html.querySelector('caption')?.textContent).toContain('page 1 sur 2');
    const page1 = numbersOn(first);
    expect(page1).toHaveLength(50);
    const second = await list('admin', '?page=2');
    const page2 = numbersOn(second);
    expect(page2).toHaveLength(10);
    const all = [...page1, ...page2];
    expect(all).toEqual([...all].sort());
    expect(new Set(all)).toEqual(new Set([...Object.values(n), ...bulk]));
    // A page past the end shows the last one.
    expect(numbersOn(await list('admin', '?page=9'))).toEqual(page2);
  });

  it('keeps the filters in the pagination and in the export link', async () => {
    const page = await list('admin', '?examen=BCP&etat=enregistree');
    expect(page.text).toContain('57 inscriptions correspondent.');
    const next = page.html
      .querySelectorAll('.fr-pagination a[href]')
      .map((a) => a.getAttribute('href'))
      .find((href) => href?.includes('page=2'));
    expect(next).toBe('/gestion/inscriptions?examen=BCP&etat=enregistree&page=2');
    const exportLink = page.html
      .querySelectorAll('a')
      .find((a) => a.textContent.includes('Exporter la liste (CSV)'));
    expect(exportLink?.getAttribute('href')).toBe(
      '/gestion/inscriptions.csv?examen=BCP&etat=enregistree',
    );
    expect(numbersOn(await browsers.admin.get(next ?? ''))).toHaveLength(7);
  });

  it('selects, with each filter, the registrations that match it', async () => {
    const cases: Array<[string, string[]]> = [
      ['?examen=BP', [n.dupont, n.dubois]],
      ['?examen=CS', [n.lefevre]],
      ['?specialite=45033608', [n.dupont]],
      ['?pole=sah', [n.dupont]],
      ['?pole=industriel-tertiaire', [n.lefevre, n.dubois]],
      ['?etat=a-verifier', [n.leGall, n.dupont]],
      ['?etat=refusee', [n.lefevre]],
      ['?etat=ecartee', [n.legrand]],
      ['?etat=complete', [n.dupont]],
      ['?examen=BCP&etat=ecartee', [n.legrand]],
      ['?pole=bac-pro&etat=a-verifier', [n.leGall]],
      ['?session=2025&examen=BP&etat=a-verifier', [n.dupont]],
    ];
    for (const [query, expected] of cases) {
      const page = await list('admin', query);
      expect(page.status, query).toBe(200);
      expect(numbersOn(page), query).toEqual([...expected].sort());
    }
    const saved = await list('admin', '?etat=enregistree');
    expect(saved.text).toContain('59 inscriptions correspondent.');
    expect(numbersOn(await list('admin', '?etat=enregistree&page=2'))).not.toContain(n.dupont);
  });

  it('shows each line’s candidate, exam and state as the office reads them', async () => {
    const page = await list('admin', '?q=le+gall');
    const row = page.html.querySelector('tbody tr');
    expect(textOf(row, '.nom-naissance')).toBe('LE GALL-HERVÉ');
    expect(textOf(row, '.prenoms')).toBe('Maëlle Anne');
    expect(textOf(row, '.examen')).toBe('BAC PRO');
    expect(textOf(row, '.specialite')).toBe('Cuisine');
    expect(row?.textContent).toContain('Pièces à vérifier');
    expect(row?.textContent).toContain('1er novembre 2024 à 10 h 00');
    const martin = (await list('admin', '?q=martin')).html.querySelector('tbody tr');
    expect(martin?.querySelector('.nom-usage')?.textContent).toBe('MARTIN');
    expect(martin?.textContent).toContain('Dossier complet');
    const refused = (await list('admin', '?etat=refusee')).html.querySelector('tbody tr');
    expect(refused?.textContent).toContain('Pièce refusée');
    const aside = (await list('admin', '?etat=ecartee')).html.querySelector('tbody tr');
    expect(aside?.textContent).toContain('Écartée');
  });

  it('finds a registration by its number, whatever the case, and by the account’s email', async () => {
    expect(numbersOn(await list('admin', `?q=${n.leGall.toLowerCase()}`))).toEqual([n.leGall]);
    expect(numbersOn(await list('admin', `?q=+${n.dupont}+`))).toEqual([n.dupont]);
    expect(numbersOn(await list('admin', '?q=2025-BCP-999999'))).toEqual([]);
    expect(numbersOn(await list('admin', '?q=CAMILLE.DUPONT%40exemple.fr'))).toEqual([n.dupont]);
    expect(numbersOn(await list('admin', '?q=camille%40exemple.fr'))).toEqual([]);
  });

  it('finds a name from its beginning, without accents, case, spaces or hyphens', async () => {
    for (const q of ['le gall', 'LEGALL', 'legallh', 'Le Gall-Hervé', 'le-gall herve']) {
      const page = await list('admin', `?q=${encodeURIComponent(q)}`);
      expect(numbersOn(page), q).toEqual([n.leGall]);
    }
    expect(numbersOn(await list('admin', '?q=lefevre'))).toEqual([n.lefevre]);
    // The usage name too; and only from the beginning of a name.
    expect(numbersOn(await list('admin', '?q=Martin'))).toEqual([n.dupont]);
    expect(numbersOn(await list('admin', '?q=gall'))).toEqual([]);
    expect(numbersOn(await list('admin', '?q=legallx'))).toEqual([]);
    const le = numbersOn(await list('admin', '?q=le'));
    expect(le).toEqual([n.leGall, n.lefevre, n.legrand].sort());
  });

  it('shows a gestionnaire only the registrations of their pôles', async () => {
    const bacPro = await list('bacPro');
    expect(bacPro.text).toContain(`${BULK + 2} inscriptions correspondent.`);
    const seen = [...numbersOn(bacPro), ...numbersOn(await list('bacPro', '?page=2'))];
    expect(seen).toContain(n.leGall);
    expect(seen).toContain(n.legrand);
    expect(seen).not.toContain(n.dupont);
    expect(seen).not.toContain(n.lefevre);
    // Even searched by number or asked by exam, a BP registration is not theirs to see.
    expect(numbersOn(await list('bacPro', `?q=${n.dupont}`))).toEqual([]);
    expect(numbersOn(await list('bacPro', '?examen=BP'))).toEqual([]);
    expect(numbersOn(await list('sah'))).toEqual([n.dupont]);
    // Their own pôle may be asked for; another is refused, in French.
    expect((await list('bacPro', '?pole=bac-pro')).status).toBe(200);
    const refused = await list('bacPro', '?pole=sah');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Ce pôle n’est pas l’un des vôtres.');
    expect((await browsers.bacPro.get('/gestion/inscriptions.csv?pole=sah')).status).toBe(403);
    // The pôle filter offers a gestionnaire their own pôles only.
    const poles = bacPro.html.querySelectorAll('#filtre-pole option').map((o) => o.textContent);
    expect(poles).toEqual(['Tous', 'Pôle baccalauréats professionnels']);
  });

  it('refuses filters it does not know with a French page (400), never an error', async () => {
    for (const query of [
      '?examen=XYZ',
      '?specialite=12345678',
      '?session=1999',
      '?pole=inconnu',
      '?etat=perdue',
      '?page=0',
      '?page=deux',
      '?etat=complete&etat=refusee',
      `?q=${'a'.repeat(201)}`,
    ]) {
      const page = await list('admin', query);
      expect(page.status, query).toBe(400);
      expect(page.text, query).toContain('Filtres incorrects');
      const csv = await browsers.admin.get(`/gestion/inscriptions.csv${query}`);
      expect(csv.status, query).toBe(400);
    }
    expect((await list('admin', '?examen=XYZ')).text).toContain(
      'Examen : Cet examen n’existe pas.',
    );
  });

  it('is built for keyboards and screen readers: labelled selects, a captioned table', async () => {
    const page = await list('admin');
    for (const name of ['session', 'examen', 'specialite', 'pole', 'etat']) {
      const select = page.html.querySelector(`select[name=${name}]`);
      expect(select, name).not.toBeNull();
      expect(
        page.html.querySelector(`label[for=${select?.getAttribute('id') ?? ''}]`),
        name,
      ).not.toBeNull();
    }
    expect(
      page.html.querySelector('form[method=get][action="/gestion/inscriptions"]'),
    ).not.toBeNull();
    expect(page.html.querySelectorAll('thead th[scope=col]')).toHaveLength(6);
    expect(page.html.querySelector('table caption')).not.toBeNull();
  });

  describe('export', () => {
    async function exported(who: keyof typeof browsers, query = '') {
      const response = await t.app.server.inject({
        method: 'GET',
        url: `/gestion/inscriptions.csv${query}`,
        headers: {
          cookie: [...browsers[who].cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        },
      });
      const records = parse<Record<string, string>>(response.rawPayload, {
        bom: true,
        delimiter: ';',
        columns: true,
        record_delimiter: '\r\n',
      });
      return { response, records };
    }

    it('parses back to the rows shown in the list, accents intact', async () => {
      const { response, records } = await exported('admin');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="inscriptions-2024-11-01.csv"',
      );
      // UTF-8 with a byte-order mark, semicolons, CRLF and nothing else between records.
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const body = response.rawPayload.toString('utf8');
      expect(body.split('\r\n')[0]).toMatch(/^\uFEFF"Numéro";"Session";"Examen";/);
      expect(body).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
      expect(body.split('\r\n')).toHaveLength(records.length + 2);

      const shown = [
        ...(await list('admin')).html.querySelectorAll('tbody tr'),
        ...(await list('admin', '?page=2')).html.querySelectorAll('tbody tr'),
      ];
      expect(records).toHaveLength(shown.length);
      records.forEach((record, i) => {
        const row = shown[i] ?? null;
        const cells = row?.querySelectorAll('td') ?? [];
        expect(record['Numéro']).toBe(row?.querySelector('th a')?.textContent);
        expect(record['Nom de naissance']?.toUpperCase()).toBe(
          row?.querySelector('.nom-naissance')?.textContent,
        );
        expect(record['Prénoms']).toBe(row?.querySelector('.prenoms')?.textContent);
        expect(record['Nom d’usage']?.toUpperCase()).toBe(
          row?.querySelector('.nom-usage')?.textContent ?? '',
        );
        expect(record['Examen']).toBe(row?.querySelector('.examen')?.textContent);
        expect(record['Spécialité']).toBe(row?.querySelector('.specialite')?.textContent);
        expect(record['Version']).toBe(cells[3]?.textContent);
        expect(record['Enregistrée le']).toBe('01/11/2024 10:00');
      });

      const byNumber = new Map(records.map((r) => [r['Numéro'], r]));
      const leGall = byNumber.get(n.leGall);
      expect(leGall).toMatchObject({
        'Nom de naissance': 'Le Gall-Hervé',
        Prénoms: 'Maëlle Anne',
        Session: 'Session juin 2025',
        Pôle: 'Pôle baccalauréats professionnels',
        Courriel: 'maelle.legall@exemple.fr',
        'Date de naissance': '12/04/2001',
        Statut: 'individuel',
        'Pièces à vérifier': '1',
        'Pièces refusées': '0',
        Écartée: 'non',
        // The candidature's answers as the récapitulatif reads them: labels, « Aucune ».
        'Voie d’accès':
          'Justifier de trois années d’activité professionnelle dans un emploi en rapport avec la spécialité',
        'Forme de l’examen': 'Globale',
        'Langues vivantes': 'Anglais',
        'Épreuve facultative': 'Aucune',
        'Notes conservées': 'Aucune',
        Dispenses: 'Aucune',
        'Aménagement des épreuves': 'Non demandé',
        'Nature de l’aménagement demandé': '',
      });
      expect(byNumber.get(n.dupont)).toMatchObject({
        'Nom d’usage': 'Martin',
        Spécialité: 'Coiffure',
        'Dossier déclaré complet le': '01/11/2024 10:00',
      });
      expect(byNumber.get(n.lefevre)?.['Pièces refusées']).toBe('1');
      expect(byNumber.get(n.legrand)).toMatchObject({
        Spécialité: 'Métiers de l’accueil',
        Écartée: 'oui',
        'Motif de l’écart': SET_ASIDE_REASON,
        'Voie d’accès': 'S’être présenté à l’examen lors d’une session antérieure',
        'Forme de l’examen': 'Progressive',
        'Langues vivantes': 'Espagnol ; Anglais',
        'Épreuve facultative': 'Arts',
        'Notes conservées':
          'Épreuve scientifique et technique : 12,5/20 (session 2023) ; Épreuve de technologie : 14/20 (session 2022)',
        Dispenses:
          'Français et histoire-géographie et enseignement moral et civique : Baccalauréat général',
        'Aménagement des épreuves': 'Demandé',
        // Typed by the candidate and starting with « - »: made text, as the other cells.
        'Nature de l’aménagement demandé': `'${LEGRAND_CANDIDATURE.arrangementsDetails}`,
      });
      // The CS asks no language: an empty cell.
      expect(byNumber.get(n.lefevre)?.['Langues vivantes']).toBe('');
      expect(byNumber.get(n.dubois)?.['Spécialité']).toBe('Électricien');
    });

    it('writes a formula as text, and quotes as they were typed', async () => {
      const { response, records } = await exported('admin', `?q=${n.dubois}`);
      expect(records).toHaveLength(1);
      // A leading apostrophe: the spreadsheet shows the text instead of running it; a phone
      // number, which cannot run anything, stays as stored.
      expect(records[0]?.['Courriel']).toBe(`'${FORMULA_EMAIL}`);
      expect(records[0]?.['Téléphone']).toBe('+33612345678');
      expect(response.rawPayload.toString('utf8')).toContain(`"'${FORMULA_EMAIL}"`);
      const aside = await exported('admin', '?etat=ecartee');
      expect(aside.records[0]?.['Motif de l’écart']).toBe(SET_ASIDE_REASON);
      expect(aside.response.rawPayload.toString('utf8')).toContain('""l’autre""');
    });

    it('exports what the list shows for the same filters and scope', async () => {
      const { records } = await exported('admin', '?etat=a-verifier');
      expect(records.map((r) => r['Numéro'])).toEqual([n.leGall, n.dupont].sort());
      const bacPro = await exported('bacPro');
      expect(bacPro.records).toHaveLength(BULK + 2);
      expect(bacPro.records.map((r) => r['Numéro'])).not.toContain(n.dupont);
      const none = await exported('sah', '?q=personne');
      expect(none.response.statusCode).toBe(200);
      expect(none.records).toEqual([]);
    });

    it('reads the export in keyset batches that neither skip nor repeat a line', async () => {
      const query = officeRegistrationsRepository(t.app.database.db);
      const catalogue = t.app.registrations.catalogue();
      if (!catalogue) throw new Error('no catalogue');
      for (const [who, expected] of [
        ['admin', 60],
        ['bacPro', BULK + 2],
      ] as const) {
        const criteria = criteriaFor(catalogue, members[who], {});
        const read: string[] = [];
        let after: string | undefined;
        for (;;) {
          const batch = await query.batchAfter(criteria, after, 7);
          read.push(...batch.map((r) => r.number));
          if (batch.length < 7) break;
          after = batch.at(-1)?.number;
        }
        expect(read).toHaveLength(expected);
        expect(read).toEqual([...new Set(read)].sort());
      }
    });
  });
});
