/**
 * Opens the database: an embedded SQLite file (the default, one process per file) or a
 * PostgreSQL server shared by several app nodes. Both are driven by the same Kysely queries.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseLocation } from '../../config.js';
import type { Schema } from './schema.js';
import { useNamedStatements } from './named-statements.js';
import { withStatementCache } from './statement-cache.js';

export type Dialect = DatabaseLocation['dialect'];

export interface Database {
  db: Kysely<Schema>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Called when a PostgreSQL connection breaks (server restart); the pool recovers. */
  onPoolError?: (error: Error) => void;
}

export function openDatabase(location: DatabaseLocation, options: OpenOptions = {}): Database {
  if (location.dialect === 'sqlite') {
    mkdirSync(path.dirname(location.file), { recursive: true });
    const sqlite = new SQLite(location.file);
    // WAL lets readers go on while one writer commits; synchronous=FULL makes every
    // acknowledged commit survive a power cut, not only a process crash (docs/architecture.md).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Schema>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: location.url,
    max: 10,
    connectionTimeoutMillis: 5000,
  });
  // An idle connection that breaks is reported on the pool; one checked out (a transaction
  // between two statements) on the client itself, where an unheard 'error' event would end
  // the process. Heard, the client stops being queryable: its next query fails (the request
  // gets the 503 page) and the pool discards it when it is released.
  pool.on('error', (error) => options.onPoolError?.(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onPoolError?.(error));
    useNamedStatements(client);
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** True when the database answers a trivial query. */
export async function isReachable(db: Kysely<Schema>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
