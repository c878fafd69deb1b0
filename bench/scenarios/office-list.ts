/**
 * (7) office list: the office's « Inscriptions » page and its CSV export at a season's scale.
 * A database of its own (the notice's catalogue, poitiers-2025.yaml, whose windows are long
 * closed: no reminder or purge task touches the data) is filled with `rows` registrations
 * straight into the tables (lib/office-data.ts), then the real server is started on it and an
 * administrator and a gestionnaire of the pôle « services, alimentation, hôtellerie » (BP and
 * CS, about 28 % of the rows) sign in through the real pages (setup link from `candidat staff
 * add`, password, TOTP code). Each list query is asked `samples` times in turn (latency as one
 * person sees it, p50/p99); each export is read to its last byte while the server's RSS is
 * sampled: a streamed export keeps it flat whatever the number of rows.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { type Agent, request } from 'undici';
import type { DatabaseLocation } from '../../src/config.js';
import { openDatabase } from '../../src/infra/db/database.js';
import { Browser, StepError, csrfOf, expectStatus } from '../lib/browser.js';
import { createPostgresDatabase } from '../lib/database.js';
import { fillOfficeData } from '../lib/office-data.js';
import { MB, RssSampler, idleRss } from '../lib/rss.js';
import { baseEnv, freePort, runCli, startPortal } from '../lib/server.js';
import { type LatencySummary, Samples, round } from '../lib/stats.js';
import { sql } from 'kysely';

export interface OfficeListOptions {
  rows: number;
  /** Requests per query, one at a time, after `warmup` not counted. */
  samples: number;
  warmup: number;
  idleMs: number;
}

export const OFFICE_LIST_FULL: OfficeListOptions = {
  rows: 100_000,
  samples: 40,
  warmup: 3,
  idleMs: 1500,
};
export const OFFICE_LIST_QUICK: OfficeListOptions = {
  rows: 2_000,
  samples: 5,
  warmup: 1,
  idleMs: 200,
};

export interface OfficeQueryResult extends LatencySummary {
  who: string;
  query: string;
  path: string;
  /** The count the page announced (« N inscriptions correspondent »). */
  matched: number;
}

export interface OfficeExportResult {
  who: string;
  path: string;
  seconds: number;
  megabytes: number;
  rows: number;
  idleRssMB: number;
  peakRssMB: number;
}

export interface OfficeListResult {
  rows: number;
  setAside: number;
  fillSeconds: number;
  queries: OfficeQueryResult[];
  exports: OfficeExportResult[];
}

export interface OfficeListTarget {
  dialect: 'sqlite' | 'postgres';
  /** A folder for the SQLite file and the server's data. */
  dir: string;
  postgresAdmin: string;
  smtpUrl: string;
  dispatcher: Agent;
  log: (message: string) => void;
}

const PASSWORD = 'une longue phrase pour le banc d’essai du rectorat';

/** `candidat staff add …`, then the setup link walked to a signed-in office session. */
async function staffBrowser(
  t: OfficeListTarget,
  env: NodeJS.ProcessEnv,
  base: string,
  args: string[],
): Promise<Browser> {
  const printed = await runCli(['staff', 'add', ...args], env);
  const token = /\/gestion\/activation\?jeton=([A-Za-z0-9_-]+)/.exec(printed)?.[1];
  if (!token) throw new StepError('candidat staff add', `no setup link in: ${printed}`);
  const b = new Browser([base], t.dispatcher);
  const form = await b.get('GET /gestion/activation', `/gestion/activation?jeton=${token}`);
  expectStatus('GET /gestion/activation', form, 200);
  const chosen = await b.postForm('POST /gestion/activation', '/gestion/activation', {
    _csrf: csrfOf('GET /gestion/activation', form),
    jeton: token,
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
  });
  expectStatus('POST /gestion/activation', chosen, 303, '/gestion/connexion/code');
  const setup = await b.get('GET /gestion/connexion/code', '/gestion/connexion/code');
  const secret = /id="cle-totp">([^<]+)</.exec(setup.text)?.[1]?.replace(/\s/g, '');
  if (!secret) throw new StepError('GET /gestion/connexion/code', 'no TOTP secret on the page');
  const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
  const signedIn = await b.postForm('POST /gestion/connexion/code', '/gestion/connexion/code', {
    _csrf: csrfOf('GET /gestion/connexion/code', setup),
    code,
  });
  expectStatus('POST /gestion/connexion/code', signedIn, 303, '/gestion');
  return b;
}

/** The number the list page announces, or a StepError. */
function announced(step: string, html: string): number {
  const match = /(Aucune|[\d\s\u202f\u00a0]+) inscriptions? (?:ne )?correspond/.exec(html);
  if (!match?.[1]) throw new StepError(step, 'no count on the page');
  return match[1] === 'Aucune' ? 0 : Number(match[1].replace(/\D/g, ''));
}

async function timeQuery(
  b: Browser,
  who: string,
  query: string,
  pathAndQuery: string,
  o: OfficeListOptions,
): Promise<OfficeQueryResult> {
  const step = `${who} ${query}`;
  let matched = 0;
  for (let i = 0; i < o.warmup; i += 1) await b.get(step, pathAndQuery);
  const samples = new Samples();
  for (let i = 0; i < o.samples; i += 1) {
    const started = performance.now();
    const page = await b.get(step, pathAndQuery);
    samples.add(performance.now() - started);
    expectStatus(step, page, 200);
    matched = announced(step, page.text);
  }
  return { who, query, path: pathAndQuery, matched, ...samples.summary() };
}

