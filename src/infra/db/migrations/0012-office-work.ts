import { type Kysely, sql } from 'kysely';
import { searchKey } from '../../../domain/registrations/search-key.js';

// What the office's work needs on top of the candidates' tables: search keys and the set-aside
// state on registrations, the review of each document, the answers to requests, documents the
// office publishes to a candidate, and the indexes that keep the lists fast at 100,000 rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('registrations')
    .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('registrations')
    .addColumn('usage_name_key', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('registrations').addColumn('set_aside_at', 'text').execute();
  await db.schema.alterTable('registrations').addColumn('set_aside_reason', 'text').execute();
  await backfillNameKeys(db);
  await db.schema
    .createIndex('registrations_name_idx')
    .on('registrations')
    .column('name_key')
    .execute();
  await db.schema
    .createIndex('registrations_usage_name_idx')
    .on('registrations')
    .column('usage_name_key')
    .execute();
  await db.schema
    .createIndex('registrations_created_idx')
    .on('registrations')
    .columns(['session_code', 'created_at'])
    .execute();
  await db.schema
    .createIndex('registrations_account_idx')
    .on('registrations')
    .column('account_id')
    .execute();

  await db.schema.alterTable('required_documents').addColumn('reviewed_at', 'text').execute();
  await db.schema.alterTable('required_documents').addColumn('reviewed_by', 'text').execute();
  await db.schema
    .createIndex('required_documents_state_idx')
    .on('required_documents')
    .columns(['state', 'registration_id'])
    .execute();

  for (const column of ['answer', 'answered_at', 'answered_by', 'applied_at', 'closed_at'])
    await db.schema.alterTable('office_requests').addColumn(column, 'text').execute();
  await db.schema
    .createIndex('office_requests_registration_idx')
    .on('office_requests')
    .column('registration_id')
    .execute();

  await db.schema
    .createTable('published_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text')
    .execute();
  await db.schema
    .createIndex('published_documents_registration_idx')
    .on('published_documents')
    .column('registration_id')
    .execute();
}

/** Registrations saved before this migration get their keys from their current data. */
async function backfillNameKeys(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{ id: string; data: string }>`select id, data from registrations`.execute(
    db,
  );
  for (const row of rows.rows) {
    const identity = (JSON.parse(row.data) as { identity?: Record<string, string> }).identity;
    await sql`update registrations set name_key = ${searchKey(identity?.birthName ?? '')},
      usage_name_key = ${searchKey(identity?.usageName ?? '')} where id = ${row.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('published_documents').execute();
  await db.schema.dropIndex('office_requests_registration_idx').execute();
  for (const column of ['closed_at', 'applied_at', 'answered_by', 'answered_at', 'answer'])
    await db.schema.alterTable('office_requests').dropColumn(column).execute();
  await db.schema.dropIndex('required_documents_state_idx').execute();
  await db.schema.alterTable('required_documents').dropColumn('reviewed_by').execute();
  await db.schema.alterTable('required_documents').dropColumn('reviewed_at').execute();
  for (const index of [
    'registrations_account_idx',
    'registrations_created_idx',
    'registrations_usage_name_idx',
    'registrations_name_idx',
  ])
    await db.schema.dropIndex(index).execute();
  for (const column of ['set_aside_reason', 'set_aside_at', 'usage_name_key', 'name_key'])
    await db.schema.alterTable('registrations').dropColumn(column).execute();
}
