import type { Kysely } from 'kysely';

// Registrations and their versions, the wizard's drafts, the identity a first registration
// locks, named counters (registration numbers) and requests to the office's pôles.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('session_code', 'text', (c) => c.notNull().references('exam_sessions.code'))
    .addColumn('exam_code', 'text', (c) => c.notNull().references('exams.code'))
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addUniqueConstraint('registrations_one_per_exam', ['account_id', 'session_code', 'exam_code'])
    .execute();
  await db.schema
    .createIndex('registrations_exam_idx')
    .on('registrations')
    .columns(['session_code', 'exam_code', 'specialty_code'])
    .execute();

  await db.schema
    .createTable('registration_versions')
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registration_versions_pk', ['registration_id', 'version'])
    .execute();

  await db.schema
    .createTable('registration_drafts')
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('session_code', 'text', (c) => c.notNull())
    .addColumn('exam_code', 'text', (c) => c.notNull())
    .addColumn('specialty_code', 'text', (c) => c.notNull())
    .addColumn('conditions_accepted', 'integer', (c) => c.notNull())
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('candidature', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registration_drafts_pk', ['account_id', 'session_code', 'exam_code'])
    .execute();

  await db.schema
    .createTable('candidate_identities')
    .addColumn('account_id', 'text', (c) =>
      c.primaryKey().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('office_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('desk_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('office_requests_account_idx')
    .on('office_requests')
    .column('account_id')
    .execute();
  await db.schema
    .createIndex('office_requests_desk_idx')
    .on('office_requests')
    .columns(['desk_code', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'office_requests',
    'counters',
    'candidate_identities',
    'registration_drafts',
    'registration_versions',
    'registrations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
