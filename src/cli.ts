#!/usr/bin/env node
/**
 * The `candidat` command: serve the portal, apply migrations, purge unactivated accounts,
 * import the catalogue.
 * Configuration comes from the environment (README); a wrong value stops with its name.
 */
import { Command } from 'commander';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_ACCOUNT, seedDemo } from './demo/demo-data.js';
import { purgeUnactivatedAccounts } from './domain/accounts/purge-unactivated-accounts.js';
import { formatCatalogueError } from './domain/catalogue/catalogue-file.js';
import { formatParisDateTime } from './domain/time/paris-time.js';
import { readCatalogueFile } from './infra/catalogue/read-catalogue-file.js';
import { openDatabase } from './infra/db/database.js';
import { migrateToLatest } from './infra/db/migrate.js';
import { saveCatalogue } from './infra/repositories/catalogue.repository.js';
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

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
