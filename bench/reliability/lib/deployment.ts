/**
 * The portal as deployed for a reliability scenario: a data folder, a database (a SQLite
 * file, or a PostgreSQL database the scenario made), migrated, with the demo catalogue,
 * and one or more `candidat serve` processes (nodes), each on its own port, which can be
 * stopped, killed and started again on the same port. The scenario reads the database from
 * the side, as the checks need, through the portal's own Kysely schema.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { DEMO_CATALOGUE_FILE } from '../../../src/demo/demo-data.js';
import { readCatalogueFile } from '../../../src/infra/catalogue/read-catalogue-file.js';
import { type Database, openDatabase } from '../../../src/infra/db/database.js';
import { migrateToLatest } from '../../../src/infra/db/migrate.js';
import { saveCatalogue } from '../../../src/infra/repositories/catalogue.repository.js';
import { type OutboxView, postgresOutbox, sqliteOutbox } from '../../lib/database.js';
import { type Child, type Entry, freePort, startPortal } from '../../lib/server.js';

export interface DeploymentOptions {
  /** A PostgreSQL database URL; SQLite in the data folder without it. */
  postgresUrl?: string | undefined;
  smtpUrl: string;
  entry: Entry;
  /** More environment: JOB_INTERVAL_SECONDS, ORPHAN_GRACE_SECONDS, REMINDER_OFFSETS… */
  env?: Record<string, string>;
  nodes?: number;
}

export class Deployment {
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'candidat-reliability-'));
  readonly uploadDir = path.join(this.dataDir, 'uploads');
  readonly dispatcher = new Agent({ connections: 256, keepAliveTimeout: 10_000 });
  readonly nodes: Array<Child | undefined> = [];
  private readonly ports: number[] = [];
  private readonly env: Record<string, string>;
  private outboxView: OutboxView | undefined;

  private constructor(private readonly options: DeploymentOptions) {
    this.env = {
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      RECEIPT_KEY: randomBytes(32).toString('base64url'),
      SMTP_URL: options.smtpUrl,
      DATA_DIR: this.dataDir,
      LOG_LEVEL: 'warn',
      // Every virtual candidate has its own address (X-Forwarded-For), as behind a proxy.
      TRUST_PROXY: 'true',
      ...(options.postgresUrl ? { DATABASE_URL: options.postgresUrl } : {}),
      ...options.env,
    };
  }

  /** Migrates and imports the demo catalogue (as `candidat catalogue import`), then starts the nodes. */
  static async start(options: DeploymentOptions): Promise<Deployment> {
    const d = new Deployment(options);
    try {
      const imported = await readCatalogueFile(DEMO_CATALOGUE_FILE, { now: new Date() });
      if (!imported.ok) throw new Error('the demo catalogue does not import');
      const database = d.openDatabase();
      try {
        await migrateToLatest(database.db);
        await database.db.transaction().execute((trx) => saveCatalogue(trx, imported.catalogue));
      } finally {
        await database.close();
      }
      for (let i = 0; i < (options.nodes ?? 1); i += 1) d.ports.push(await freePort());
      await Promise.all(d.ports.map((_, i) => d.startNode(i)));
      return d;
    } catch (error) {
      await d.close();
      throw error;
    }
  }

  get dialect(): 'sqlite' | 'postgres' {
    return this.options.postgresUrl ? 'postgres' : 'sqlite';
  }

  get sqliteFile(): string {
    return path.join(this.dataDir, 'candidat.sqlite');
  }

  /** The nodes' base URLs (they keep their port across restarts). */
  get bases(): string[] {
    return this.ports.map((p) => `http://127.0.0.1:${p}`);
  }

  node(i = 0): Child {
    const child = this.nodes[i];
    if (!child) throw new Error(`node ${i} is not running`);
    return child;
  }

  /** Starts node `i` (again) on its port; resolves once /readyz answers 200. */
  async startNode(i = 0): Promise<Child> {
    const port = this.ports[i];
    if (port === undefined) throw new Error(`no node ${i}`);
    const child = await startPortal({
      env: { ...this.env, PUBLIC_URL: `http://127.0.0.1:${port}` },
      port,
      entry: this.options.entry,
    });
    this.nodes[i] = child;
    return child;
  }

  /** SIGKILL: the process ends between two instructions, no shutdown code runs. */
  async killNode(i = 0): Promise<void> {
    await this.node(i).kill();
    this.nodes[i] = undefined;
  }

  /** The activation links and mail counts, read from the outbox table. */
  outbox(): OutboxView {
    this.outboxView ??=
      this.dialect === 'sqlite'
        ? sqliteOutbox(this.sqliteFile)
        : postgresOutbox(this.options.postgresUrl ?? '');
    return this.outboxView;
  }

  /** A connection of the check's own to the portal's database; close it after use. */
  openDatabase(): Database {
    return openDatabase(
      this.options.postgresUrl
        ? { dialect: 'postgres', url: this.options.postgresUrl }
        : { dialect: 'sqlite', file: this.sqliteFile },
      { onPoolError: () => undefined },
    );
  }

  /** What the nodes wrote (warnings and errors), for the report of a failure. */
  output(): string {
    return this.nodes.map((n, i) => `--- node ${i} ---\n${n?.output() ?? '(stopped)'}`).join('\n');
  }

  async close(): Promise<void> {
    for (const child of this.nodes) await child?.stop(5000);
    await this.outboxView?.close();
    await this.dispatcher.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
