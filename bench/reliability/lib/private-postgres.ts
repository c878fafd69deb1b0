/**
 * A PostgreSQL cluster of the reliability run's own (initdb into a temporary folder, pg_ctl on
 * a free loopback port), so the database outage can restart it without touching the shared
 * server other suites use. PostgreSQL refuses to run as root: when this process is root, the
 * cluster's folder is given to the `postgres` user and its programs run under that uid.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../lib/server.js';

const run = promisify(execFile);

export interface PrivatePostgres {
  port: number;
  /** The URL of `database` on this cluster (user postgres, trust authentication). */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: sessions are ended, in-flight transactions rolled back). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
  /** The end of the server's own log, for an error message. */
  logTail(): string;
}

/** The newest installed PostgreSQL's programs (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((d) => existsSync(path.join(root, d, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : path.join(root, majors[0], 'bin');
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** The `postgres` user's ids when we are root (PostgreSQL will not run as root). */
async function postgresUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL server programs not found under /usr/lib/postgresql');
  const user = await postgresUser();
  const root = mkdtempSync(path.join(os.tmpdir(), 'candidat-pg-'));
  if (user.uid !== undefined && user.gid !== undefined) chownSync(root, user.uid, user.gid);
  const data = path.join(root, 'data');
  const log = path.join(root, 'server.log');
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' };
  const tool = async (name: string, args: string[]): Promise<void> => {
    try {
      await run(path.join(bin, name), args, { cwd: root, env, ...user, timeout: 60_000 });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${name} failed: ${e.stderr ?? e.message}\n${tail()}`, { cause: error });
    }
  };
  const tail = (): string => {
    try {
      return readFileSync(log, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  };
  // --no-sync: the cluster is thrown away after the run; its own writes stay fsynced (the
  // server's defaults), which is what the outage is about.
  await tool('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  const start = (): Promise<void> =>
    tool('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']);
  await start();
  const url = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: () => tool('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
    start,
    async destroy() {
      await tool('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
    logTail: tail,
  };
}
