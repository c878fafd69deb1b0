import type { Kysely } from 'kysely';

// Deleting a candidate's data past retention: `file_deletions` holds the storage keys of files
// whose rows were deleted, written in that same transaction and removed once the bytes are
// gone, so a failure between the commit and the removal leaves keys a later run finds (never
// a row pointing at a missing file, never a file nobody knows about). The index on the audit
// log's actor serves the candidate's download of their own journal entries.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('file_deletions')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_actor_idx')
    .on('audit_log')
    .columns(['actor_kind', 'actor_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_log_actor_idx').execute();
  await db.schema.dropTable('file_deletions').execute();
}
