import type { Kysely } from 'kysely';

// The session dashboard at 100,000 registrations: two narrow indexes that hold every column
// its queries read, so that it walks indexes instead of the rows (a registration carries the
// candidate's whole form as JSON; a required document its label and reason).
// - registrations by session, exam and specialty, with the completeness columns and the id the
//   documents are joined on: the counts per specialty, and the driving side of the join;
// - required documents by state and registration, with `required` and `updated_at`: the
//   documents waiting or refused of each registration, and the oldest waiting.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('registrations_dashboard_idx')
    .on('registrations')
    .columns([
      'session_code',
      'exam_code',
      'specialty_code',
      'complete_declared_at',
      'set_aside_at',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('required_documents_dashboard_idx')
    .on('required_documents')
    .columns(['state', 'registration_id', 'required', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('required_documents_dashboard_idx').execute();
  await db.schema.dropIndex('registrations_dashboard_idx').execute();
}
