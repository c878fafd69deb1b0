import type { Kysely } from 'kysely';

// « J'ai fourni toutes mes pièces » lifted: when a new version asked for a document with no
// file (lift-declaration.ts), `complete_declared_at` goes back to null and this column says
// when, so that « Mes justificatifs » and « Mes inscriptions » tell the candidate to provide
// it and declare again. Null again once they do; null for a file never declared.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('declaration_lifted_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('declaration_lifted_at').execute();
}
