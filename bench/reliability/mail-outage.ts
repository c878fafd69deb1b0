/**
 * Guarantee 3, « mail outage »: while virtual candidates do the whole journey (each one
 * queues an activation mail, a confirmation, a modification, a « pièces fournies »), the SMTP
 * server stops for a while (connections refused; the portal's open ones get « 421 » and are
 * closed), then comes back on the same port. No candidate action may fail because of it
 * (mails are queued in the change's transaction and the activation link is read from the
 * outbox, as a person would read it from their mailbox later), and once the outbox is empty
 * every mail that was due must have been received exactly once, counted by Message-ID on the
 * SMTP server.
 */
import type { UploadFile } from '../lib/files.js';
import type { Entry } from '../lib/server.js';
import { SmtpSink } from '../lib/smtp-sink.js';
import { Deployment } from './lib/deployment.js';
import { JourneyLoad, type LoadFigures, durableJourney } from './lib/journey.js';
import { Ledger } from './lib/ledger.js';
import { type MailCount, countMails } from './lib/mail-check.js';
import { sleep, waitUntil } from './lib/time.js';

export interface MailOutageOptions {
  entry: Entry;
  postgresUrl?: string | undefined;
  concurrency: number;
  /**
   * Load before the SMTP server stops, while it is down (at least until a delivery has
   * failed), and after it is back.
   */
  beforeMs: number;
  outageMs: number;
  afterMs: number;
  /** How long the outbox may take to empty once SMTP is back (the first retry is after 30 s). */
  drainTimeoutMs: number;
  files: readonly UploadFile[];
  log: (message: string) => void;
}

export interface MailOutageResult {
  dialect: 'sqlite' | 'postgres';
  outageMs: number;
  load: LoadFigures;
  /** Mails queued while the SMTP server was down. */
  queuedDuringOutage: number;
  mails: MailCount;
  /** From the SMTP server's return to an empty outbox. */
  drainSeconds: number;
  violations: string[];
  seconds: number;
}

export async function mailOutageScenario(o: MailOutageOptions): Promise<MailOutageResult> {
  const started = performance.now();
  const sink = new SmtpSink();
  await sink.start();
  const d = await Deployment.start({
    postgresUrl: o.postgresUrl,
    smtpUrl: sink.url,
    entry: o.entry,
  });
  const ledger = new Ledger();
  const tag = Math.random().toString(36).slice(2, 8);
  const load = new JourneyLoad(o.concurrency, (i) =>
    durableJourney(
      { bases: d.bases, dispatcher: d.dispatcher, outbox: d.outbox(), ledger },
      `courrier.${tag}.${i}@exemple.fr`,
      { files: o.files, resaves: 1 },
    ),
  );
  const database = d.openDatabase();
  try {
    load.start();
    await sleep(o.beforeMs);
    const down = new Date();
    await sink.stop();
    o.log(`mail ${d.dialect}: SMTP server stopped`);
    await sleep(o.outageMs);
    // Down at least until a delivery has failed (a mail was due and could not go), else the
    // outage would have tested nothing.
    await waitUntil(async () => {
      const failed = await database.db
        .selectFrom('outbox')
        .select('id')
        .where('last_error', 'is not', null)
        .executeTakeFirst();
      return failed !== undefined;
    }, 120_000);
    await sink.start();
    const back = new Date();
    o.log(`mail ${d.dialect}: SMTP server back after ${back.getTime() - down.getTime()} ms`);
    await sleep(o.afterMs);
    const figures = await load.stop();
    const pending = async (): Promise<boolean> => (await d.outbox().mailCounts()).pending === 0;
    const drained = await waitUntil(pending, o.drainTimeoutMs, 500);
    const drainSeconds = Math.round((Date.now() - back.getTime()) / 100) / 10;
    const mails = await countMails(database.db, sink);
    const queued = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('created_at', '>=', down.toISOString())
      .where('created_at', '<', back.toISOString())
      .executeTakeFirstOrThrow();
    const violations: string[] = [];
    if (figures.failed > 0)
      violations.push(
        `${figures.failed} journey(s) failed: ${figures.failureExamples.slice(0, 2).join('; ')}`,
      );
    if (!drained)
      violations.push(`the outbox was not empty ${o.drainTimeoutMs} ms after SMTP came back`);
    if (mails.missing > 0) violations.push(`${mails.missing} mail(s) due never received`);
    if (mails.duplicates > 0) violations.push(`${mails.duplicates} mail(s) received twice`);
    // Without it the scenario would prove nothing: a delivery did fail while SMTP was down.
    if (mails.retried === 0) violations.push('no delivery failed during the outage');
    o.log(
      `mail ${d.dialect}: ${mails.due} due, ${mails.deliveredOnce} received once, ` +
        `${mails.duplicates} twice, ${mails.missing} missing, ${mails.retried} retried; ` +
        `outbox empty ${drainSeconds} s after SMTP came back`,
    );
    return {
      dialect: d.dialect,
      outageMs: back.getTime() - down.getTime(),
      load: figures,
      queuedDuringOutage: Number(queued.n),
      mails,
      drainSeconds,
      violations,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } catch (error) {
    console.error(d.output());
    throw error;
  } finally {
    await load.stop();
    await database.close();
    await d.close();
    await sink.stop();
  }
}
