/**
 * The catalogue written back in the import's format, and what an edit changes: the shipped
 * files come back whole through the loader; the windows whose change candidates would feel at
 * once are the ones that need a confirmation, described in French; a move is a change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES_DIR } from '../../src/demo/demo-data.js';
import type { Catalogue } from '../../src/domain/catalogue/catalogue.js';
import {
  catalogueDiff,
  describeWindowChange,
  removedEntries,
  windowChanges,
} from '../../src/domain/catalogue/catalogue-changes.js';
import {
  catalogueFromText,
  formatCatalogueError,
} from '../../src/domain/catalogue/catalogue-file.js';
import {
  catalogueFileData,
  catalogueFileText,
  catalogueYaml,
  entryLines,
} from '../../src/domain/catalogue/catalogue-yaml.js';
import { readCatalogueFile } from '../../src/infra/catalogue/read-catalogue-file.js';

const NOW = new Date('2024-11-01T09:00:00.000Z');

function load(text: string): Catalogue {
  const result = catalogueFromText({ file: 'catalogue.yaml', text }, { now: NOW });
  if (!result.ok) throw new Error(result.errors.map(formatCatalogueError).join('\n'));
  return result.catalogue;
}

const poitiers = load(readFileSync(path.join(CATALOGUES_DIR, 'poitiers-2025.yaml'), 'utf8'));

describe('the catalogue as YAML', () => {
  it.each(['poitiers-2025.yaml', 'demo.yaml'])(
    'gives back %s whole through the import’s loader, the same text twice',
    async (name) => {
      const result = await readCatalogueFile(path.join(CATALOGUES_DIR, name), { now: NOW });
      if (!result.ok) throw new Error('shipped file refused');
      const text = catalogueYaml(result.catalogue);
      const again = load(text);
      expect(again).toEqual(result.catalogue);
      expect(catalogueYaml(again)).toBe(text);
    },
  );

  it('writes instants as Paris wall-clock times, summer and winter alike', () => {
    const data = catalogueFileData(poitiers);
    expect(data.sessions[0]?.windows[0]).toEqual({
      exam: 'BCP',
      opens: '2024-10-10 10:00',
      closes: '2024-11-13 19:00',
    });
    const summer = {
      ...poitiers,
      windows: [
        {
          sessionCode: '2025',
          examCode: 'BCP',
          opensAt: new Date('2025-03-30T01:00:00.000Z'), // 03:00, the first minute of summer time
          closesAt: new Date('2025-11-13T18:00:00.000Z'),
        },
      ],
    };
    expect(catalogueFileData(summer).sessions[0]?.windows[0]).toMatchObject({
      opens: '2025-03-30 03:00',
      closes: '2025-11-13 19:00',
    });
  });

  it('finds the lines of an entry, so that the loader’s errors land on their field', () => {
    const data = catalogueFileData(poitiers);
    const window = data.sessions[0]?.windows[1];
    if (!window) throw new Error('no CS window');
    window.closes = '2024-10-01 10:00';
    const text = catalogueFileText(data);
    const result = catalogueFromText({ file: 'catalogue.yaml', text }, { now: NOW });
    if (result.ok) throw new Error('accepted a close before the opening');
    const closes = entryLines(text, ['sessions', 0, 'windows', 1, 'closes']);
    expect(result.errors.map((e) => e.line)).toEqual([closes?.first]);
    expect(text.split('\n')[(closes?.first ?? 0) - 1]).toBe('        closes: 2024-10-01 10:00');
  });
});

describe('what an edit changes', () => {
  const withWindow = (
    examCode: string,
    opensAt: string,
    closesAt: string,
    base: Catalogue = poitiers,
  ): Catalogue => ({
    ...base,
    windows: base.windows.map((w) =>
      w.examCode === examCode
        ? { ...w, opensAt: new Date(opensAt), closesAt: new Date(closesAt) }
        : w,
    ),
  });
  // On 1 November 2024, 10:00 in Paris: BCP, CS and BP are all open until 13 November 19:00.
  const before = withWindow('BP', '2024-11-20T09:00:00.000Z', '2024-12-01T18:00:00.000Z');

  it.each([
    [
      'an open window shortened',
      'BCP',
      '2024-10-10T08:00:00.000Z',
      '2024-11-12T18:00:00.000Z',
      true,
    ],
    [
      'an open window lengthened',
      'BCP',
      '2024-10-10T08:00:00.000Z',
      '2024-11-20T18:00:00.000Z',
      true,
    ],
    [
      'a coming window moved, still to come',
      'BP',
      '2024-11-21T09:00:00.000Z',
      '2024-12-02T18:00:00.000Z',
      false,
    ],
    [
      'a coming window opened now',
      'BP',
      '2024-10-30T09:00:00.000Z',
      '2024-12-01T18:00:00.000Z',
      true,
    ],
    [
      'a coming window closed before now',
      'BP',
      '2024-10-20T09:00:00.000Z',
      '2024-10-30T18:00:00.000Z',
      true,
    ],
  ] as const)('%s: confirmation %s', (_case, exam, opens, closes, needed) => {
    const changes = windowChanges(before, withWindow(exam, opens, closes, before), NOW);
    expect(changes.map((c) => [c.examCode, c.needsConfirmation])).toEqual([[exam, needed]]);
  });

  it('describes the change of an open window in the notice’s words', () => {
    const after = withWindow('BCP', '2024-10-10T08:00:00.000Z', '2024-10-31T18:00:00.000Z');
    const [change] = windowChanges(poitiers, after, NOW);
    if (!change) throw new Error('no change found');
    expect(describeWindowChange(change, false)).toBe(
      'La fenêtre BAC PRO est ouverte : la clôture passera du 13 novembre 2024 à 19 h 00 au 31 octobre 2024 à 19 h 00 ; les inscriptions seront closes dès l’enregistrement.',
    );
    expect(describeWindowChange(change, true)).toContain(
      'La fenêtre BAC PRO (Session juin 2025) est ouverte',
    );
  });

  it('removing an open window needs a confirmation, and the window is listed as removed', () => {
    const after = { ...poitiers, windows: poitiers.windows.filter((w) => w.examCode !== 'CS') };
    const [change] = windowChanges(poitiers, after, NOW);
    expect(change?.needsConfirmation).toBe(true);
    expect(change && describeWindowChange(change, false)).toBe(
      'La fenêtre CS est ouverte : elle sera supprimée et les inscriptions fermées dès l’enregistrement.',
    );
    expect(removedEntries(poitiers, after)).toEqual([
      { kind: 'window', sessionCode: '2025', examCode: 'CS' },
    ]);
  });

  it('sees nothing in an identical catalogue, and a move as a change of order', () => {
    expect(catalogueDiff(poitiers, load(catalogueYaml(poitiers)))).toBeUndefined();
    const moved = { ...poitiers, desks: [...poitiers.desks].reverse() };
    expect(catalogueDiff(poitiers, moved)).toEqual({
      before: { order: { desks: ['industriel-tertiaire', 'sah', 'bac-pro'] } },
      after: { order: { desks: ['bac-pro', 'sah', 'industriel-tertiaire'] } },
    });
  });
});
