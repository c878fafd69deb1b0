import type { Kysely } from 'kysely';

// One row per reminder sent to an unsaved draft (account, session, exam, offset before the
// close): the primary key is what makes each go once, even with several nodes running the
// task. Keyed on the draft's identity, not on the draft row: « Enregistrer » deletes the draft
// and a new one may be started, which must not be reminded again at the same offset.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('draft_reminders_sent')
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('session_code', 'text', (c) => c.notNull())
    .addColumn('exam_code', 'text', (c) => c.notNull())
    .addColumn('offset_key', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('draft_reminders_sent_pk', [
      'account_id',
      'session_code',
      'exam_code',
      'offset_key',
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('draft_reminders_sent').execute();
}
