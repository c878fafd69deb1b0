import type { Kysely } from 'kysely';

// What each registration must provide (recomputed at every save: a document no longer
// required leaves the list but keeps its files), the uploaded files, and the instant the
// candidate declared the file complete (« J'ai fourni toutes mes pièces »).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('required_documents')
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('multiple_files', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('refusal_reason', 'text')
    .addColumn('reopened_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('required_documents_pk', ['registration_id', 'key'])
    .execute();

  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('document_key', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('uploads_document_idx')
    .on('uploads')
    .columns(['registration_id', 'document_key'])
    .execute();

  await db.schema.alterTable('registrations').addColumn('complete_declared_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('complete_declared_at').execute();
  await db.schema.dropTable('uploads').execute();
  await db.schema.dropTable('required_documents').execute();
}
