import type { Kysely } from 'kysely';

// The pôles' inbox of requests. A request may be answered more than once before it is closed
// (ask for a document, then confirm), so every answer is kept in its own row;
// office_requests.answer keeps the latest for the pages that show one line per request. The
// inbox lists one state of one or more pôles, oldest (or newest) first, a page at a time:
// (desk_code, state, created_at) serves a gestionnaire's list, (state, created_at) an
// administrator's across every pôle.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('office_request_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) =>
      c.notNull().references('office_requests.id').onDelete('cascade'),
    )
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('answered_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('office_request_answers_request_idx')
    .on('office_request_answers')
    .columns(['request_id', 'answered_at'])
    .execute();
  await db.schema
    .createIndex('office_requests_inbox_idx')
    .on('office_requests')
    .columns(['desk_code', 'state', 'created_at'])
    .execute();
  await db.schema
    .createIndex('office_requests_state_idx')
    .on('office_requests')
    .columns(['state', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('office_requests_state_idx').execute();
  await db.schema.dropIndex('office_requests_inbox_idx').execute();
  await db.schema.dropTable('office_request_answers').execute();
}
