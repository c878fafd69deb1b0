/**
 * `npm run reliability` (builds first): the five guarantees of issue 7, « Nothing lost,
 * nobody let in », each as a scenario against the real server, and bench/RELIABILITY.md
 * written from their figures (bench/results/reliability.json keeps them whole).
 *
 *   --quick          every scenario tiny (a couple of minutes in all); writes
 *                    bench/results/reliability-quick.{md,json}
 *   --only=a,b       only these of crash,deadline,mail,database,two-nodes (writes
 *                    bench/results/reliability-partial.{md,json})
 *   --render         runs nothing: writes bench/RELIABILITY.md again from
 *                    bench/results/reliability.json
 *
 * Exits 1 when any guarantee was broken. BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/test) names the PostgreSQL server where throwaway
 * databases are made; the database outage runs a PostgreSQL cluster of its own, with the
 * server programs of /usr/lib/postgresql/<version>/bin.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { createPostgresDatabase, postgresReachable } from '../lib/database.js';
import { KB, type UploadFile, jpegOfSize, pdfOfSize } from '../lib/files.js';
import { machineInfo } from '../lib/machine.js';
import { ROOT } from '../lib/server.js';
import { round } from '../lib/stats.js';
import { crashScenario } from './crash.js';
import { databaseOutageScenario } from './database-outage.js';
import { deadlineRaceScenario } from './deadline-race.js';
import { FULL, QUICK, type ReliabilityOptions } from './lib/options.js';
import { postgresBinaries } from './lib/private-postgres.js';
import { type ReliabilityResults, allViolations, renderReliability } from './lib/report.js';
import { mailOutageScenario } from './mail-outage.js';
import { twoNodesScenario } from './two-nodes.js';

const PARTS = ['crash', 'deadline', 'mail', 'database', 'two-nodes'] as const;
const args = process.argv.slice(2);
const value = (name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const unknown = args.filter(
  (a) => !['--quick', '--render'].includes(a) && !a.startsWith('--only='),
);
if (unknown.length > 0) {
  console.error(`Unknown option(s): ${unknown.join(' ')}. See bench/reliability/run.ts.`);
  process.exit(2);
}
const options: ReliabilityOptions = args.includes('--quick') ? QUICK : FULL;
const only = value('only')?.split(',').filter(Boolean);
const chosen = new Set<string>(only ?? PARTS);
const postgresAdmin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const resultsDir = path.join(ROOT, 'bench', 'results');
const log = (message: string): void => {
  console.log(`[reliability ${new Date().toISOString().slice(11, 19)}] ${message}`);
};

/** A scanned PDF, another, a photo: one per document the demo registration asks. */
async function journeyFiles([a, b, c]: [number, number, number]): Promise<UploadFile[]> {
  return [
    await pdfOfSize(a * KB, 'carte-identite.pdf'),
    await pdfOfSize(b * KB, 'certificat-jdc.pdf'),
    jpegOfSize(c * KB, 'attestation-employeur.jpg'),
  ];
}

/** A throwaway database on the shared server for `body`, dropped after it. */
async function withPostgres<T>(body: (url: string) => Promise<T>): Promise<T> {
  const database = await createPostgresDatabase(postgresAdmin);
  try {
    return await body(database.url);
  } finally {
    await database
      .drop()
      .catch((e: unknown) => console.error(`could not drop ${database.name}: ${String(e)}`));
  }
}

async function writeReport(results: ReliabilityResults, file: string): Promise<void> {
  const text = await prettier.format(renderReliability(results), {
    ...(await prettier.resolveConfig(path.join(ROOT, 'bench', 'RELIABILITY.md'))),
    parser: 'markdown',
  });
  writeFileSync(file, text);
}

