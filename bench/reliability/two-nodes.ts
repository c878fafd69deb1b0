/**
 * Guarantee 5, « two nodes »: two `candidat serve` processes on one PostgreSQL database,
 * both running the recurring tasks every second.
 *
 * - Sessions: every virtual candidate's requests alternate between the nodes (the account is
 *   created on one, activated on the other, signed in on one, the form posted to the other…):
 *   no journey may fail.
 * - Scheduled work runs once: each mail due is received once on the SMTP server though both
 *   nodes deliver; each registration left incomplete gets its one reminder (REMINDER_OFFSETS
 *   puts the demo window's close within it), once, though both nodes send reminders;
 *   accounts never activated and 49 hours old are purged (an idempotent delete: once means
 *   gone, with no failure logged by either node).
 * - Rate limits hold across both: sign-in attempts for one address typed, sent at once and
 *   alternating between the nodes, get exactly the per-account limit through, the rest 429.
 */
import { Browser, csrfOf, expectStatus } from '../lib/browser.js';
import type { UploadFile } from '../lib/files.js';
import type { Entry } from '../lib/server.js';
import { SmtpSink } from '../lib/smtp-sink.js';
import { RATE_LIMITS } from '../../src/domain/accounts/rate-limits.js';
import { Deployment } from './lib/deployment.js';
import { JourneyLoad, type LoadFigures, durableJourney } from './lib/journey.js';
import { Ledger } from './lib/ledger.js';
import { type MailCount, countMails } from './lib/mail-check.js';
import { sleep, waitUntil } from './lib/time.js';

export interface TwoNodesOptions {
  entry: Entry;
  /** A fresh PostgreSQL database for the run. */
  postgresUrl: string;
  journeys: number;
  concurrency: number;
  /** Every n-th journey stops after its first save: its file stays incomplete. */
  incompleteEvery: number;
  expiredAccounts: number;
  signInAttempts: number;
  files: readonly UploadFile[];
  log: (message: string) => void;
}

export interface TwoNodesResult {
  nodes: number;
  load: LoadFigures;
  mails: MailCount;
  /** Mails received twice, whatever their row (purged ones included). */
  duplicateMessageIds: number;
  /** Reminders queued (at most one a registration) and received once, for the files left incomplete. */
  reminders: { registrations: number; incompleteAtEnd: number; sent: number; received: number };
  purge: { expired: number; remaining: number; seconds: number };
  rateLimit: { attempts: number; limit: number; allowed: number; refused: number };
  /** « scheduled task failed » lines in the nodes' logs. */
  taskFailures: number;
  violations: string[];
  seconds: number;
}

const REMINDER = 'Rappel : votre dossier';
const PASSWORD = 'une phrase de passe pour le banc d’essai';

/** Accounts created through the form and never activated. */
async function createUnactivated(d: Deployment, emails: readonly string[]): Promise<void> {
  for (const email of emails) {
    const b = new Browser(d.bases, d.dispatcher);
    const form = await b.get('GET /compte/creer', '/compte/creer');
    const created = await b.postForm('POST /compte/creer', '/compte/creer', {
      _csrf: csrfOf('GET /compte/creer', form),
      email,
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
    });
    expectStatus('POST /compte/creer', created, 200);
  }
}

/** Sign-in attempts all at once, alternating nodes, from one address, for one email typed. */
async function hammerSignIn(d: Deployment, email: string, attempts: number) {
  // Counters live in fixed windows: not across a window's end (a fresh window would let more in).
  const window = RATE_LIMITS.signInByAccount.windowMs;
  const left = window - (Date.now() % window);
  if (left < 20_000) await sleep(left + 500);
  const b = new Browser(d.bases, d.dispatcher);
  const form = await b.get('GET /connexion', '/connexion');
  const csrf = csrfOf('GET /connexion', form);
  const answers = await Promise.all(
    Array.from({ length: attempts }, () =>
      b.postForm('POST /connexion', '/connexion', { _csrf: csrf, email, password: 'pas celui-là' }),
    ),
  );
  const refused = answers.filter((a) => a.status === 429).length;
  return {
    attempts,
    limit: RATE_LIMITS.signInByAccount.limit,
    allowed: attempts - refused,
    refused,
  };
}

