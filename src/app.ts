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
import type { PersonalDataContext } from './domain/personal-data/ports.js';
import { personalDataStore } from './infra/repositories/personal-data.repository.js';
import { removeQueuedFiles } from './domain/personal-data/remove-queued-files.js';
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
import { catalogueEditing } from './infra/repositories/catalogue-store.js';
import {
  databaseRateLimiter,
  deleteExpiredRateLimits,
} from './infra/limits/database-rate-limiter.js';
import { memoryRateLimiter } from './infra/limits/memory-rate-limiter.js';
import { registrationsStore } from './infra/repositories/registrations-store.js';
import { auditAddressKey, auditLog } from './infra/repositories/audit-log.repository.js';
import { registrationFileStore } from './infra/repositories/registration-file-store.js';
import { pdfReceiptRenderer } from './infra/pdf/receipt-pdfs.js';
import { documentsStore } from './infra/repositories/documents-store.js';
import { sessionDashboardReader } from './infra/repositories/session-dashboard.repository.js';
import { officeRegistrationsRepository } from './infra/repositories/office-registrations.repository.js';
import { documentMails } from './infra/mail/document-mails.js';
import { requestMails } from './infra/mail/request-mails.js';
import { officeRequestsStore } from './infra/repositories/office-requests-store.js';
import { reviewMails } from './infra/mail/review-mails.js';
import { setAsideMails } from './infra/mail/set-aside-mails.js';
import { reviewStore } from './infra/repositories/review-store.js';
import type { ReviewContext } from './domain/documents/review/ports.js';
import { folderFileStore, folderSweepableFiles } from './infra/storage/folder-file-store.js';
import { sweepOrphanFiles } from './domain/documents/sweep-orphan-files.js';
import { fileReferences } from './infra/repositories/file-references.repository.js';
import { pdfInspector } from './infra/storage/pdf-inspector.js';
import { sessionRepository } from './infra/repositories/session.repository.js';
import { remindersStore } from './infra/repositories/reminders-store.js';
import { reminderMail } from './infra/mail/reminder-mails.js';
import { type RemindersContext, sendReminders } from './domain/documents/reminders.js';
import { draftRemindersStore } from './infra/repositories/draft-reminders-store.js';
import { unsavedDraftMail } from './infra/mail/draft-reminder-mails.js';
import { sendUnsavedDraftReminders } from './domain/registrations/unsaved-draft-reminders.js';
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
  /** The office's review of documents and the documents it publishes to candidates. */
  review: ReviewContext;
  /** A candidate's data as a whole: their download, and deletion past retention. */
  personalData: PersonalDataContext;
  clock: Clock;
  /** Queues the reminders due now (the scheduler does it every JOB_INTERVAL_SECONDS). */
  sendReminders(): Promise<{ sent: number }>;
  /** Queues the reminders due now to drafts never saved (same schedule as `sendReminders`). */
  sendDraftReminders(): Promise<{ sent: number }>;
  /** Sends the due mails now (the scheduler does it every second); returns the counts. */
  deliverMails(): Promise<{ sent: number; failed: number }>;
  /** Reloads the catalogue the app keeps in memory (pages and mails read it), e.g. after an import. */
  reloadCatalogue(): Promise<void>;
  startJobs(): void;
  close(): Promise<void>;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  let server: FastifyInstance | undefined;
  const database = openDatabase(config.database, {
    // PostgreSQL restarted or unreachable: requests get the 503 page, /readyz says so, and
    // the pool reconnects by itself when the server is back.
    onPoolError: (err) => server?.log.warn({ err }, 'database connection lost'),
  });
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
      store: accountsStore(database.db, auditAddressKey(config.sessionSecret)),
      hasher: options.hasher ?? argon2Hasher,
      // One SQLite process sees every attempt: its counters stay in memory, where they cost no
      // fsync; nodes sharing PostgreSQL count in the database (src/infra/limits/).
      limiter:
        database.dialect === 'sqlite' ? memoryRateLimiter() : databaseRateLimiter(database.db),
      mails: accountMails(mailContext),
      clock,
    };
    const registrations: RegistrationsContext = {
      store: registrationsStore(database.db, auditAddressKey(config.sessionSecret)),
      catalogue: () => catalogue,
      mails: registrationMails(mailContext),
      clock,
    };

    const documents: DocumentsContext = {
      store: documentsStore(database.db, auditAddressKey(config.sessionSecret)),
      files: folderFileStore(config.uploadDir),
      catalogue: () => catalogue,
      mails: documentMails(mailContext),
      clock,
      maxUploadBytes: config.maxUploadBytes,
      pdf: pdfInspector,
    };

    const review: ReviewContext = {
      store: reviewStore(database.db, auditAddressKey(config.sessionSecret)),
      files: documents.files,
      pdf: pdfInspector,
      maxUploadBytes: config.maxUploadBytes,
      catalogue: () => catalogue,
      mails: reviewMails(mailContext),
      clock,
    };

    const receipts: ReceiptsContext = {
      registrations,
      key: config.receiptKey,
      publicUrl: config.publicUrl,
      render: pdfReceiptRenderer,
    };

    const personalData: PersonalDataContext = {
      store: personalDataStore(database.db, auditAddressKey(config.sessionSecret)),
      files: documents.files,
      receipts,
      clock,
      limiter: accounts.limiter,
      retentionMonths: config.retentionMonths,
    };

    const staff = buildStaffContext({
      db: database.db,
      sessionSecret: config.sessionSecret,
      totpKey: config.totpKey,
      publicUrl: config.publicUrl,
      hasher: accounts.hasher,
      limiter: accounts.limiter,
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
    const sendDueDraftReminders = (): Promise<{ sent: number }> =>
      sendUnsavedDraftReminders({
        store: draftRemindersStore(database.db),
        catalogue: () => catalogue,
        clock,
        offsetsMs: config.reminderOffsetsMs,
        mail: unsavedDraftMail(mailContext),
      });

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
        officeRequests: {
          store: officeRequestsStore(database.db, auditAddressKey(config.sessionSecret)),
          catalogue: () => catalogue,
          mails: requestMails(mailContext),
          clock,
        },
        review,
        personalData,
        registrationFile: {
          store: registrationFileStore(database.db, auditAddressKey(config.sessionSecret)),
          catalogue: () => catalogue,
          mails: setAsideMails(mailContext),
          clock,
        },
        dashboard: {
          reader: sessionDashboardReader(database.db),
          catalogue: () => catalogue,
          clock,
        },
        registrationList: {
          query: officeRegistrationsRepository(database.db),
          catalogue: () => catalogue,
          clock,
          // One insert, outside any transaction: an export changes nothing else.
          audit: auditLog(database.db, auditAddressKey(config.sessionSecret)),
        },
        catalogueEditing: catalogueEditing({
          db: database.db,
          sessionSecret: config.sessionSecret,
          clock,
          reload: reloadCatalogue,
        }),
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
      { name: 'send-draft-reminders', everyMs: config.jobIntervalMs, run: sendDueDraftReminders },
      // Files of deleted candidates whose removal failed after the commit (see remove-queued-files.ts).
      {
        name: 'remove-deleted-files',
        everyMs: config.jobIntervalMs,
        run: () => removeQueuedFiles(personalData),
      },
      {
        // At start (after a crash) and then once per grace period. File ages are the file
        // system's, so the sweep reads the system clock, not the application's.
        name: 'sweep-orphan-files',
        everyMs: Math.max(config.jobIntervalMs, config.orphanGraceMs),
        run: async () => {
          const swept = await sweepOrphanFiles({
            files: folderSweepableFiles(config.uploadDir),
            references: fileReferences(database.db),
            clock: systemClock,
            graceMs: config.orphanGraceMs,
          });
          if (swept.deleted > 0 || swept.temporary > 0)
            server?.log.warn(swept, 'orphan files swept');
        },
      },
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
      review,
      personalData,
      clock,
      deliverMails,
      sendReminders: sendDueReminders,
      sendDraftReminders: sendDueDraftReminders,
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
