/**
 * Prepared statements kept for reuse on SQLite. Kysely asks better-sqlite3 to prepare every
 * query it runs, and preparing (parsing and planning the SQL) cost as much as running the
 * small queries of a page in the profiles (bench/REPORT.md). The portal's queries come from a
 * fixed set of builders, so their SQL texts are few and the cache stays small; it is bounded
 * anyway, oldest first out. A statement still being iterated (a streamed query) is busy and
 * cannot run twice at once: then a fresh one is prepared for that call.
 *
 * It also sets each transaction's durability (durability.ts): `synchronous` may not change
 * inside a transaction, so a relaxed one gets NORMAL just before its BEGIN and FULL back just
 * after its COMMIT or ROLLBACK, in the same synchronous call, so that nothing else can run
 * in between; a relaxed write outside any transaction gets NORMAL around that one statement.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { relaxedNow } from './durability.js';

const MAX_STATEMENTS = 1000;

export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  let relaxed = false;
  const restoreFull = (): void => {
    // Once the transaction is over (a failed COMMIT leaves it open: its ROLLBACK restores).
    if (relaxed && !sqlite.inTransaction) {
      relaxed = false;
      sqlite.pragma('synchronous = FULL');
    }
  };
  // A write outside any transaction, run in relaxed work: NORMAL for that statement alone.
  const alone = <T>(run: () => T): T => {
    if (sqlite.inTransaction || !relaxedNow()) return run();
    sqlite.pragma('synchronous = NORMAL');
    try {
      return run();
    } finally {
      sqlite.pragma('synchronous = FULL');
    }
  };
  const relaxable = (statement: SQLite.Statement): SqliteStatement => ({
    get reader() {
      return statement.reader;
    },
    all: (...parameters: unknown[]) => alone(() => statement.all(...parameters)),
    run: (...parameters: unknown[]) => alone(() => statement.run(...parameters)),
    iterate: (...parameters: unknown[]) => statement.iterate(...parameters),
  });
  const boundary = (statement: SQLite.Statement, text: string): SqliteStatement => ({
    reader: false,
    all: () => [],
    iterate: () => [][Symbol.iterator](),
    run(...parameters: unknown[]) {
      if (text !== 'begin') {
        try {
          return statement.run(...parameters);
        } finally {
          restoreFull();
        }
      }
      if (!relaxedNow()) return statement.run(...parameters);
      sqlite.pragma('synchronous = NORMAL');
      relaxed = true;
      try {
        return statement.run(...parameters);
      } catch (error) {
        restoreFull();
        throw error;
      }
    },
  });
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(text: string): SqliteStatement {
      if (text === 'begin' || text === 'commit' || text === 'rollback') {
        return boundary(cachedStatement(text), text);
      }
      const statement = cachedStatement(text);
      return statement.readonly ? statement : relaxable(statement);
    },
  };

  function cachedStatement(text: string): SQLite.Statement {
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
  }
}
