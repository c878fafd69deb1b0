/**
 * Each database keeps the portal's statements prepared (src/infra/db/statement-cache.ts for
 * SQLite, named-statements.ts for PostgreSQL), which the rush relies on (bench/REPORT.md).
 * What must hold: answers are the same as unprepared ones, and on PostgreSQL a statement
 * prepared before the schema changed under it still answers, with the new column (another
 * node having migrated).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/infra/db/database.js';
import { testDialects } from '../support/databases.js';
import { scratchDatabases } from '../support/scratch-database.js';

const dialects = await testDialects();

describe.each(dialects)('prepared statements (%s)', (dialect) => {
  const scratch = scratchDatabases(dialect);
  const openWithTable = () =>
    scratch.open(
      sql`create table notes (id integer primary key, body text not null)`,
      sql`insert into notes (id, body) values (1, 'un'), (2, 'deux'), (3, 'trois')`,
    );

  const bodyOf = (d: Database, id: number) =>
    sql<{ body: string }>`select body from notes where id = ${id}`
      .execute(d.db)
      .then((r) => r.rows.map((row) => row.body));

  it('answers a statement run again with new parameters as a fresh one would', async () => {
    const d = await openWithTable();
    expect(await bodyOf(d, 1)).toEqual(['un']);
    expect(await bodyOf(d, 2)).toEqual(['deux']);
    expect(await bodyOf(d, 9)).toEqual([]);
  });

  if (dialect !== 'postgres') return;
  it('keeps the statements prepared on the connection, and survives a column added by another node', async () => {
    const d = await openWithTable();
    const selectAll = () =>
      sql<Record<string, unknown>>`select * from notes where id = ${1}`.execute(d.db);
    await d.db.connection().execute(async (connection) => {
      await sql`select * from notes where id = ${1}`.execute(connection);
      const prepared = await sql<{
        statement: string;
      }>`select statement from pg_prepared_statements`.execute(connection);
      expect(prepared.rows.map((r) => r.statement)).toContain('select * from notes where id = $1');
    });
    expect((await selectAll()).rows).toEqual([{ id: 1, body: 'un' }]);

    // Another node migrates: its own connection, not this pool's.
    const other = new pg.Client({
      connectionString: d.location.dialect === 'postgres' ? d.location.url : '',
    });
    await other.connect();
    await other.query('alter table notes add column mood text not null default $$calme$$');
    await other.end();

    for (let i = 0; i < 12; i += 1) {
      // Whichever pooled connection answers, with the column the table has now.
      expect((await selectAll()).rows).toEqual([{ id: 1, body: 'un', mood: 'calme' }]);
    }
  });
});
