/**
 * What the browser suite needs: the real application listening on a loopback port with a real
 * SMTP listener and a real clock (so the outbox worker delivers), Debian's Chromium driven by
 * playwright-core (never a downloaded browser), a guard that keeps every request on loopback,
 * and an axe-core check of the page the browser shows. `describeInBrowser` sets all of it up
 * for a test file and checks, after each test, what its pages met.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
  chromium,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/demo-data.js';
import { type TestDatabase, createTestDatabase } from '../../test/support/databases.js';
import { SmtpListener } from '../../test/support/smtp-listener.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * True when the system Chromium is there. Missing, it skips the suite on a developer's
 * machine (with a warning) but fails the run in CI, where a skipped suite would pass unseen.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is required in CI but ${CHROMIUM_PATH} does not exist`);
  }
  console.warn(`No Chromium at ${CHROMIUM_PATH}: browser suite skipped on this machine.`);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A new browser context whose requests may only go to loopback: any other request is aborted
 * and remembered in `offLoopback`, so a test can assert that nothing tried to leave.
 */
export async function loopbackContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; offLoopback: string[] }> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled });
  if (!javaScriptEnabled) scriptless.add(context);
  const offLoopback: string[] = [];
  await context.route('**/*', (route) => {
    if (isLoopback(route.request().url())) return route.continue();
    offLoopback.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return { context, offLoopback };
}

const CONTEXT_OPTIONS = { locale: 'fr-FR', timezoneId: 'Europe/Paris' } as const;

/** Contexts made with JavaScript disabled, where axe-core cannot run (it needs timers). */
const scriptless = new WeakSet<BrowserContext>();

function isLoopback(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === '127.0.0.1' || hostname === 'localhost';
}

/**
 * Runs axe-core on the page as shown and fails with each rule and its elements if any. A page
 * shown without JavaScript is checked as an exact copy: its document, served again at the same
 * address to a context where axe can run but the page's own scripts are refused, so the DOM
 * and styles checked are those the candidate without JavaScript gets.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  if (!scriptless.has(page.context())) return expectNoViolationsIn(page, page.url());
  const browser = page.context().browser();
  if (!browser) throw new Error('page without a browser');
  const html = await page.content();
  const address = page.url();
  const viewport = page.viewportSize();
  const copy = await browser.newContext({ ...CONTEXT_OPTIONS, viewport });
  try {
    await copy.route('**/*', (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url() === address)
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (request.resourceType() === 'script' || !isLoopback(request.url()))
        return route.abort('blockedbyclient');
      return route.continue();
    });
    const copyPage = await copy.newPage();
    await copyPage.goto(address, { waitUntil: 'load' });
    await expectNoViolationsIn(copyPage, `${address} (without JavaScript)`);
  } finally {
    await copy.close();
  }
}

