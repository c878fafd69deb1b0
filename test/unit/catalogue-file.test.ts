/**
 * The catalogue files of `catalogues/` and the loader that validates them: the Poitiers file
 * gives the notice's session to the minute, the demo file places its windows around the day
 * of the import, and each kind of mistake is refused with its file, its line and a French
 * reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Catalogue,
  findExam,
  findSpecialty,
  findWindow,
  optionsFor,
} from '../../src/domain/catalogue/catalogue.js';
import {
  type CatalogueError,
  type CatalogueResult,
  catalogueFromText,
  formatCatalogueError,
} from '../../src/domain/catalogue/catalogue-file.js';
import { CATALOGUES_DIR } from '../../src/demo/demo-data.js';
import {
  CatalogueFileUnreadable,
  readCatalogueFile,
} from '../../src/infra/catalogue/read-catalogue-file.js';

const POITIERS = path.join(CATALOGUES_DIR, 'poitiers-2025.yaml');
const DEMO = path.join(CATALOGUES_DIR, 'demo.yaml');
const poitiersText = readFileSync(POITIERS, 'utf8');
const NOW = new Date('2025-01-15T09:00:00.000Z');

function valid(result: CatalogueResult): Catalogue {
  if (!result.ok) throw new Error(result.errors.map(formatCatalogueError).join('\n'));
  return result.catalogue;
}

function errorsOf(result: CatalogueResult): CatalogueError[] {
  if (result.ok) throw new Error('the catalogue was accepted');
  return result.errors;
}

/** The Poitiers file with `from` replaced by `to` (which must occur once), as a test file. */
function poitiersWith(from: string, to: string): { text: string; line: number } {
  expect(poitiersText.split(from)).toHaveLength(2);
  const text = poitiersText.replace(from, to);
  return { text, line: lineOf(text, to) };
}

