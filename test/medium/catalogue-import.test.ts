/**
 * `candidat catalogue import` as an operator runs it, on each dialect: a valid file is stored
 * whole and reads back as written; an invalid one is refused with its lines and leaves the
 * database exactly as it was; importing the same file again changes nothing.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES_DIR, DEMO_ACCOUNT, seedDemo } from '../../src/demo/demo-data.js';
import type { Catalogue } from '../../src/domain/catalogue/catalogue.js';
import { readCatalogueFile } from '../../src/infra/catalogue/read-catalogue-file.js';
import { type Database, openDatabase } from '../../src/infra/db/database.js';
import { argon2Hasher } from '../../src/infra/passwords/argon2-hasher.js';
import { loadCatalogue } from '../../src/infra/repositories/catalogue.repository.js';
import { type TestDatabase, createTestDatabase, testDialects } from '../support/databases.js';

const run = promisify(execFile);
const dialects = await testDialects();
const POITIERS = path.join(CATALOGUES_DIR, 'poitiers-2025.yaml');
const DEMO = path.join(CATALOGUES_DIR, 'demo.yaml');
const TABLES = [
  'academy',
  'desks',
  'exams',
  'specialties',
  'exam_sessions',
  'registration_windows',
] as const;

/**
 * The repository lists specialties by exam code and windows by opening: sort both sides alike
 * (a stable sort keeps each exam's specialties in the file's order).
 */
function inStableOrder(catalogue: Catalogue): Catalogue {
  return {
    ...catalogue,
    specialties: [...catalogue.specialties].sort((a, b) => a.examCode.localeCompare(b.examCode)),
    windows: [...catalogue.windows].sort(
      (a, b) => a.sessionCode.localeCompare(b.sessionCode) || a.examCode.localeCompare(b.examCode),
    ),
  };
}

describe.each(dialects)('candidat catalogue import (%s)', (dialect) => {
  let database: TestDatabase;
  let opened: Database;
  let badFile: string;
  let badLine: number;

  async function candidat(
    args: string[],
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const location = database.location;
    const url = location.dialect === 'sqlite' ? `sqlite:${location.file}` : location.url;
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', 'src/cli.ts', ...args],
        { env: { PATH: process.env.PATH, DATABASE_URL: url, DATA_DIR: database.dataDir } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  /** Every row of the catalogue tables, in a stable order: "exactly as before" is this. */
  async function snapshot(): Promise<Record<string, unknown[]>> {
    const rows: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      const all = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
        opened.db,
      );
      rows[table] = all.rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
    }
    return rows;
  }

  async function tableCount(): Promise<number> {
    const query =
      dialect === 'sqlite'
        ? sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`
        : sql<{ n: number }>`select count(*)::int as n from information_schema.tables
            where table_schema = 'public'`;
    return Number((await query.execute(opened.db)).rows[0]?.n);
  }

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    opened = openDatabase(database.location);
    // The Poitiers file with an exam handled by a pôle that does not exist.
    const text = readFileSync(POITIERS, 'utf8').replace('    desk: bac-pro\n', '    desk: foo\n');
    badFile = path.join(database.dataDir, 'poitiers-errone.yaml');
    writeFileSync(badFile, text);
    badLine = text.slice(0, text.indexOf('desk: foo')).split('\n').length;
  });

  afterAll(async () => {
    await opened.close();
    await database.drop();
  });

  it('refuses an invalid file on a fresh database without creating anything', async () => {
    const result = await candidat(['catalogue', 'import', badFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `poitiers-errone.yaml, ligne ${badLine} : le pôle « foo » n’existe pas`,
    );
    expect(result.stderr).toContain('la base de données n’a pas été modifiée');
    expect(result.stdout).toBe('');
    expect(await tableCount()).toBe(0);
  });

  it('imports the Poitiers file, which reads back as written', async () => {
    const result = await candidat(['catalogue', 'import', POITIERS]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '3 pôle(s), 3 examen(s), 42 spécialité(s), 1 session(s), 3 ouverture(s) du serveur.',
    );
    expect(result.stdout).toContain(
      '2025 BAC PRO : du 10 octobre 2024 à 10 h 00 au 13 novembre 2024 à 19 h 00 (heure de Paris)',
    );
    const file = await readCatalogueFile(POITIERS, { now: new Date() });
    if (!file.ok) throw new Error('the Poitiers file is invalid');
    const stored = await loadCatalogue(opened.db);
    expect(stored && inStableOrder(stored)).toEqual(inStableOrder(file.catalogue));
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await snapshot();
    const result = await candidat(['catalogue', 'import', POITIERS]);
    expect(result.code).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an invalid file after a valid import, leaving the database exactly as it was', async () => {
    const before = await snapshot();
    const result = await candidat(['catalogue', 'import', badFile]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ligne ${badLine} : le pôle « foo » n’existe pas`);
    expect(await snapshot()).toEqual(before);
  });

  it('adds the demo session on top, keeping the entries the file does not name', async () => {
    const result = await candidat(['catalogue', 'import', DEMO]);
    expect(result.code).toBe(0);
    const catalogue = await loadCatalogue(opened.db);
    expect(catalogue?.sessions.map((s) => s.code)).toEqual(['2025', 'demo']);
    expect(catalogue?.windows).toHaveLength(6);
    expect(catalogue?.desks).toHaveLength(3);
  });

  it('seeds the demo from the demo catalogue, and seeding again changes nothing', async () => {
    const now = new Date('2025-01-15T09:00:00.000Z');
    await seedDemo(opened.db, argon2Hasher, now);
    const before = await snapshot();
    await seedDemo(opened.db, argon2Hasher, now);
    expect(await snapshot()).toEqual(before);
    const accounts = await opened.db
      .selectFrom('accounts')
      .select('email')
      .where('email', '=', DEMO_ACCOUNT.email)
      .execute();
    expect(accounts).toHaveLength(1);
    const windows = (await loadCatalogue(opened.db))?.windows.filter(
      (w) => w.sessionCode === 'demo',
    );
    expect(windows?.find((w) => w.examCode === 'BCP')?.opensAt.toISOString()).toBe(
      '2024-12-26T09:00:00.000Z',
    );
  });

  it('explains itself with --help', async () => {
    const group = await candidat(['catalogue', '--help']);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain('Usage: candidat catalogue');
    expect(group.stdout).toContain('import <file>');
    const command = await candidat(['catalogue', 'import', '--help']);
    expect(command.code).toBe(0);
    expect(command.stdout).toContain('Usage: candidat catalogue import [options] <file>');
    expect(command.stdout.replace(/\s+/g, ' ')).toContain('import it in one transaction');
  });
});
