/**
 * A fresh database per test file, on each dialect: a new SQLite file in a temporary folder,
 * and a new PostgreSQL database on the local server (TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test). PostgreSQL suites are skipped only on a machine
 * without it; with CI=true an unreachable PostgreSQL fails the run instead.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseLocation } from '../../src/config.js';

export type TestDialect = DatabaseLocation['dialect'];

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function testDialects(): Promise<TestDialect[]> {
  if (await postgresReachable()) return ['sqlite', 'postgres'];
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required in CI but ${ADMIN_URL} does not answer`);
  }
  console.warn(
    `PostgreSQL not reachable at ${ADMIN_URL}: PostgreSQL suites skipped on this machine.`,
  );
  return ['sqlite'];
}

export interface TestDatabase {
  location: DatabaseLocation;
  dataDir: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'candidat-test-'));
  const removeDir = (): void => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return {
      location: { dialect, file: path.join(dataDir, 'test.sqlite') },
      dataDir,
      drop: () => Promise.resolve(removeDir()),
    };
  }
  const name = `candidat_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    location: { dialect, url: url.toString() },
    dataDir,
    async drop() {
      await adminQuery(`drop database if exists ${name} with (force)`);
      removeDir();
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
