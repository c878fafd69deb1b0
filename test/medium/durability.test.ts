/**
 * Relaxed commits (src/infra/db/durability.ts): a transaction run `relaxed` commits without
 * waiting for the disk (SQLite synchronous=NORMAL, PostgreSQL synchronous_commit=off), and
 * only that transaction: the one before and the one after wait for the disk as always, and so
 * does a write outside any transaction, even after a relaxed one failed.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withDurability } from '../../src/infra/db/durability.js';
import { type Executor, unitRunner } from '../../src/infra/repositories/executor.js';
import { testDialects } from '../support/databases.js';
import { scratchDatabases } from '../support/scratch-database.js';

const dialects = await testDialects();

describe.each(dialects)('relaxed commits (%s)', (dialect) => {
  const scratch = scratchDatabases(dialect);
  const open = () =>
    scratch.open(sql`create table steps (id integer primary key, body text not null)`);

  /** What the connection running `ex` will do at commit: wait for the disk or not. */
  async function waitsForDisk(ex: Executor): Promise<boolean> {
    if (dialect === 'sqlite') {
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(ex);
      return Number(rows[0]?.synchronous) === 2; // FULL
    }
    const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(ex);
    return rows[0]?.synchronous_commit === 'on';
  }

  it('relaxes only the transaction asked for, and keeps what it wrote', async () => {
    const d = await open();
    const store = unitRunner(d.db, (ex) => ex);
    expect(await store.transaction((ex) => waitsForDisk(ex))).toBe(true);
    const relaxed = await store.transaction(
      async (ex) => {
        await sql`insert into steps (id, body) values (1, 'brouillon')`.execute(ex);
        return waitsForDisk(ex);
      },
      { relaxed: true },
    );
    expect(relaxed).toBe(false);
    expect(await store.transaction((ex) => waitsForDisk(ex))).toBe(true);
    expect(await store.read((ex) => waitsForDisk(ex))).toBe(true);
    const { rows } = await sql<{ body: string }>`select body from steps`.execute(d.db);
    expect(rows).toEqual([{ body: 'brouillon' }]);
  });

  it('waits for the disk again after a relaxed transaction that failed, and keeps none of it', async () => {
    const d = await open();
    const store = unitRunner(d.db, (ex) => ex);
    await expect(
      store.transaction(
        async (ex) => {
          await sql`insert into steps (id, body) values (2, 'perdu')`.execute(ex);
          throw new Error('refused halfway');
        },
        { relaxed: true },
      ),
    ).rejects.toThrow('refused halfway');
    expect(await store.read((ex) => waitsForDisk(ex))).toBe(true);
    expect(await store.transaction((ex) => waitsForDisk(ex))).toBe(true);
    const { rows } = await sql`select * from steps`.execute(d.db);
    expect(rows).toEqual([]);
  });

  it('keeps a transaction durable unless it asks, even when started from relaxed work', async () => {
    const d = await open();
    const store = unitRunner(d.db, (ex) => ex);
    // The outbox worker's bookkeeping is relaxed; whatever it calls stays durable by default.
    const nested = await withDurability('relaxed', () =>
      store.transaction((ex) => waitsForDisk(ex)),
    );
    expect(nested).toBe(true);
  });
  it('keeps a relaxed write outside any transaction, and waits for the disk after it', async () => {
    const d = await open();
    const store = unitRunner(d.db, (ex) => ex);
    await withDurability('relaxed', () =>
      sql`insert into steps (id, body) values (3, 'envoyé')`.execute(d.db),
    );
    expect(await store.read((ex) => waitsForDisk(ex))).toBe(true);
    const { rows } = await sql<{ body: string }>`select body from steps`.execute(d.db);
    expect(rows).toEqual([{ body: 'envoyé' }]);
  });
});
