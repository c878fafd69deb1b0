/**
 * Composition root: opens and migrates the database, wires the use cases to their real ports
 * (Kysely repositories, argon2id, the mail outbox, the clock), builds the web server and the
 * recurring tasks. `candidat serve` and the tests build the application the same way.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { AccountsContext, PasswordHasher } from './domain/accounts/ports.js';
import { purgeUnactivatedAccounts } from './domain/accounts/purge-unactivated-accounts.js';
import type { Catalogue } from './domain/catalogue/catalogue.js';
import { type Clock, systemClock } from './domain/clock.js';
import type { DocumentsContext } from './domain/documents/ports.js';
import type { ReceiptsContext } from './domain/receipts/ports.js';
import type { RegistrationsContext } from './domain/registrations/ports.js';
import type { StaffContext } from './domain/staff/ports.js';
import { staffMails } from './infra/mail/staff-mails.js';
import { buildStaffContext } from './infra/repositories/staff-store.js';
import { staffSessionRepository } from './infra/repositories/staff.repository.js';
import { type Database, openDatabase } from './infra/db/database.js';
import { migrateToLatest } from './infra/db/migrate.js';
import { Scheduler, type ScheduledTask } from './infra/jobs/scheduler.js';
import { accountMails } from './infra/mail/account-mails.js';
import type { MailContext } from './infra/mail/mail-layout.js';
import { type MailTransport, deliverDueMails, smtpTransport } from './infra/mail/outbox-worker.js';
import { registrationMails } from './infra/mail/registration-mails.js';
import { argon2Hasher } from './infra/passwords/argon2-hasher.js';
import { accountsStore } from './infra/repositories/accounts-store.js';
import { loadCatalogue } from './infra/repositories/catalogue.repository.js';
import {
  databaseRateLimiter,
  deleteExpiredRateLimits,
} from './infra/repositories/rate-limit.repository.js';
import { registrationsStore } from './infra/repositories/registrations-store.js';
import { pdfReceiptRenderer } from './infra/pdf/receipt-pdfs.js';
import { documentsStore } from './infra/repositories/documents-store.js';
import { documentMails } from './infra/mail/document-mails.js';
import { folderFileStore } from './infra/storage/folder-file-store.js';
import { pdfInspector } from './infra/storage/pdf-inspector.js';
import { sessionRepository } from './infra/repositories/session.repository.js';
import { remindersStore } from './infra/repositories/reminders-store.js';
import { reminderMail } from './infra/mail/reminder-mails.js';
import { type RemindersContext, sendReminders } from './domain/documents/reminders.js';
import { buildServer } from './web/server.js';

export interface AppOptions {
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  hasher?: PasswordHasher;
  /** Replaces the SMTP transport built from SMTP_URL (tests count deliveries on it). */
  transport?: MailTransport;
  /** How often the outbox is looked at; one second keeps mails prompt and costs one indexed query. */
  mailPollMs?: number;
}

