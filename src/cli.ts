#!/usr/bin/env node
/**
 * The `candidat` command: serve the portal, apply migrations, purge unactivated accounts,
 * delete the data of candidates past retention, import the catalogue.
 * Configuration comes from the environment (README); a wrong value stops with its name.
 */
import { Command } from 'commander';
import { createApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DEMO_ACCOUNT, seedDemo } from './demo/demo-data.js';
import { purgeUnactivatedAccounts } from './domain/accounts/purge-unactivated-accounts.js';
import { deleteExpiredData } from './domain/personal-data/delete-expired-data.js';
import { retentionCutoff } from './domain/personal-data/retention.js';
import { formatCatalogueError } from './domain/catalogue/catalogue-file.js';
import { DomainError } from './domain/errors.js';
import { addStaff } from './domain/staff/add-staff.js';
import { reissueSetupLink } from './domain/staff/reissue-setup-link.js';
import { formatParisDateTime } from './domain/time/paris-time.js';
import { readCatalogueFile } from './infra/catalogue/read-catalogue-file.js';
import { type Database, openDatabase } from './infra/db/database.js';
import { migrateToLatest } from './infra/db/migrate.js';
import { saveCatalogue } from './infra/repositories/catalogue.repository.js';
import { databaseRateLimiter } from './infra/limits/database-rate-limiter.js';
import { argon2Hasher } from './infra/passwords/argon2-hasher.js';
import { staffMails } from './infra/mail/staff-mails.js';
import { buildStaffContext } from './infra/repositories/staff-store.js';
import { systemClock } from './domain/clock.js';
import type { StaffContext } from './domain/staff/ports.js';
import { loggerOptions } from './logging.js';

const program = new Command()
  .name('candidat')
  .description('Exam-registration portal: candidate accounts, registrations, supporting documents.')
  .showHelpAfterError();

