/**
 * Builds the real application for a test: real database (SQLite file or PostgreSQL database),
 * real argon2id, real outbox, and optionally a real SMTP listener. The clock can be fixed.
 */
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FixedClock } from '../../src/domain/clock.js';
import { seedDemo } from '../../src/demo/demo-data.js';
import { type TestDatabase, type TestDialect, createTestDatabase } from './databases.js';
import { TestBrowser } from './test-browser.js';

export interface TestApp {
  app: App;
  clock: FixedClock;
  database: TestDatabase;
  /** A new browser; `address` fixes its client address (random otherwise). */
  browser(address?: string): TestBrowser;
  close(): Promise<void>;
}

export interface TestAppOptions {
  smtpUrl?: string;
  start?: Date | string;
  env?: Record<string, string>;
}

export async function startTestApp(
  dialect: TestDialect,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const clock = new FixedClock(options.start ?? '2024-11-13T10:00:00.000Z');
  const config = loadConfig({
    DATA_DIR: database.dataDir,
    DATABASE_URL:
      database.location.dialect === 'sqlite'
        ? `sqlite:${database.location.file}`
        : database.location.url,
    SESSION_SECRET: 'a test secret that is long enough to sign cookies',
    RECEIPT_KEY: 'a test key that is long enough to sign receipt codes',
    PUBLIC_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl, DEMO: 'false' } : { DEMO: 'true' }),
    ...options.env,
  });
  const app = await createApp(config, {
    clock,
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
  });
  await seedDemo(app.database.db, app.accounts.hasher, clock.now());
  await app.reloadCatalogue();
  return {
    app,
    clock,
    database,
    browser: (address?: string) => new TestBrowser(app.server, address),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
