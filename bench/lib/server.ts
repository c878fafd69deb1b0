/**
 * The processes under test, each started as a child of the bench: the real portal
 * (`node dist/cli.js serve`, production mode, never --demo) and the bare Fastify "hello"
 * server that gives the HTTP limit. A child is ready when it answers its probe; it is stopped
 * with SIGTERM (the portal's graceful shutdown), SIGKILL after 10 s.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { request } from 'undici';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/**
 * Which build of the portal runs: `dist` (compiled by `npm run build`, what the bench measures)
 * or `source` (src/cli.ts through tsx, for the test suites, which must not need a build).
 */
export type Entry = 'dist' | 'source';

function cliArgs(entry: Entry): string[] {
  return entry === 'dist' ? [CLI] : ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts')];
}

export interface Child {
  pid: number;
  port: number;
  url: string;
  /** The last lines the process wrote (for an error message). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; says whether it had to be killed. */
  stop(graceMs?: number): Promise<{ killed: boolean }>;
  /** SIGKILL at once (a crash: no shutdown code runs); resolves when the process is gone. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A clean environment: nothing of the bench's own (a DATABASE_URL there must not leak in). */
export function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    ...extra,
  };
}

/** `node dist/cli.js ARGS…` to its end; throws with its output when it fails. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`candidat ${args.join(' ')} failed: ${e.stderr ?? ''}${e.stdout ?? ''}`, {
      cause: error,
    });
  }
}

function watch(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

async function waitReady(
  child: ChildProcess,
  url: string,
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${output()}`);
    try {
      const res = await request(url, { headersTimeout: 2000, bodyTimeout: 2000 });
      await res.body.dump();
      if (res.statusCode === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server was not ready within ${timeoutMs} ms:\n${output()}`);
}

function stopper(child: ChildProcess): (graceMs?: number) => Promise<{ killed: boolean }> {
  return async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return { killed: false };
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let killed = false;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
    return { killed };
  };
}

function killer(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  };
}

function spawnChild(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface PortalOptions {
  env: Record<string, string>;
  port: number;
  /** Write a V8 CPU profile of the server to this folder when it exits. */
  cpuProfileDir?: string | undefined;
  /** `dist` unless said. */
  entry?: Entry;
  /** Node options of the server process (e.g. --max-semi-space-size=4). */
  nodeFlags?: readonly string[];
}

/** Starts `candidat serve` (production mode) and waits until /readyz answers 200. */
export async function startPortal(options: PortalOptions): Promise<Child> {
  const url = `http://127.0.0.1:${options.port}`;
  const flags = [
    ...(options.nodeFlags ?? []),
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
  ];
  const child = spawnChild(
    [...flags, ...cliArgs(options.entry ?? 'dist'), 'serve'],
    baseEnv({ ...options.env, HOST: '127.0.0.1', PORT: String(options.port) }),
  );
  const output = watch(child);
  await waitReady(child, `${url}/readyz`, output);
  return {
    pid: child.pid ?? 0,
    port: options.port,
    url,
    output,
    stop: stopper(child),
    kill: killer(child),
  };
}

/** Starts bench/hello-server.ts (a bare Fastify route) on `port`. */
export async function startHello(port: number): Promise<Child> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawnChild(
    ['--import', 'tsx', path.join(ROOT, 'bench', 'hello-server.ts')],
    baseEnv({ PORT: String(port) }),
  );
  const output = watch(child);
  await waitReady(child, `${url}/`, output);
  return { pid: child.pid ?? 0, port, url, output, stop: stopper(child), kill: killer(child) };
}
