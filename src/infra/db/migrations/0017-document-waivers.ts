import type { Kysely } from 'kysely';

// « Non concerné » decided by the office: the reason it gave the candidate. A waived document
// keeps `required = 1` (the candidate and the office still see it, with this reason) and its
// state `non_concerne`; this column, set, is what tells it from a document the candidate's
// answers no longer require (`required = 0`), so that a later save does not bring it back.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('required_documents').addColumn('waiver_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('required_documents').dropColumn('waiver_reason').execute();
}
