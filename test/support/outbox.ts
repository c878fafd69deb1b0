/** Reads the outbox table directly, as the demo mailbox does: what a test expects to be sent. */
import type { App } from '../../src/app.js';

export interface StoredMail {
  recipient: string;
  subject: string;
  text_body: string;
  status: string;
}

export async function mailsTo(app: App, recipient: string): Promise<StoredMail[]> {
  return app.database.db
    .selectFrom('outbox')
    .select(['recipient', 'subject', 'text_body', 'status'])
    .where('recipient', '=', recipient)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The token of the last link to `pathPrefix` mailed to `recipient`. */
export async function lastTokenMailed(
  app: App,
  recipient: string,
  pathPrefix: string,
): Promise<string> {
  const mails = await mailsTo(app, recipient);
  for (const mail of mails.reverse()) {
    for (const match of mail.text_body.matchAll(/https?:\/\/\S+/g)) {
      const url = new URL(match[0]);
      const token = url.searchParams.get('jeton');
      if (url.pathname.startsWith(pathPrefix) && token) return token;
    }
  }
  throw new Error(`no ${pathPrefix} link mailed to ${recipient}`);
}

export type CountedTable = 'accounts' | 'account_tokens' | 'sessions' | 'outbox';

export async function countRows(app: App, table: CountedTable): Promise<number> {
  const row = await app.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The row counts of every table a request could write to: compare two to prove nothing was. */
export async function rowCounts(app: App): Promise<Record<CountedTable, number>> {
  return {
    accounts: await countRows(app, 'accounts'),
    account_tokens: await countRows(app, 'account_tokens'),
    sessions: await countRows(app, 'sessions'),
    outbox: await countRows(app, 'outbox'),
  };
}