async function expectNoViolationsIn(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'no impact'}): ${v.help} – ${v.nodes
        .map((n) => n.target.map(String).join(' > '))
        .join(' | ')}`,
  );
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

/**
 * Records in `errors` what a page meets that a test must not: console errors, uncaught
 * exceptions (a CSP refusal shows up here too), failed requests, and any style sheet, script,
 * font or icon answered with an error status.
 */
export function recordPageErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    // Chromium logs every 4xx document too; those statuses are asserted where expected.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (!response.request().isNavigationRequest() && response.status() >= 400)
      errors.push(`${response.url()}: ${response.status()}`);
  });
  page.on('requestfailed', (request) =>
    errors.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
  );
}

/**
 * Clicks, then waits until the document the click leads to (after redirects) is loaded;
 * returns its response.
 */
export async function clickToPage(page: Page, click: () => Promise<void>): Promise<Response> {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
  });
  const responded = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400),
  );
  await click();
  const [response] = await Promise.all([responded, navigated]);
  await page.waitForLoadState('load');
  return response;
}

/** Waits until the page's level-one heading reads `name`. */
export async function waitForHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor({ state: 'visible' });
}

export interface E2eApp {
  app: App;
  listener: SmtpListener;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts an SMTP listener and the real application on SQLite, listening on a free loopback
 * port that PUBLIC_URL names too (the mailed links point at it), with its jobs running.
 */
export async function startE2eApp(): Promise<E2eApp> {
  const listener = new SmtpListener();
  await listener.start();
  let database: TestDatabase | undefined;
  let app: App | undefined;
  try {
    database = await createTestDatabase('sqlite');
    if (database.location.dialect !== 'sqlite') throw new Error('expected a SQLite database');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      DATA_DIR: database.dataDir,
      DATABASE_URL: `sqlite:${database.location.file}`,
      SESSION_SECRET: 'a browser test secret long enough to sign cookies',
      RECEIPT_KEY: 'a browser test key long enough to sign receipt codes',
      PUBLIC_URL: baseUrl,
      SMTP_URL: listener.url,
      DEMO: 'false',
      LOG_LEVEL: 'silent',
    });
    app = await createApp(config);
    await seedDemo(app.database.db, app.accounts.hasher, app.clock.now());
    await app.reloadCatalogue();
    await app.server.listen({ host: '127.0.0.1', port });
    app.startJobs();
    const started = app;
    const db = database;
    return {
      app: started,
      listener,
      baseUrl,
      async close() {
        await started.close();
        await listener.stop();
        await db.drop();
      },
    };
  } catch (error) {
    await app?.close();
    await listener.stop();
    await database?.drop();
    throw error;
  }
}

/** A loopback port free right now: the OS picks it, then it is released for the app. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}

export interface BrowserSessionOptions {
  /** The set-up and tear-down hooks' timeout (starting and closing the app and Chromium). */
  timeout: number;
  /**
   * A fresh application for each test (so each registration is the session's first) rather
   * than one for the whole file.
   */
  appPerTest?: boolean;
  /** How long a page's actions and waits may take by default. */
  pageTimeout?: number;
}

export interface PageOptions {
  javaScriptEnabled?: boolean;
  /** Cookies put in the page's context before the page opens (a session minted by the test). */
  cookies?: Parameters<BrowserContext['addCookies']>[0];
}

export interface BrowserSessions {
  /** The application the running test talks to. */
  e2e: () => E2eApp;
  /** A page in a new loopback-only context, whose errors go to `pageErrors()`. */
  newPage: (options?: PageOptions) => Promise<Page>;
  /**
   * What the running test's pages met (see `recordPageErrors`); a test removes from it an
   * error it expects. A new list for each test: call it again rather than keep it.
   */
  pageErrors: () => string[];
}

/**
 * Registers, in the calling `describe`, the hooks every browser test file needs: Chromium
 * launched and the application started (once, or for each test), and after each test its
 * contexts closed and the check that its pages stayed on loopback and met no error.
 */
export function browserSessions(options: BrowserSessionOptions): BrowserSessions {
  const { timeout, appPerTest = false, pageTimeout = 15_000 } = options;
  let browser: Browser | undefined;
  let started: E2eApp | undefined;
  let contexts: Array<{ context: BrowserContext; offLoopback: string[] }> = [];
  let pageErrors: string[] = [];

  beforeAll(async () => {
    if (!appPerTest) started = await startE2eApp();
    browser = await launchChromium();
  }, timeout);

  if (appPerTest)
    beforeEach(async () => {
      started = await startE2eApp();
    }, timeout);

  // Each test's pages must have stayed on loopback and met no error; their contexts end here.
  // Pages keep the list they were given: what they report while closing is checked too.
  afterEach(async () => {
    const offLoopback = contexts.flatMap((c) => c.offLoopback);
    const errors = pageErrors;
    await Promise.all(contexts.map((c) => c.context.close()));
    contexts = [];
    pageErrors = [];
    if (appPerTest) {
      await started?.close();
      started = undefined;
    }
    expect(offLoopback, 'requests off loopback').toEqual([]);
    expect(errors, 'console errors and page errors').toEqual([]);
  }, timeout);

  afterAll(async () => {
    await browser?.close();
    await started?.close();
  }, timeout);

  return {
    e2e: () => {
      if (!started) throw new Error('the application is not started');
      return started;
    },
    newPage: async (wanted = {}) => {
      if (!browser) throw new Error('Chromium is not launched');
      const guarded = await loopbackContext(browser, wanted);
      contexts.push(guarded);
      guarded.context.setDefaultTimeout(pageTimeout);
      if (wanted.cookies) await guarded.context.addCookies(wanted.cookies);
      const page = await guarded.context.newPage();
      recordPageErrors(page, pageErrors);
      return page;
    },
    pageErrors: () => pageErrors,
  };
}

/**
 * A browser test file's `describe`: skipped without Chromium (failing in CI, see
 * `chromiumAvailable`), its tests given the sessions `browserSessions` sets up.
 */
export function describeInBrowser(
  name: string,
  options: BrowserSessionOptions,
  body: (sessions: BrowserSessions) => void,
): void {
  describe.skipIf(!chromiumAvailable())(name, { timeout: options.timeout }, () => {
    body(browserSessions(options));
  });
}