program
  .command('serve')
  .description(
    'Migrate the database, then serve the portal and run its recurring tasks (mail delivery, purge).',
  )
  .option(
    '--demo',
    'demo mode: load demo data, keep mails in the outbox and show them at /demo/courriels',
  )
  .action(async (options: { demo?: boolean }) => {
    const config = loadConfig(process.env, options.demo ? { DEMO: 'true' } : {});
    const app = await createApp(config, { logger: loggerOptions(config) });
    if (config.demo) {
      await seedDemo(app.database.db, app.accounts.hasher, app.clock.now());
      await app.reloadCatalogue();
    }
    app.startJobs();
    const shutdown = (signal: string): void => {
      app.server.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
    await app.server.listen({ host: config.host, port: config.port });
    const url = config.publicUrl.toString().replace(/\/$/, '');
    const where =
      config.database.dialect === 'sqlite' ? `SQLite ${config.database.file}` : 'PostgreSQL';
    console.log(`\ncandidat is serving ${url} (${where}).`);
    if (config.demo) {
      console.log(`Demo mode: mails are not sent; read them at ${url}/demo/courriels`);
      console.log(`Demo candidate: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}\n`);
    }
  });

program
  .command('migrate')
  .description('Apply the pending database migrations and exit.')
  .action(async () => {
    const config = loadConfig(process.env, {}, { serve: false });
    const database = openDatabase(config.database);
    try {
      const applied = await migrateToLatest(database.db);
      console.log(
        applied.length > 0
          ? `Applied: ${applied.join(', ')}`
          : 'The database schema is up to date.',
      );
    } finally {
      await database.close();
    }
  });

program
  .command('purge-accounts')
  .description(
    'Delete the accounts not activated within 48 hours of their creation, with everything attached.',
  )
  .action(async () => {
    const config = loadConfig(process.env, {}, { serve: false });
    const app = await createApp(config);
    try {
      const { deleted } = await purgeUnactivatedAccounts(app.accounts);
      console.log(`Deleted ${deleted} unactivated account(s).`);
    } finally {
      await app.close();
    }
  });

program
  .command('purge-expired-data')
  .description(
    'Delete the data of every candidate past retention (RETENTION_MONTHS after the first exam ' +
      'day of the latest session they registered for): account, registrations, uploads and ' +
      'their files, published documents, requests, drafts, sessions, mails. Each deletion is ' +
      'logged in the audit log (counts only). Also removes the files left by an interrupted run.',
  )
  .option('--dry-run', 'only count the candidates concerned; delete nothing')
  .action(async (options: { dryRun?: boolean }) => {
    const config = loadConfig(process.env, {}, { serve: false });
    const app = await createApp(config);
    try {
      const cutoff = retentionCutoff(app.clock.now(), config.retentionMonths);
      const result = await deleteExpiredData(app.personalData, {
        actor: { kind: 'system', id: null },
        dryRun: options.dryRun === true,
      });
      const rule =
        `RETENTION_MONTHS=${config.retentionMonths}: sessions whose first exam day is on or ` +
        `before ${cutoff.cutoffDay}`;
      if (options.dryRun) {
        console.log(
          `${result.candidates} candidate(s) past retention (${rule}). Nothing deleted (--dry-run).`,
        );
        return;
      }
      const d = result.deleted;
      console.log(
        [
          `Deleted the data of ${result.candidates} candidate(s) past retention (${rule}):`,
          `  ${d.registrations} registration(s) with ${d.versions} version(s), ${d.uploads} upload(s), ` +
            `${d.publishedDocuments} published document(s), ${d.requests} request(s), ` +
            `${d.drafts} draft(s), ${d.sessions} session(s), ${d.mails} mail(s);`,
          `  ${result.filesRemoved} file(s) removed from the upload folder.`,
        ].join('\n'),
      );
    } finally {
      await app.close();
    }
  });

const catalogue = program
  .command('catalogue')
  .description(
    'Manage the catalogue: académie, pôles, exams, specialties, sessions, registration windows.',
  );

catalogue
  .command('import')
  .description(
    'Validate a YAML catalogue file (see catalogues/) and import it in one transaction. On any ' +
      'error, print every error with its line and change nothing. Entries are upserted: those ' +
      'absent from the file are kept.',
  )
  .argument('<file>', 'the catalogue file, e.g. catalogues/poitiers-2025.yaml')
  .action(async (file: string) => {
    const config = loadConfig(process.env, {}, { serve: false });
    const result = await readCatalogueFile(file, { now: new Date() });
    if (!result.ok) {
      for (const error of result.errors) console.error(formatCatalogueError(error));
      console.error(
        `Catalogue refusé : ${result.errors.length} erreur(s), la base de données n’a pas été modifiée.`,
      );
      process.exitCode = 1;
      return;
    }
    const imported = result.catalogue;
    const database = openDatabase(config.database);
    try {
      await migrateToLatest(database.db);
      await database.db.transaction().execute((trx) => saveCatalogue(trx, imported));
    } finally {
      await database.close();
    }
    const exams = new Map(imported.exams.map((e) => [e.code, e.shortName]));
    console.log(
      [
        `Catalogue importé : ${imported.academy.name}.`,
        `  ${imported.desks.length} pôle(s), ${imported.exams.length} examen(s), ` +
          `${imported.specialties.length} spécialité(s), ${imported.sessions.length} session(s), ` +
          `${imported.windows.length} ouverture(s) du serveur.`,
        ...imported.windows.map(
          (w) =>
            `  ${w.sessionCode} ${exams.get(w.examCode) ?? w.examCode} : du ` +
            `${formatParisDateTime(w.opensAt)} au ${formatParisDateTime(w.closesAt)} (heure de Paris)`,
        ),
      ].join('\n'),
    );
  });

const staff = program
  .command('staff')
  .description("Manage the office's staff accounts (« espace gestionnaire », at /gestion).");

staff
  .command('add')
  .description(
    'Add a staff member and print their single-use setup link (valid 24 hours), where they ' +
      'choose a password and set up their authenticator app (TOTP). Use it for the first ' +
      'administrator; administrators then add the others from /gestion/personnel.',
  )
  .requiredOption('--email <email>', 'their professional email address (their sign-in name)')
  .requiredOption('--name <name>', 'their first and last names, as shown to other staff')
  .requiredOption(
    '--role <role>',
    'admin (everything: every pôle, staff, journal) or gestionnaire (the pôles given by --desk)',
  )
  .option(
    '--desk <code...>',
    'a pôle (desk code from the catalogue, e.g. bac-pro) a gestionnaire works; repeat for several',
  )
  .action(async (options: { email: string; name: string; role: string; desk?: string[] }) => {
    const config = loadConfig(process.env, {}, { serve: false });
    const database = openDatabase(config.database);
    try {
      await migrateToLatest(database.db);
      const ctx = cliStaffContext(database, config);
      const added = await addStaff(ctx, {
        email: options.email,
        name: options.name,
        role: options.role,
        desks: options.desk ?? [],
        actor: { kind: 'system', id: null },
        mailLink: false,
      });
      console.log(
        [
          `Staff member added: ${added.member.name} <${added.member.email}>, ${added.member.role}` +
            (added.member.desks.length > 0 ? ` of ${added.member.desks.join(', ')}` : '') +
            '.',
          `Setup link (single use, valid until ${formatParisDateTime(added.expiresAt)}, Paris time):`,
          added.setupLink,
        ].join('\n'),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'validation') throw error;
      for (const message of Object.values(error.details.fieldErrors ?? {})) console.error(message);
      console.error('Aucun membre du personnel n’a été ajouté.');
      process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

staff
  .command('reset')
  .description(
    'Give a staff member a new single-use setup link (valid 24 hours) and print it: their ' +
      'password and authenticator app stop working and they set both up again. For a lost ' +
      'phone, or after SESSION_SECRET changed (it seals the TOTP secrets).',
  )
  .requiredOption('--email <email>', "the staff member's email address")
  .action(async (options: { email: string }) => {
    const config = loadConfig(process.env, {}, { serve: false });
    const database = openDatabase(config.database);
    try {
      await migrateToLatest(database.db);
      const ctx = cliStaffContext(database, config);
      const result = await reissueSetupLink(ctx, {
        staff: { email: options.email },
        actor: { kind: 'system', id: null },
        mailLink: false,
      });
      console.log(
        [
          `New setup link for ${result.member.name} <${result.member.email}> (single use, valid until ${formatParisDateTime(result.expiresAt)}, Paris time):`,
          result.setupLink,
        ].join('\n'),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(error.message);
      process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

/** The staff use cases' ports for the command line: no mail leaves, the link is printed. */
function cliStaffContext(database: Database, config: Config): StaffContext {
  return buildStaffContext({
    db: database.db,
    sessionSecret: config.sessionSecret,
    totpKey: config.totpKey,
    publicUrl: config.publicUrl,
    hasher: argon2Hasher,
    limiter: databaseRateLimiter(database.db),
    clock: systemClock,
    mails: staffMails({
      publicUrl: config.publicUrl,
      academyName: () => 'Service des examens',
      desks: () => [],
    }),
    issuer: () => 'Candidat',
  });
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
