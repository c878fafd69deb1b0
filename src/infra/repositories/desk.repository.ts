/** The pôles of the office, as mails and pages list them. */
import type { Desk } from '../../domain/desks/desk.js';
import type { Executor } from './executor.js';

export async function listDesks(db: Executor): Promise<Desk[]> {
  const rows = await db
    .selectFrom('desks')
    .selectAll()
    .orderBy('position')
    .orderBy('code')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    phones: JSON.parse(row.phones) as string[],
    email: row.email,
  }));
}

export async function saveDesks(db: Executor, desks: readonly Desk[]): Promise<void> {
  for (const [position, desk] of desks.entries()) {
    const values = {
      name: desk.name,
      phones: JSON.stringify(desk.phones),
      email: desk.email,
      position,
    };
    await db
      .insertInto('desks')
      .values({ code: desk.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
  }
}
