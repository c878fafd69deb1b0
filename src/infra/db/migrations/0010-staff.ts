import type { Kysely } from 'kysely';

// The office's staff, apart from candidate accounts: people (role, password hash, sealed TOTP
// secret, last accepted TOTP step), the pôles each gestionnaire works, their single-use setup
// links and their sessions. Own tables rather than a `kind` on `sessions`: a candidate's
// session lookup cannot return a staff session, and each keeps a real foreign key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_confirmed_at', 'text')
    .addColumn('totp_last_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();

  await db.schema
    .createTable('staff_desks')
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('desk_code', 'text', (c) => c.notNull().references('desks.code'))
    .addPrimaryKeyConstraint('staff_desks_pk', ['staff_id', 'desk_code'])
    .execute();
  await db.schema
    .createIndex('staff_desks_desk_idx')
    .on('staff_desks')
    .column('desk_code')
    .execute();

  await db.schema
    .createTable('staff_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_tokens_staff_idx')
    .on('staff_tokens')
    .column('staff_id')
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_sessions_staff_idx')
    .on('staff_sessions')
    .column('staff_id')
    .execute();
  await db.schema
    .createIndex('staff_sessions_expires_idx')
    .on('staff_sessions')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staff_sessions').execute();
  await db.schema.dropTable('staff_tokens').execute();
  await db.schema.dropTable('staff_desks').execute();
  await db.schema.dropTable('staff').execute();
}
