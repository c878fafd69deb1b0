/**
 * The machine's own limits, measured in the same run as the scenarios so that each result is
 * a ratio that holds on a noisy machine: argon2id with the portal's parameters on all cores,
 * the database's single-row transaction rate, and (in run.ts) a bare Fastify route.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { hash } from '@node-rs/argon2';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ARGON2_PARAMETERS } from '../../src/infra/passwords/argon2-hasher.js';

export interface RateResult {
  perSecond: number;
  count: number;
  seconds: number;
  how: string;
}

/**
 * argon2id hashes per second: `inFlight` hash() calls kept running for `ms` (the portal's
 * hasher runs on libuv's thread pool, as here). Twice the cores, so no core waits.
 */
export async function argon2Rate(ms: number): Promise<RateResult> {
  const inFlight = Math.max(2, os.availableParallelism() * 2);
  await hash('warm-up', ARGON2_PARAMETERS);
  let count = 0;
  const started = performance.now();
  const end = started + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      await hash(`bench password ${count}`, ARGON2_PARAMETERS);
      count += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  const p = ARGON2_PARAMETERS;
  return {
    perSecond: count / seconds,
    count,
    seconds,
    how: `@node-rs/argon2 hash(), m=${p.memoryCost} KiB, t=${p.timeCost}, p=${p.parallelism}, ${inFlight} in flight`,
  };
}

/**
 * Single-row INSERT transactions in a loop on a SQLite file with the portal's pragmas
 * (WAL, synchronous=FULL, foreign_keys, busy_timeout): each commit waits for its fsync.
 */
export function sqliteTransactionRate(dir: string, ms: number): RateResult {
  const file = path.join(dir, 'limit.sqlite');
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(
      'create table bench_tx (id text primary key, value integer not null, at text not null)',
    );
    const insert = db.prepare('insert into bench_tx (id, value, at) values (?, ?, ?)');
    const transaction = db.transaction((n: number) =>
      insert.run(randomUUID(), n, new Date().toISOString()),
    );
    let count = 0;
    const started = performance.now();
    const end = started + ms;
    while (performance.now() < end) transaction(count++);
    const seconds = (performance.now() - started) / 1000;
    return {
      perSecond: count / seconds,
      count,
      seconds,
      how: 'better-sqlite3, BEGIN; INSERT one row; COMMIT in a loop, WAL + synchronous=FULL',
    };
  } finally {
    db.close();
  }
}

/**
 * Single-row INSERT transactions on PostgreSQL from `clients` connections (the portal's pool
 * size): pgbench when installed, else the same loop over `pg`.
 */
export async function postgresTransactionRate(
  url: string,
  dir: string,
  seconds: number,
  clients: number,
): Promise<RateResult> {
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(
      'create table if not exists bench_tx (id bigserial primary key, value bigint not null, at timestamptz not null default now())',
    );
  } finally {
    await setup.end();
  }
  const script = path.join(dir, 'pgbench-insert.sql');
  writeFileSync(
    script,
    '\\set v random(1, 1000000000)\ninsert into bench_tx (value) values (:v);\n',
  );
  try {
    const { stdout } = await promisify(execFile)(
      'pgbench',
      [
        '-n',
        '-c',
        String(clients),
        '-j',
        String(Math.min(clients, os.availableParallelism())),
        '-T',
        String(Math.max(1, Math.round(seconds))),
        '-f',
        script,
        url,
      ],
      { timeout: (seconds + 30) * 1000 },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
    const processed = /number of transactions actually processed: (\d+)/.exec(stdout)?.[1];
    if (tps) {
      return {
        perSecond: Number(tps),
        count: Number(processed ?? 0),
        seconds,
        how: `pgbench, one single-row INSERT per transaction, ${clients} clients`,
      };
    }
  } catch {
    // no pgbench here: the same loop over pg below
  }
  return postgresInsertLoop(url, seconds, clients);
}

async function postgresInsertLoop(
  url: string,
  seconds: number,
  clients: number,
): Promise<RateResult> {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  let count = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const client = await pool.connect();
        try {
          while (performance.now() < end) {
            await client.query('insert into bench_tx (value) values ($1)', [count]);
            count += 1;
          }
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  const took = (performance.now() - started) / 1000;
  return {
    perSecond: count / took,
    count,
    seconds: took,
    how: `pg, one single-row INSERT per transaction (autocommit), ${clients} clients`,
  };
}