async function main(): Promise<void> {
  if (args.includes('--render')) {
    const results = JSON.parse(
      readFileSync(path.join(resultsDir, 'reliability.json'), 'utf8'),
    ) as ReliabilityResults;
    await writeReport(results, path.join(ROOT, 'bench', 'RELIABILITY.md'));
    log('wrote bench/RELIABILITY.md from bench/results/reliability.json');
    return;
  }
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  log(`${options.quick ? 'quick' : 'full'} run on ${machine.nproc} × ${machine.cpuModel}`);
  const files = await journeyFiles([200, 150, 300]);
  const skipped: string[] = [];
  const skip = (why: string): void => {
    if (process.env.CI === 'true') throw new Error(why);
    console.warn(`[reliability] ${why}: skipped`);
    skipped.push(why);
  };
  const postgres = await postgresReachable(postgresAdmin);
  const results: ReliabilityResults = {
    command: `npm run reliability${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
    startedAt,
    finishedAt: startedAt,
    machine: { ...machine, loadAverageAtEnd: [] },
    options,
    crash: [],
    deadline: [],
    mail: [],
    database: [],
    twoNodes: [],
    skipped,
  };
  const crash = {
    ...options.crash,
    entry: 'dist' as const,
    files: await journeyFiles(options.crash.filesKB),
    log,
  };
  const dialects = ['sqlite', 'postgres'] as const;

  if (chosen.has('crash'))
    for (const dialect of dialects) {
      log(`crash on ${dialect}`);
      const kills = options.crash.kills[dialect];
      if (dialect === 'sqlite') results.crash.push(await crashScenario({ ...crash, kills }));
      else if (!postgres) skip(`crash on PostgreSQL: no PostgreSQL at ${postgresAdmin}`);
      else
        results.crash.push(
          await withPostgres((postgresUrl) => crashScenario({ ...crash, kills, postgresUrl })),
        );
    }
  if (chosen.has('deadline'))
    for (const dialect of dialects) {
      log(`deadline race on ${dialect}: ${options.deadline.writes} writes`);
      if (dialect === 'sqlite')
        results.deadline.push(await deadlineRaceScenario({ ...options.deadline, log }));
      else if (!postgres) skip(`deadline race on PostgreSQL: no PostgreSQL at ${postgresAdmin}`);
      else
        results.deadline.push(
          await withPostgres((postgresUrl) =>
            deadlineRaceScenario({ ...options.deadline, postgresUrl, log }),
          ),
        );
    }
  if (chosen.has('mail')) {
    log('mail outage on SQLite');
    results.mail.push(await mailOutageScenario({ ...options.mail, entry: 'dist', files, log }));
  }
  if (chosen.has('database')) {
    log('database outage on a PostgreSQL cluster of its own');
    if (!postgresBinaries()) skip('database outage: no PostgreSQL server programs');
    else
      results.database.push(
        await databaseOutageScenario({ ...options.database, entry: 'dist', files, log }),
      );
  }
  if (chosen.has('two-nodes')) {
    log('two nodes on PostgreSQL');
    if (!postgres) skip(`two nodes: no PostgreSQL at ${postgresAdmin}`);
    else
      results.twoNodes.push(
        await withPostgres((postgresUrl) =>
          twoNodesScenario({ ...options.twoNodes, postgresUrl, entry: 'dist', files, log }),
        ),
      );
  }

  results.finishedAt = new Date().toISOString();
  results.machine.loadAverageAtEnd = os.loadavg().map((l) => round(l, 2));
  mkdirSync(resultsDir, { recursive: true });
  const name = options.quick ? 'reliability-quick' : only ? 'reliability-partial' : 'reliability';
  writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
  const report =
    name === 'reliability'
      ? path.join(ROOT, 'bench', 'RELIABILITY.md')
      : path.join(resultsDir, `${name}.md`);
  await writeReport(results, report);
  log(`wrote ${path.relative(ROOT, report)} and bench/results/${name}.json`);
  const violations = allViolations(results);
  for (const v of violations) console.error(`[reliability] VIOLATION ${v}`);
  if (violations.length > 0) process.exitCode = 1;
  else log('every guarantee held');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
