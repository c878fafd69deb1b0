import type { Kysely } from 'kysely';

// The catalogue's rules for supporting documents; each rule is JSON text (its condition is a
// small tree), read whole with the catalogue.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('document_rules')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('document_rules').execute();
}