/** Reads an export to its end without keeping it (the bench counts bytes and lines). */
async function timeExport(
  b: Browser,
  base: string,
  who: string,
  exportPath: string,
  pid: number,
  t: OfficeListTarget,
  idleMs: number,
): Promise<OfficeExportResult> {
  const idle = await idleRss(() => [pid], idleMs);
  const sampler = new RssSampler(() => [pid]).start();
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  try {
    const res = await request(base + exportPath, {
      dispatcher: t.dispatcher,
      headers: { cookie: b.cookieHeader(), 'x-forwarded-for': b.address },
      headersTimeout: 120_000,
      bodyTimeout: 120_000,
    });
    if (res.statusCode !== 200) throw new StepError(`${who} export`, `status ${res.statusCode}`);
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines += 1;
    }
  } finally {
    sampler.stop();
  }
  return {
    who,
    path: exportPath,
    seconds: round((performance.now() - started) / 1000, 2),
    megabytes: round(bytes / MB, 1),
    rows: lines - 1,
    idleRssMB: round(idle / MB, 1),
    peakRssMB: round(sampler.peak / MB, 1),
  };
}

export async function officeListScenario(
  t: OfficeListTarget,
  o: OfficeListOptions,
): Promise<OfficeListResult> {
  const dir = path.join(t.dir, 'office-list');
  mkdirSync(dir, { recursive: true });
  const postgres =
    t.dialect === 'postgres' ? await createPostgresDatabase(t.postgresAdmin) : undefined;
  const location: DatabaseLocation = postgres
    ? { dialect: 'postgres', url: postgres.url }
    : { dialect: 'sqlite', file: path.join(dir, 'candidat.sqlite') };
  const port = await freePort();
  const env: Record<string, string> = {
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    RECEIPT_KEY: randomBytes(32).toString('base64url'),
    SMTP_URL: t.smtpUrl,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'true',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
  };
  let server: Awaited<ReturnType<typeof startPortal>> | undefined;
  try {
    await runCli(['catalogue', 'import', 'catalogues/poitiers-2025.yaml'], baseEnv(env));
    t.log(`${t.dialect}: office list: writing ${o.rows} registrations`);
    const filled = await fillOfficeData(location, o.rows);
    if (postgres) {
      // What autovacuum does within a minute of such a load: statistics for the planner and
      // the visibility map that index-only scans rely on.
      const database = openDatabase(location);
      await sql`vacuum analyze`.execute(database.db);
      await database.close();
    }
    t.log(
      `${t.dialect}: office list: ${filled.registrations} registrations (${filled.setAside} set aside) in ${round(filled.seconds)} s`,
    );
    server = await startPortal({ env, port });
    const admin = await staffBrowser(t, baseEnv(env), server.url, [
      '--email',
      'administrateur.banc@ac-poitiers.fr',
      '--name',
      'Administrateur du banc',
      '--role',
      'admin',
    ]);
    const desk = await staffBrowser(t, baseEnv(env), server.url, [
      '--email',
      'gestionnaire.banc@ac-poitiers.fr',
      '--name',
      'Gestionnaire du banc',
      '--role',
      'gestionnaire',
      '--desk',
      'sah',
    ]);
    const name = encodeURIComponent(filled.sample.birthName.slice(0, 3).toLowerCase());
    const asked: Array<[Browser, string, string, string]> = [];
    for (const [b, who] of [
      [admin, 'administrateur'],
      [desk, 'gestionnaire'],
    ] as const) {
      asked.push(
        [b, who, 'sans filtre', '/gestion/inscriptions'],
        [b, who, 'page 20', '/gestion/inscriptions?page=20'],
        [b, who, 'à vérifier', '/gestion/inscriptions?etat=a-verifier'],
        [b, who, 'à vérifier, session', '/gestion/inscriptions?session=2025&etat=a-verifier'],
        [b, who, `nom « ${decodeURIComponent(name)} »`, `/gestion/inscriptions?q=${name}`],
        [b, who, 'nom « le gall »', '/gestion/inscriptions?q=le+gall'],
        [b, who, 'examen BP', '/gestion/inscriptions?examen=BP'],
        [b, who, 'numéro', `/gestion/inscriptions?q=${encodeURIComponent(filled.sample.number)}`],
      );
    }
    const queries: OfficeQueryResult[] = [];
    for (const [b, who, query, pathAndQuery] of asked) {
      const r = await timeQuery(b, who, query, pathAndQuery, o);
      queries.push(r);
      t.log(
        `${t.dialect}: office list: ${who}, ${query}: ${r.matched} found, p50 ${round(r.p50)} ms, p99 ${round(r.p99)} ms`,
      );
    }
    const exports: OfficeExportResult[] = [];
    for (const [b, who, exportPath] of [
      [admin, 'administrateur', '/gestion/inscriptions.csv'],
      [desk, 'gestionnaire', '/gestion/inscriptions.csv'],
      [admin, 'administrateur', '/gestion/inscriptions.csv?etat=a-verifier'],
    ] as const) {
      const r = await timeExport(b, server.url, who, exportPath, server.pid, t, o.idleMs);
      exports.push(r);
      t.log(
        `${t.dialect}: office list: export ${who} ${exportPath}: ${r.rows} rows, ${r.megabytes} MB in ${r.seconds} s, RSS ${r.idleRssMB} → ${r.peakRssMB} MB`,
      );
    }
    return {
      rows: filled.registrations,
      setAside: filled.setAside,
      fillSeconds: round(filled.seconds, 1),
      queries,
      exports,
    };
  } catch (error) {
    if (server) console.error(`--- ${t.dialect} office list server output ---\n${server.output()}`);
    throw error;
  } finally {
    await server?.stop();
    await postgres?.drop();
  }
}
