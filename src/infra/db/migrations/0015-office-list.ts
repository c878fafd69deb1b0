import { type Kysely, SqliteAdapter, sql } from 'kysely';

// The office's list of registrations (« Inscriptions ») at 100,000 rows: an index in the list's
// order (by number) that holds every column its filters test, so that counting, paging and
// exporting read this narrow index instead of the rows (each carries the candidate's whole
// form as JSON, about 1 KB), and fetch rows only for the lines shown.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('registrations_list_idx')
    .on('registrations')
    .columns([
      'number',
      'session_code',
      'exam_code',
      'specialty_code',
      'complete_declared_at',
      'set_aside_at',
      'id',
    ])
    .execute();
  // PostgreSQL only (SQLite has no such statistics): a specialty belongs to one exam, and a
  // gestionnaire's scope is an OR of (exam, specialty IN …) terms. Taken as independent
  // columns, PostgreSQL underestimated such a scope tenfold and probed the documents once per
  // registration instead of hashing them (0.6 s against 0.2 s for a pôle's « à vérifier » at
  // 100,000 rows); the combinations' own statistics (ANALYZE, autovacuum) give the right count.
  if (!(db.getExecutor().adapter instanceof SqliteAdapter))
    await sql`create statistics registrations_exam_specialty_stats (mcv, dependencies)
      on exam_code, specialty_code from registrations`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter))
    await sql`drop statistics if exists registrations_exam_specialty_stats`.execute(db);
  await db.schema.dropIndex('registrations_list_idx').execute();
}
