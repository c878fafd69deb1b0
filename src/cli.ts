#!/usr/bin/env node
/**
 * The `candidat` command: serve the portal, apply migrations, purge unactivated accounts.
 * Configuration comes from the environment (README); a wrong value stops with its name.
 */
import { Command } from 'commander';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_ACCOUNT, seedDemo } from './demo/demo-data.js';
import { purgeUnactivatedAccounts } from './domain/accounts/purge-unactivated-accounts.js';
import { openDatabase } from './infra/db/database.js';
import { migrateToLatest } from './infra/db/migrate.js';
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
      await app.refreshDesks();
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

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
