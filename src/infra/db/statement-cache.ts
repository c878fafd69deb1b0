/**
 * Prepared statements kept for reuse on SQLite. Kysely asks better-sqlite3 to prepare every
 * query it runs, and preparing (parsing and planning the SQL) cost as much as running the
 * small queries of a page in the profiles (bench/REPORT.md). The portal's queries come from a
 * fixed set of builders, so their SQL texts are few and the cache stays small; it is bounded
 * anyway, oldest first out. A statement still being iterated (a streamed query) is busy and
 * cannot run twice at once: then a fresh one is prepared for that call.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 1000;

export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(text: string): SqliteStatement {
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(text);
      if (!cached) {
        if (cache.size >= MAX_STATEMENTS) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(text, statement);
      }
      return statement;
    },
  };
}
