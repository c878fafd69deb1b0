/**
 * The bench's side door into the portal's database, for what a person would read elsewhere:
 * the activation link (the mail, from the outbox table), and the counts the checks need.
 * SQLite is opened read-only beside the serving process (WAL lets it read while the server
 * writes); PostgreSQL through a small pool. Also: the throwaway PostgreSQL database of a run.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { StepError } from './browser.js';

export interface OutboxView {
  /** The token of the newest activation link mailed to `email`. */
  activationToken(email: string): Promise<string>;
  /** Mails by status ({ pending, sent }). */
  mailCounts(): Promise<{ pending: number; sent: number }>;
  /** Committed transactions so far (PostgreSQL's pg_stat_database), undefined on SQLite. */
  committedTransactions(): Promise<number | undefined>;
  close(): Promise<void>;
}

const ACTIVATION_QUERY = `select o.text_body from outbox o join accounts a on a.id = o.account_id
  where a.email = $1 order by o.created_at desc limit 1`;
const LINK = /\/compte\/activer\?jeton=([A-Za-z0-9_-]+)/;

function tokenIn(body: string | undefined, email: string): string {
  const token = body && LINK.exec(body)?.[1];
  if (!token) throw new StepError('(bench) read the activation mail', `no link mailed to ${email}`);
  return token;
}

export function sqliteOutbox(file: string): OutboxView {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const activation = db.prepare<[string], { text_body: string }>(
    ACTIVATION_QUERY.replace('$1', '?'),
  );
  const counts = db.prepare<[], { status: string; n: number }>(
    'select status, count(*) as n from outbox group by status',
  );
  return {
    activationToken: (email) => Promise.resolve(tokenIn(activation.get(email)?.text_body, email)),
    mailCounts() {
      const rows = counts.all();
      const of = (s: string): number => Number(rows.find((r) => r.status === s)?.n ?? 0);
      return Promise.resolve({ pending: of('pending'), sent: of('sent') });
    },
    committedTransactions: () => Promise.resolve(undefined),
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

export function postgresOutbox(url: string): OutboxView {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle connection broken by a server restart (bench/reliability) is dropped by the pool;
  // unhandled, its 'error' event would end this process.
  pool.on('error', () => undefined);
  const database = new URL(url).pathname.slice(1);
  return {
    async activationToken(email) {
      const { rows } = await pool.query<{ text_body: string }>(ACTIVATION_QUERY, [email]);
      return tokenIn(rows[0]?.text_body, email);
    },
    async mailCounts() {
      const { rows } = await pool.query<{ status: string; n: string }>(
        'select status, count(*) as n from outbox group by status',
      );
      const of = (s: string): number => Number(rows.find((r) => r.status === s)?.n ?? 0);
      return { pending: of('pending'), sent: of('sent') };
    },
    async committedTransactions() {
      // The statistics are sent by each backend when it goes idle, with a small delay.
      await pool.query('select pg_stat_clear_snapshot()');
      const { rows } = await pool.query<{ n: string }>(
        'select xact_commit as n from pg_stat_database where datname = $1',
        [database],
      );
      return Number(rows[0]?.n ?? 0);
    },
    close: () => pool.end(),
  };
}

/** A fresh database on the server of `adminUrl`; `drop()` removes it (and its connections). */
export async function createPostgresDatabase(
  adminUrl: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `candidat_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Whether a PostgreSQL server answers at `url`. */
export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
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
