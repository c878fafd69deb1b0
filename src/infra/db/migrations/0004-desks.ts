import type { Kysely } from 'kysely';

// The office's pôles and how candidates reach them. Mails and pages list them; the catalogue
// (exams, specialties, which pôle handles which) builds on this table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('desks')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phones', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('desks').execute();
}