export async function twoNodesScenario(o: TwoNodesOptions): Promise<TwoNodesResult> {
  const started = performance.now();
  const sink = new SmtpSink();
  await sink.start();
  const d = await Deployment.start({
    postgresUrl: o.postgresUrl,
    smtpUrl: sink.url,
    entry: o.entry,
    nodes: 2,
    env: { JOB_INTERVAL_SECONDS: '1', REMINDER_OFFSETS: '30d' },
  });
  const database = d.openDatabase();
  const ledger = new Ledger();
  const tag = Math.random().toString(36).slice(2, 8);
  const load = new JourneyLoad(
    o.concurrency,
    (i) =>
      durableJourney(
        { bases: d.bases, dispatcher: d.dispatcher, outbox: d.outbox(), ledger },
        `noeuds.${tag}.${i}@exemple.fr`,
        { files: o.files, resaves: 1, registerOnly: i % o.incompleteEvery === 0 },
      ),
    250,
    o.journeys,
  );
  try {
    const violations: string[] = [];
    const expired = Array.from(
      { length: o.expiredAccounts },
      (_, i) => `oubli.${tag}.${i}@exemple.fr`,
    );
    await createUnactivated(d, expired);
    load.start();
    // 49 hours old: past the 48 hours an account has to be activated.
    await database.db
      .updateTable('accounts')
      .set({ created_at: new Date(Date.now() - 49 * 3_600_000).toISOString() })
      .where('email', 'in', expired)
      .execute();
    const purgeStarted = performance.now();
    const remainingExpired = async (): Promise<number> =>
      Number(
        (
          await database.db
            .selectFrom('accounts')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('email', 'in', expired)
            .executeTakeFirstOrThrow()
        ).n,
      );
    await waitUntil(async () => (await remainingExpired()) === 0, 30_000);
    const purge = {
      expired: expired.length,
      remaining: await remainingExpired(),
      seconds: Math.round((performance.now() - purgeStarted) / 100) / 10,
    };
    if (purge.remaining > 0) violations.push(`${purge.remaining} expired account(s) not purged`);

    const figures = await load.finished();
    if (figures.failed > 0)
      violations.push(
        `${figures.failed} journey(s) across the nodes failed: ${figures.failureExamples.slice(0, 2).join('; ')}`,
      );

    const rateLimit = await hammerSignIn(d, `inconnu.${tag}@exemple.fr`, o.signInAttempts);
    if (rateLimit.allowed !== Math.min(rateLimit.limit, rateLimit.attempts))
      violations.push(
        `${rateLimit.allowed} sign-in attempts let through across the nodes, limit ${rateLimit.limit}`,
      );

    // Every file still incomplete gets its reminder within a few runs of the task (a file
    // completed later may have had one too, while it was incomplete: once as well).
    const count = async (query: Promise<{ n: string }>): Promise<number> => Number((await query).n);
    const unreminded = (): Promise<number> =>
      count(
        database.db
          .selectFrom('registrations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('complete_declared_at', 'is', null)
          .where('id', 'not in', (eb) => eb.selectFrom('reminders_sent').select('registration_id'))
          .executeTakeFirstOrThrow(),
      );
    await waitUntil(async () => (await unreminded()) === 0, 30_000);
    await waitUntil(async () => (await d.outbox().mailCounts()).pending === 0, 60_000, 500);

    const mails = await countMails(database.db, sink);
    const reminderMails = await countMails(database.db, sink, REMINDER);
    const registrations = await database.db
      .selectFrom('registrations')
      .select('complete_declared_at')
      .execute();
    const reminders = {
      registrations: registrations.length,
      incompleteAtEnd: registrations.filter((r) => r.complete_declared_at === null).length,
      sent: reminderMails.due,
      received: reminderMails.deliveredOnce,
    };
    const neverReminded = await unreminded();
    if (reminders.incompleteAtEnd === 0) violations.push('no registration was left incomplete');
    if (neverReminded > 0) violations.push(`${neverReminded} incomplete file(s) never reminded`);
    if (reminders.received !== reminders.sent)
      violations.push(`${reminders.sent} reminders queued, ${reminders.received} received once`);
    const perAccount = await database.db
      .selectFrom('outbox')
      .select(['account_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('subject', 'like', `${REMINDER}%`)
      .groupBy('account_id')
      .execute();
    const twice = perAccount.filter((r) => Number(r.n) > 1).length;
    if (twice > 0) violations.push(`${twice} candidate(s) reminded more than once`);
    if (mails.missing > 0 || mails.pending > 0)
      violations.push(`${mails.missing} mail(s) never received (${mails.pending} pending)`);
    const duplicateMessageIds = sink.duplicates();
    if (duplicateMessageIds > 0) violations.push(`${duplicateMessageIds} mail(s) received twice`);
    const taskFailures = (d.output().match(/scheduled task failed/g) ?? []).length;
    if (taskFailures > 0) violations.push(`${taskFailures} scheduled task failure(s) logged`);
    o.log(
      `two nodes: ${figures.completed} journeys across nodes, ${mails.due} mails each received ` +
        `${mails.deliveredOnce === mails.due ? 'once' : 'NOT once'}, ${reminders.sent} reminders for ` +
        `${reminders.registrations} registrations (${reminders.incompleteAtEnd} incomplete), ${purge.expired} purged, sign-in ` +
        `${rateLimit.allowed}/${rateLimit.attempts} let through (limit ${rateLimit.limit})`,
    );
    return {
      nodes: 2,
      load: figures,
      mails,
      duplicateMessageIds,
      reminders,
      purge,
      rateLimit,
      taskFailures,
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
