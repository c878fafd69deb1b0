import type { Kysely } from 'kysely';

// « Modifier mon adresse électronique »: the link mailed to the new address is an account
// token like the others (purpose `email-change`, hash only, expiry, single use); this column
// holds the address the account takes when it is opened. Null for every other purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('account_tokens').addColumn('new_email', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('account_tokens').dropColumn('new_email').execute();
}
