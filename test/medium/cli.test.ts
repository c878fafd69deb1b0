/**
 * The `candidat` command as an operator runs it: help on each sub-command, `migrate` on a
 * fresh SQLite file, `purge-accounts` on an account past its 48 hours, and a wrong setting
 * that stops the start with the variable's name.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/db/database.js';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'candidat-cli-'));
const file = path.join(dir, 'cli.sqlite');

async function candidat(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      {
        env: { PATH: process.env.PATH, DATABASE_URL: `sqlite:${file}`, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('candidat command line', () => {
  it.each([
    ['serve', 'serve the portal'],
    ['migrate', 'Apply the pending database migrations'],
    ['purge-accounts', 'not activated within 48 hours'],
  ])('explains %s with --help', async (command, text) => {
    const result = await candidat([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: candidat ${command}`);
    expect(result.stdout).toContain(text);
  });

  it('migrates a fresh database, then finds nothing to do', async () => {
    expect((await candidat(['migrate'])).stdout).toContain(
      'Applied: 0001-accounts, 0002-outbox, 0003-rate-limits, 0004-desks',
    );
    expect((await candidat(['migrate'])).stdout).toContain('The database schema is up to date.');
  });

  it('purges the accounts left unactivated for 48 hours, and only those', async () => {
    const database = openDatabase({ dialect: 'sqlite', file });
    const old = new Date(Date.now() - 48 * 3_600_000 - 1000).toISOString();
    const recent = new Date(Date.now() - 47 * 3_600_000).toISOString();
    await database.db
      .insertInto('accounts')
      .values([
        {
          id: randomUUID(),
          email: 'old@exemple.fr',
          password_hash: 'x',
          created_at: old,
          activated_at: null,
        },
        {
          id: randomUUID(),
          email: 'recent@exemple.fr',
          password_hash: 'x',
          created_at: recent,
          activated_at: null,
        },
        {
          id: randomUUID(),
          email: 'active@exemple.fr',
          password_hash: 'x',
          created_at: old,
          activated_at: old,
        },
      ])
      .execute();
    await database.close();

    const result = await candidat(['purge-accounts']);
    expect(result.stdout).toContain('Deleted 1 unactivated account(s).');
    const reopened = openDatabase({ dialect: 'sqlite', file });
    const left = await reopened.db
      .selectFrom('accounts')
      .select('email')
      .orderBy('email')
      .execute();
    await reopened.close();
    expect(left.map((r) => r.email)).toEqual(['active@exemple.fr', 'recent@exemple.fr']);
  });

  it('refuses to serve with a wrong setting, naming the variable', async () => {
    const result = await candidat(['serve'], { PORT: 'quatre-vingt', DEMO: 'true' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid configuration: PORT');
  });

  it('refuses to serve for real without a mail server', async () => {
    const result = await candidat(['serve'], { SESSION_SECRET: 's'.repeat(40) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SMTP_URL is required outside demo mode');
  });
});