/** The 1-based line where `needle` starts in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split('\n').length;
}

function load(text: string): CatalogueResult {
  return catalogueFromText({ file: 'poitiers-2025.yaml', text }, { now: NOW });
}

// The specialties of DOMAIN.md, by exam, with their national codes.
const DOMAIN_SPECIALTIES: Record<string, string[]> = {
  BCP: [
    '40030004',
    '40031212',
    '40031213',
    '40031214',
    '40025520',
    '40025519',
    '40033007',
    '40022106',
    '40033403',
    '40022105',
    '40025224',
    '40025012',
    '40031116',
    '40033604',
    '40033606',
    '40034403',
    '40023203',
  ],
  BP: [
    '45022111',
    '45033409',
    '45022108',
    '45022110',
    '45033608',
    '45033609',
    '45025517',
    '45023216',
    '45023408',
    '45034401',
    '45031207',
    '45033408',
    '45033403',
  ],
  CS: [
    '46133413',
    '46133414',
    '46133404',
    '56122110',
    '56122103',
    '56133605',
    '56133002',
    '46125509',
    '46125406',
    '46131201',
    '46132601',
    '56333402',
  ],
};

describe('the Poitiers 2025 catalogue', () => {
  const catalogue = valid(load(poitiersText));

  it('opens and closes registration at the notice’s instants, Paris time', () => {
    const instants = (exam: string): [string | undefined, string | undefined] => {
      const w = findWindow(catalogue, '2025', exam);
      return [w?.opensAt.toISOString(), w?.closesAt.toISOString()];
    };
    expect(instants('BCP')).toEqual(['2024-10-10T08:00:00.000Z', '2024-11-13T18:00:00.000Z']);
    expect(instants('CS')).toEqual(['2024-10-21T22:00:00.000Z', '2024-11-13T18:00:00.000Z']);
    expect(instants('BP')).toEqual(['2024-10-21T22:00:00.000Z', '2024-11-13T18:00:00.000Z']);
    expect(catalogue.windows).toHaveLength(3);
    expect(catalogue.sessions).toEqual([
      { code: '2025', name: 'Session juin 2025', firstExamDay: '2025-06-10' },
    ]);
  });

  it('lists the three pôles with the notice’s phones and emails', () => {
    expect(catalogue.academy).toEqual({ code: 'poitiers', name: 'Académie de Poitiers' });
    expect(catalogue.desks).toEqual([
      {
        code: 'industriel-tertiaire',
        name: 'Pôle industriel, tertiaire',
        phones: ['05.16.52.64.55', '05.16.52.64.56'],
        email: 'pole.industriel.tertiaire@ac-poitiers.fr',
      },
      {
        code: 'sah',
        name: 'Pôle services, alimentation, hôtellerie',
        phones: ['05.16.52.64.50', '05.16.52.64.53'],
        email: 'pole.sah@ac-poitiers.fr',
      },
      {
        code: 'bac-pro',
        name: 'Pôle baccalauréats professionnels',
        phones: ['05.16.52.64.64', '05.16.52.64.63', '05.16.52.64.31'],
        email: 'pole.bac.pro@ac-poitiers.fr',
      },
    ]);
  });

  it('offers the three exams, each with its pôle and form options', () => {
    expect(catalogue.exams.map((e) => [e.code, e.shortName, e.name, e.deskCode])).toEqual([
      ['BCP', 'BAC PRO', 'Baccalauréat professionnel', 'bac-pro'],
      ['CS', 'CS', 'Certificat de spécialisation', 'sah'],
      ['BP', 'BP', 'Brevet professionnel', 'sah'],
    ]);
    const bacPro = findExam(catalogue, 'BCP')?.options;
    expect(bacPro?.formats).toEqual(['globale', 'progressive']);
    expect(findExam(catalogue, 'CS')?.options.formats).toEqual(['globale']);
    expect(findExam(catalogue, 'BP')?.options.formats).toEqual(['globale', 'progressive']);
    expect(bacPro?.eligibilityRoutes.map((r) => r.code)).toEqual([
      'training',
      'experience',
      'previous-session',
      'diploma',
    ]);
    expect(bacPro?.languages.map((l) => l.code)).toEqual([
      'anglais',
      'allemand',
      'espagnol',
      'italien',
      'portugais',
      'arabe',
      'chinois',
      'russe',
    ]);
    expect(bacPro?.units.map((u) => u.code)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7']);
    expect(bacPro?.optionalTests).toHaveLength(3);
  });

  it('holds every specialty of DOMAIN.md, under its exam', () => {
    for (const [exam, codes] of Object.entries(DOMAIN_SPECIALTIES)) {
      const found = catalogue.specialties.filter((s) => s.examCode === exam).map((s) => s.code);
      expect(found.sort()).toEqual([...codes].sort());
    }
  });

  it('routes each specialty to its pôle, the exam’s by default', () => {
    const deskOf = (exam: string, code: string): string | undefined =>
      findSpecialty(catalogue, exam, code)?.deskCode;
    for (const code of DOMAIN_SPECIALTIES.BCP ?? []) expect(deskOf('BCP', code)).toBe('bac-pro');
    expect(deskOf('BP', '45022111')).toBe('sah'); // Arts de la cuisine
    expect(deskOf('BP', '45023216')).toBe('industriel-tertiaire'); // Maçon
    expect(deskOf('CS', '56133002')).toBe('sah'); // Aide à domicile
    expect(deskOf('CS', '46125509')).toBe('industriel-tertiaire'); // Cybersécurité
  });

  it('lets a specialty override its exam’s options', () => {
    const count = (exam: string, code: string): number | undefined => {
      const e = findExam(catalogue, exam);
      const s = findSpecialty(catalogue, exam, code);
      return e && s ? optionsFor(e, s).languageCount : undefined;
    };
    expect(count('BCP', '40030004')).toBe(1); // AGOrA
    expect(count('BCP', '40031212')).toBe(2); // Métiers de l’accueil
    expect(count('BCP', '40031213')).toBe(2);
    expect(count('BCP', '40031214')).toBe(2);
    expect(count('BP', '45022111')).toBe(1); // Arts de la cuisine
    expect(count('BP', '45033403')).toBe(1); // Barman
    expect(count('BP', '45023216')).toBe(0); // Maçon
    expect(count('CS', '46133414')).toBe(0);
    // An override is stored as written: nothing but what the specialty changes.
    expect(findSpecialty(catalogue, 'BCP', '40022106')?.options).toEqual({});
  });
});

describe('the demo catalogue', () => {
  it('extends the Poitiers file and places its windows around the day of the import', async () => {
    const catalogue = valid(await readCatalogueFile(DEMO, { now: NOW }));
    const poitiers = valid(load(poitiersText));
    expect(catalogue.desks).toEqual(poitiers.desks);
    expect(catalogue.exams).toEqual(poitiers.exams);
    expect(catalogue.specialties).toEqual(poitiers.specialties);
    expect(catalogue.sessions).toEqual([
      { code: 'demo', name: 'Session de démonstration', firstExamDay: '2025-08-03' },
    ]);
    const iso = catalogue.windows.map((w) => [
      w.examCode,
      w.opensAt.toISOString(),
      w.closesAt.toISOString(),
    ]);
    expect(iso).toEqual([
      ['BCP', '2024-12-26T09:00:00.000Z', '2025-01-29T18:00:00.000Z'], // J-20 10:00, J+14 19:00
      ['CS', '2025-01-21T23:00:00.000Z', '2025-02-24T18:00:00.000Z'], // J+7 00:00, J+40 19:00
      ['BP', '2024-11-15T23:00:00.000Z', '2025-01-13T18:00:00.000Z'], // J-60 00:00, J-2 19:00
    ]);
    const open = (exam: string): boolean => {
      const w = findWindow(catalogue, 'demo', exam);
      return w !== undefined && w.opensAt <= NOW && NOW < w.closesAt;
    };
    expect([open('BCP'), open('CS'), open('BP')]).toEqual([true, false, false]);
    expect(findWindow(catalogue, 'demo', 'CS')?.opensAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(findWindow(catalogue, 'demo', 'BP')?.closesAt.getTime()).toBeLessThan(NOW.getTime());
  });

  it('counts days from the day in Paris, not in UTC', async () => {
    // 23:30 UTC on 15 January is already 16 January in Paris.
    const late = valid(await readCatalogueFile(DEMO, { now: new Date('2025-01-15T23:30:00Z') }));
    expect(findWindow(late, 'demo', 'BCP')?.opensAt.toISOString()).toBe('2024-12-27T09:00:00.000Z');
  });
});

describe('an invalid catalogue file', () => {
  it.each([
    {
      kind: 'a YAML syntax error',
      from: 'name: Cuisine\n',
      to: "name: 'Cuisine\n",
      reason: 'syntaxe YAML invalide : guillemet fermant manquant',
    },
    {
      kind: 'an unknown pôle for an exam',
      from: '    desk: bac-pro\n',
      to: '    desk: foo\n',
      reason: 'le pôle « foo » n’existe pas',
    },
    {
      kind: 'an unknown pôle for a specialty',
      from: "{ code: '45023216', name: Maçon, desk: industriel-tertiaire }",
      to: "{ code: '45023216', name: Maçon, desk: batiment }",
      reason: 'le pôle « batiment » n’existe pas',
    },
    {
      kind: 'a window for an unknown exam',
      from: '      - exam: CS\n',
      to: '      - exam: CAP\n',
      reason: 'l’examen « CAP » n’existe pas',
    },
    {
      kind: 'a bad specialty code',
      from: "code: '40022106'",
      to: "code: '4002210'",
      reason:
        'le code de spécialité « 4002210 » doit compter 8 chiffres (code national, entre guillemets)',
    },
    {
      kind: 'a specialty code written as a number',
      from: "code: '40022106'",
      to: 'code: 40022106',
      reason: '« code » doit être un texte : écrivez la valeur entre guillemets',
    },
    {
      kind: 'a time the clocks skip (spring DST gap)',
      from: "opens: '2024-10-10 10:00'",
      to: "opens: '2025-03-30 02:30'",
      reason:
        'le 2025-03-30 à 02:30 n’existe pas à Paris : les horloges sautent cette heure au passage à l’heure d’été',
    },
    {
      kind: 'a time the clocks show twice (autumn DST change)',
      from: "opens: '2024-10-10 10:00'",
      to: "opens: '2024-10-27 02:30'",
      reason:
        'le 2024-10-27 à 02:30 est ambigu à Paris : cette heure a lieu deux fois au passage à l’heure d’hiver',
    },
    {
      kind: 'an instant in another format',
      from: "opens: '2024-10-10 10:00'",
      to: "opens: '10/10/2024 10h'",
      reason:
        '« 10/10/2024 10h » n’est pas un instant : écrivez « AAAA-MM-JJ HH:MM » (heure de Paris) ou « J+N HH:MM » (N jours après l’import)',
    },
    {
      kind: 'an email that is not one',
      from: 'email: pole.sah@ac-poitiers.fr',
      to: 'email: pole.sah',
      reason: '« pole.sah » n’est pas une adresse électronique',
    },
    {
      kind: 'more languages to choose than offered',
      from: '      languages: []\n      languageCount: 0',
      to: '      languages: []\n      languageCount: 1',
      reason: '1 langue(s) à choisir, mais 0 offerte(s) dans « languages »',
      below: 1,
    },
    {
      kind: 'an unknown key',
      from: '    shortName: BP\n',
      to: '    shortname: BP\n',
      reason: 'clé inconnue « shortname » (vouliez-vous écrire « shortName » ?)',
    },
    {
      kind: 'a format this program does not read',
      from: 'format: 1\n',
      to: 'format: 2\n',
      reason: 'format « 2 » inconnu : ce programme lit le format 1',
    },
  ])('refuses $kind, with its line', ({ from, to, reason, below }) => {
    const { text, line } = poitiersWith(from, to);
    expect(errorsOf(load(text))).toEqual([
      { file: 'poitiers-2025.yaml', line: line + (below ?? 0), reason },
    ]);
  });

  it('refuses a missing field, on the first line of its block', () => {
    const { text } = poitiersWith('    shortName: CS\n', '');
    expect(errorsOf(load(text))).toEqual([
      {
        file: 'poitiers-2025.yaml',
        line: lineOf(text, '  - code: CS\n'),
        reason: 'le champ « shortName » est obligatoire',
      },
    ]);
  });

  it('refuses a duplicate exam code, on the second one', () => {
    const { text } = poitiersWith('  - code: CS\n', '  - code: BCP\n');
    const errors = errorsOf(load(text));
    expect(errors).toContainEqual({
      file: 'poitiers-2025.yaml',
      line: lineOf(text, '  - code: BCP\n    shortName: CS'),
      reason: 'l’examen « BCP » est déjà déclaré',
    });
  });

  it('refuses a window that closes before it opens', () => {
    const { text, line } = poitiersWith(
      "opens: '2024-10-10 10:00'\n        closes: '2024-11-13 19:00'",
      "opens: '2024-10-10 10:00'\n        closes: '2024-10-01 19:00'",
    );
    expect(errorsOf(load(text))).toEqual([
      {
        file: 'poitiers-2025.yaml',
        line: line + 1,
        reason:
          'la fermeture (1er octobre 2024 à 19 h 00) doit venir après l’ouverture (10 octobre 2024 à 10 h 00)',
      },
    ]);
  });

  it('refuses two windows for one exam in one session, on the second one', () => {
    const { text } = poitiersWith('      - exam: BP\n', '      - exam: CS\n');
    const second = text.lastIndexOf('      - exam: CS\n');
    expect(errorsOf(load(text))).toEqual([
      {
        file: 'poitiers-2025.yaml',
        line: text.slice(0, second).split('\n').length,
        reason: 'la session « 2025 » a déjà une ouverture pour l’examen « CS »',
      },
    ]);
  });

  it('reports a mistake reached through a reference (*name) on the reference’s line', () => {
    const { text } = poitiersWith('          languageCount: 2\n', '          languageCount: 3\n');
    const lines = errorsOf(load(text)).map((e) => e.line);
    const aliases = [...text.matchAll(/options: \*deux-langues/g)].map(
      (m) => text.slice(0, m.index).split('\n').length,
    );
    expect(lines).toEqual([lineOf(text, 'languageCount: 3'), ...aliases]);
  });

  it('reports every error at once, in the order of the file', () => {
    let text = poitiersText.replace('    desk: bac-pro\n', '    desk: foo\n');
    text = text.replace('      - exam: CS\n', '      - exam: CAP\n');
    text = text.replace("code: '40022106'", "code: '123'");
    text = text.replace("closes: '2024-11-13 19:00'", "closes: '2025-03-30 02:15'");
    expect(errorsOf(load(text)).map(formatCatalogueError)).toEqual([
      `poitiers-2025.yaml, ligne ${lineOf(text, 'desk: foo')} : le pôle « foo » n’existe pas`,
      `poitiers-2025.yaml, ligne ${lineOf(text, "'123'")} : le code de spécialité « 123 » doit compter 8 chiffres (code national, entre guillemets)`,
      `poitiers-2025.yaml, ligne ${lineOf(text, '2025-03-30 02:15')} : le 2025-03-30 à 02:15 n’existe pas à Paris : les horloges sautent cette heure au passage à l’heure d’été`,
      `poitiers-2025.yaml, ligne ${lineOf(text, 'exam: CAP')} : l’examen « CAP » n’existe pas`,
    ]);
  });

  it('refuses an empty file and one without a format', () => {
    expect(errorsOf(load(''))[0]?.line).toBe(1);
    expect(errorsOf(load('academy: {code: x, name: X}\n'))).toEqual([
      {
        file: 'poitiers-2025.yaml',
        line: 1,
        reason: 'le champ « format » est obligatoire : écrivez « format: 1 »',
      },
    ]);
  });
});

describe('a file that extends another', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'candidat-catalogue-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('reports an error of the base file in the base file', async () => {
    const { text, line } = poitiersWith('    desk: bac-pro\n', '    desk: foo\n');
    write('base.yaml', text);
    const child = write('child.yaml', 'format: 1\nextends: base.yaml\nsessions: []\n');
    expect(errorsOf(await readCatalogueFile(child, { now: NOW }))).toEqual([
      { file: 'base.yaml', line, reason: 'le pôle « foo » n’existe pas' },
    ]);
  });

  it('reports an error of its own sessions in its own file', async () => {
    write('base.yaml', poitiersText);
    const child = write(
      'child.yaml',
      [
        'format: 1',
        'extends: base.yaml',
        'sessions:',
        '  - code: demo',
        '    name: Démo',
        '    firstExamDay: J+200',
        '    windows:',
        "      - { exam: BCP, opens: 'J-1 10:00', closes: 'J-3 19:00' }",
        '',
      ].join('\n'),
    );
    const errors = errorsOf(await readCatalogueFile(child, { now: NOW }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'child.yaml', line: 8 });
  });

  it('refuses a base that cannot be read, and a loop', async () => {
    const missing = write('missing.yaml', 'format: 1\nextends: nowhere.yaml\n');
    expect(errorsOf(await readCatalogueFile(missing, { now: NOW }))).toEqual([
      {
        file: 'missing.yaml',
        line: 2,
        reason: 'le fichier de base « nowhere.yaml » ne peut pas être lu : fichier introuvable',
      },
    ]);
    write('a.yaml', 'format: 1\nextends: b.yaml\n');
    write('b.yaml', 'format: 1\nextends: a.yaml\n');
    const loop = errorsOf(await readCatalogueFile(path.join(dir, 'a.yaml'), { now: NOW }));
    expect(loop).toEqual([
      {
        file: 'b.yaml',
        line: 2,
        reason: '« a.yaml » étend déjà ce fichier, directement ou non : l’héritage tourne en rond',
      },
    ]);
  });

  it('stops on a file that cannot be read at all', async () => {
    await expect(readCatalogueFile(path.join(dir, 'none.yaml'), { now: NOW })).rejects.toThrow(
      CatalogueFileUnreadable,
    );
  });
});
