import type { Kysely } from 'kysely';

// The catalogue: académie, exams, specialties, sessions and registration windows (the pôles
// are in `desks`). An exam's and a specialty's form options are JSON text: catalogue
// configuration, validated at import and read whole, never queried piecemeal.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('academy')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('exams')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('desk_code', 'text', (c) => c.notNull().references('desks.code'))
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('specialties')
    .addColumn('exam_code', 'text', (c) => c.notNull().references('exams.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('desk_code', 'text', (c) => c.notNull().references('desks.code'))
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('specialties_pk', ['exam_code', 'code'])
    .execute();
  await db.schema
    .createTable('exam_sessions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('first_exam_day', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('registration_windows')
    .addColumn('session_code', 'text', (c) => c.notNull().references('exam_sessions.code'))
    .addColumn('exam_code', 'text', (c) => c.notNull().references('exams.code'))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registration_windows_pk', ['session_code', 'exam_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('registration_windows').execute();
  await db.schema.dropTable('exam_sessions').execute();
  await db.schema.dropTable('specialties').execute();
  await db.schema.dropTable('exams').execute();
  await db.schema.dropTable('academy').execute();
}