export interface App {
  config: Config;
  server: FastifyInstance;
  database: Database;
  accounts: AccountsContext;
  registrations: RegistrationsContext;
  /** « Mes justificatifs »: the supporting documents and their uploaded files. */
  documents: DocumentsContext;
  /** The office's staff: accounts, two-factor sign-in, rights, the audit log. */
  staff: StaffContext;
  clock: Clock;
  /** Queues the reminders due now (the scheduler does it every JOB_INTERVAL_SECONDS). */
  sendReminders(): Promise<{ sent: number }>;
  /** Sends the due mails now (the scheduler does it every second); returns the counts. */
  deliverMails(): Promise<{ sent: number; failed: number }>;
  /** Reloads the catalogue the app keeps in memory (pages and mails read it), e.g. after an import. */
  reloadCatalogue(): Promise<void>;
  startJobs(): void;
  close(): Promise<void>;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const database = openDatabase(config.database);
  let server: FastifyInstance | undefined;
  try {
    await migrateToLatest(database.db);

    // Pages and mails read the catalogue from memory; every write that depends on it (the
    // window rule above all) reads the database inside its own transaction instead.
    let catalogue: Catalogue | undefined = await loadCatalogue(database.db);
    const reloadCatalogue = async (): Promise<void> => {
      catalogue = await loadCatalogue(database.db);
    };
    const mailContext: MailContext = {
      publicUrl: config.publicUrl,
      academyName: () => catalogue?.academy.name ?? 'Service des examens',
      desks: () => catalogue?.desks ?? [],
    };
    const accounts: AccountsContext = {
      store: accountsStore(database.db),
      hasher: options.hasher ?? argon2Hasher,
      limiter: databaseRateLimiter(database.db),
      mails: accountMails(mailContext),
      clock,
    };
    const registrations: RegistrationsContext = {
      store: registrationsStore(database.db),
      catalogue: () => catalogue,
      mails: registrationMails(mailContext),
      clock,
    };

    const documents: DocumentsContext = {
      store: documentsStore(database.db),
      files: folderFileStore(config.uploadDir),
      catalogue: () => catalogue,
      mails: documentMails(mailContext),
      clock,
      maxUploadBytes: config.maxUploadBytes,
      pdf: pdfInspector,
    };

    const receipts: ReceiptsContext = {
      registrations,
      key: config.receiptKey,
      publicUrl: config.publicUrl,
      render: pdfReceiptRenderer,
    };

    const staff = buildStaffContext({
      db: database.db,
      sessionSecret: config.sessionSecret,
      totpKey: config.totpKey,
      publicUrl: config.publicUrl,
      hasher: accounts.hasher,
      clock,
      mails: staffMails(mailContext),
      issuer: () => catalogue?.academy.name ?? 'Candidat',
    });

    const reminders: RemindersContext = {
      store: remindersStore(database.db),
      catalogue: () => catalogue,
      clock,
      offsetsMs: config.reminderOffsetsMs,
      mail: reminderMail(mailContext),
    };
    const sendDueReminders = (): Promise<{ sent: number }> => sendReminders(reminders);

    const transport =
      options.transport ??
      (config.smtpUrl
        ? smtpTransport(config.smtpUrl, config.mailFrom, config.publicUrl.hostname)
        : undefined);
    const deliverMails = (signal?: AbortSignal): Promise<{ sent: number; failed: number }> =>
      transport
        ? deliverDueMails(database.db, transport, clock, signal)
        : Promise.resolve({ sent: 0, failed: 0 });

    server = await buildServer(
      {
        config,
        database,
        accounts,
        registrations,
        documents,
        receipts,
        catalogue: { current: () => catalogue },
        staff,
      },
      options.logger ?? false,
    );

    const tasks: ScheduledTask[] = [
      { name: 'reload-catalogue', everyMs: config.jobIntervalMs, run: reloadCatalogue },
      {
        name: 'purge-accounts',
        everyMs: config.jobIntervalMs,
        run: () => purgeUnactivatedAccounts(accounts),
      },
      {
        name: 'cleanup',
        everyMs: config.jobIntervalMs,
        run: async () => {
          await sessionRepository(database.db).deleteExpired(clock.now());
          await deleteExpiredRateLimits(database.db, clock.now());
          await staffSessionRepository(database.db).deleteExpired(clock.now());
        },
      },
      { name: 'send-reminders', everyMs: config.jobIntervalMs, run: sendDueReminders },
    ];
    if (transport)
      tasks.push({ name: 'deliver-mails', everyMs: options.mailPollMs ?? 1000, run: deliverMails });
    const scheduler = new Scheduler(tasks, server.log);

    const app: App = {
      config,
      server,
      database,
      accounts,
      registrations,
      documents,
      staff,
      clock,
      deliverMails,
      sendReminders: sendDueReminders,
      reloadCatalogue,
      startJobs: () => scheduler.start(),
      async close() {
        await scheduler.stop();
        await app.server.close();
        transport?.close();
        await database.close();
      },
    };
    return app;
  } catch (error) {
    await server?.close();
    await database.close();
    throw error;
  }
}
