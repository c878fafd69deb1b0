/**
 * Prepared statements kept on each PostgreSQL connection, the counterpart of the SQLite
 * statement cache. Kysely sends every query unnamed, so PostgreSQL parses and plans it again
 * each time; a page's queries are short and parsing them was a large part of their cost
 * (bench/REPORT.md: « Mes inscriptions » went from 859 to 1,668 pages/s). A query sent with a
 * name is parsed once per connection, then only bound and executed.
 *
 * The portal's SQL texts come from a fixed set of builders, but a few vary with their input
 * (the length of an `in (…)` list, the office list's filters): only the first MAX_NAMED
 * distinct texts get a name, so a connection never holds more than that many statements.
 *
 * A statement prepared before another node migrated the schema may no longer fit its table
 * (`select *` of a table that gained a column: "cached plan must not change result type").
 * That text is then sent unnamed from then on, and the query is run again unnamed: outside a
 * transaction the caller sees nothing; inside one, the transaction fails as any error would.
 *
 * A relaxed transaction (durability.ts) gets `synchronous_commit = off` for itself only
 * (`set local`), right after its BEGIN.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { relaxedNow } from './durability.js';

const MAX_NAMED = 2_000;
/** SQL text → its statement name, or null once it must go unnamed. */
const names = new Map<string, string | null>();

function nameOf(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_NAMED) return null;
    name = 's' + createHash('sha1').update(text).digest('hex').slice(0, 24);
    names.set(text, name);
  }
  return name;
}

function isStalePlan(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === '0A000' &&
    String((error as { message?: unknown }).message).includes('cached plan')
  );
}

type Query = (...args: unknown[]) => Promise<unknown>;

/** Makes `client.query(text, values)`, the form Kysely uses, a named query. */
export function useNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as Query;
  const named: Query = (...args) => {
    const [text, values] = args;
    if (typeof text !== 'string' || args.length !== 2 || !Array.isArray(values)) {
      return query(...args);
    }
    if (text === 'begin' && relaxedNow()) {
      return query(text, values).then(async (begun) => {
        await query('set local synchronous_commit to off', []);
        return begun;
      });
    }
    const name = nameOf(text);
    if (name === null) return query(text, values);
    return query({ name, text, values }).catch((error: unknown) => {
      if (!isStalePlan(error)) throw error;
      names.set(text, null);
      return query(text, values);
    });
  };
  client.query = named as unknown as typeof client.query;
}
