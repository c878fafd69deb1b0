/**
 * `npm run bench` (after `npm run build`): the portal's benchmark. For SQLite, then
 * PostgreSQL, it starts the real server (`node dist/cli.js serve`, production mode) as a child
 * process on a fresh database loaded with catalogues/demo.yaml, measures this machine's limits
 * (argon2id, a bare Fastify route, the database's own transaction rate), runs the scenarios
 * over HTTP from this process, and writes bench/REPORT.md and bench/results/latest.json.
 *
 *   --quick          everything tiny (under a minute), for CI: proves the bench still works;
 *                    writes bench/results/quick.{md,json}, exits 1 on any functional error
 *   --only=sqlite    one database (or --only=postgres); writes bench/results/partial.*
 *   --scenarios=a,b  only these of read,public,save,journey,upload,two-nodes,office-list
 *                    (partial.*)
 *   --cpu-prof       the servers write V8 CPU profiles to bench/results/profiles/
 *   --lean-memory    the servers as the README's memory-short deployment: node
 *                    --max-semi-space-size=4, MALLOC_MMAP_THRESHOLD_=131072 (writes partial.*)
 *   --render         runs nothing: writes bench/REPORT.md again from bench/results/latest.json
 *                    (after a change to the report's layout)
 *
 * BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) names the PostgreSQL
 * server; a database candidat_bench_<random> is created there and dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { Agent } from 'undici';
import {
  createPostgresDatabase,
  type OutboxView,
  postgresOutbox,
  postgresReachable,
  sqliteOutbox,
} from './lib/database.js';
import { KB, type UploadFile, jpegOfSize, pdfOfSize } from './lib/files.js';
import { cannon } from './lib/load.js';
import {
  type RateResult,
  argon2Rate,
  postgresTransactionRate,
  sqliteTransactionRate,
} from './lib/limits.js';
import { machineInfo } from './lib/machine.js';
import { type BenchOptions, FULL, QUICK } from './lib/options.js';
import {
  type BenchResults,
  type DatabaseRun,
  type MailCheck,
  renderReport,
  evaluateTargets,
} from './lib/report.js';
import {
  type Child,
  ROOT,
  baseEnv,
  freePort,
  runCli,
  startHello,
  startPortal,
} from './lib/server.js';
import { SmtpSink } from './lib/smtp-sink.js';
import { round } from './lib/stats.js';
import {
  type Candidate,
  type ScenarioResult,
  type Target,
  makeCandidates,
} from './scenarios/common.js';
import { journeyScenario } from './scenarios/journey.js';
import {
  OFFICE_LIST_FULL,
  OFFICE_LIST_QUICK,
  officeListScenario,
} from './scenarios/office-list.js';
import { publicScenario, readScenario } from './scenarios/pages.js';
import { saveScenario } from './scenarios/save.js';
import { twoNodesScenario } from './scenarios/two-nodes.js';
import { uploadScenario } from './scenarios/upload.js';

type Dialect = 'sqlite' | 'postgres';
const SCENARIOS = [
  'read',
  'public',
  'save',
  'journey',
  'upload',
  'two-nodes',
  'office-list',
] as const;

const args = process.argv.slice(2);
const flag = (name: string): string | undefined =>
  args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1] ??
  (args.includes(`--${name}`) ? '' : undefined);
const unknown = args.filter(
  (a) =>
    !['--quick', '--cpu-prof', '--render', '--lean-memory'].includes(a) &&
    !a.startsWith('--only=') &&
    !a.startsWith('--scenarios='),
);
if (unknown.length > 0) {
  console.error(`Unknown option(s): ${unknown.join(' ')}. See bench/run.ts for the options.`);
  process.exit(2);
}
const options: BenchOptions = flag('quick') !== undefined ? QUICK : FULL;
const only = flag('only') as Dialect | undefined;
const chosen = new Set(flag('scenarios')?.split(',').filter(Boolean) ?? SCENARIOS);
const leanMemory = flag('lean-memory') !== undefined;
const partial = only !== undefined || flag('scenarios') !== undefined || leanMemory;
const cpuProf = flag('cpu-prof') !== undefined;
/** README, « Deploying »: a smaller young generation and glibc returning freed memory. */
const LEAN_MEMORY = {
  nodeFlags: ['--max-semi-space-size=4'],
  env: { MALLOC_MMAP_THRESHOLD_: '131072' },
};
const postgresAdmin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const resultsDir = path.join(ROOT, 'bench', 'results');
const runId = randomBytes(3).toString('hex');

const log = (message: string): void => {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
};

function command(): string {
  const extra = args.length > 0 ? ` -- ${args.join(' ')}` : '';
  return `npm run bench${extra}`;
}

async function benchFiles(): Promise<{
  journey: UploadFile[];
  big: UploadFile;
  bigJpeg: UploadFile;
}> {
  return {
    journey: [
      await pdfOfSize(300 * KB, 'carte-identite-recto-verso.pdf'),
      await pdfOfSize(300 * KB, 'certificat-jdc.pdf'),
      jpegOfSize(1024 * KB, 'attestation-employeur.jpg'),
    ],
    big: await pdfOfSize(5 * 1024 * KB, 'dossier-numerise.pdf'),
    bigJpeg: jpegOfSize(5 * 1024 * KB, 'photo-du-dossier.jpg'),
  };
}

async function helloLimit(cookies: string[]): Promise<ScenarioResult> {
  const hello = await startHello(await freePort());
  try {
    const load = { url: hello.url, path: '/', connections: options.connections, cookies };
    if (options.pageWarmupS > 0) await cannon({ ...load, durationS: options.pageWarmupS });
    const r = await cannon({ ...load, durationS: options.pageDurationS });
    return {
      name: 'hello',
      unit: 'req/s',
      throughput: round(r.rps),
      seconds: round(r.durationS, 2),
      count: r.count,
      p50: r.p50,
      p99: r.p99,
      max: r.max,
      errors: r.errors,
      idleRssMB: 0,
      peakRssMB: 0,
    };
  } finally {
    await hello.stop();
  }
}

async function waitForMails(
  outbox: OutboxView,
  sink: SmtpSink,
  timeoutMs: number,
): Promise<MailCheck> {
  const started = performance.now();
  const first = await outbox.mailCounts();
  let counts = first;
  while (counts.pending > 0 && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    counts = await outbox.mailCounts();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    outboxSent: counts.sent,
    outboxPending: counts.pending,
    pendingAtEnd: first.pending,
    smtpReceived: sink.received,
    duplicates: sink.duplicates(),
    drainSeconds: round(seconds, 1),
    drainPerSecond: first.pending > 0 ? round((counts.sent - first.sent) / seconds, 1) : undefined,
  };
}

async function runDatabase(
  dialect: Dialect,
  tmp: string,
  sink: SmtpSink,
  files: Awaited<ReturnType<typeof benchFiles>>,
): Promise<DatabaseRun> {
  const dir = mkdtempSync(path.join(tmp, `${dialect}-`));
  const tag = `${runId}.${dialect === 'sqlite' ? 's' : 'p'}`;
  const postgres = dialect === 'postgres' ? await createPostgresDatabase(postgresAdmin) : undefined;
  const port = await freePort();
  const env: Record<string, string> = {
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    RECEIPT_KEY: randomBytes(32).toString('base64url'),
    SMTP_URL: sink.url,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    // Every virtual candidate comes from its own address (X-Forwarded-For), as behind the
    // reverse proxy of a deployment: the per-address rate limits see candidates, not the bench.
    TRUST_PROXY: 'true',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    ...(leanMemory ? LEAN_MEMORY.env : {}),
  };
  const nodeFlags = leanMemory ? LEAN_MEMORY.nodeFlags : [];
  const profiles = cpuProf ? path.join(resultsDir, 'profiles', dialect) : undefined;
  if (profiles) mkdirSync(profiles, { recursive: true });
  sink.reset();
  const servers: Child[] = [];
  let outbox: OutboxView | undefined;
  const dispatcher = new Agent({ connections: 256, keepAliveTimeout: 30_000 });
  try {
    log(`${dialect}: importing catalogues/demo.yaml`);
    await runCli(['catalogue', 'import', 'catalogues/demo.yaml'], baseEnv(env));
    const server = await startPortal({ env, port, cpuProfileDir: profiles, nodeFlags });
    servers.push(server);
    log(`${dialect}: serving at ${server.url} (pid ${server.pid})`);
    outbox =
      dialect === 'sqlite'
        ? sqliteOutbox(path.join(dir, 'candidat.sqlite'))
        : postgresOutbox(postgres?.url ?? '');
    const target: Target = {
      bases: [server.url],
      pids: () => [server.pid],
      dispatcher,
      outbox,
      tag,
    };

    log(`${dialect}: setup: ${options.candidates} candidates through the pages (not timed)`);
    const setup = await makeCandidates(target, options.candidates, options.setupConcurrency);
    const candidates: Candidate[] = setup.candidates;
    log(`${dialect}: setup done in ${round(setup.seconds)} s`);

    log(`${dialect}: limits: argon2id, hello, database`);
    const argon2 = await argon2Rate(options.argon2Ms);
    const hello = await helloLimit(candidates.map((c) => c.browser.cookieHeader()));
    const database: RateResult = postgres
      ? await postgresTransactionRate(
          postgres.url,
          dir,
          options.databaseLimitS,
          options.postgresClients,
        )
      : sqliteTransactionRate(dir, options.databaseLimitS * 1000);
    log(
      `${dialect}: argon2id ${round(argon2.perSecond)} hashes/s, hello ${hello.throughput} req/s, database ${round(database.perSecond)} tx/s`,
    );

    const scenarios: DatabaseRun['scenarios'] = {};
    const pages = {
      connections: options.connections,
      durationS: options.pageDurationS,
      warmupS: options.pageWarmupS,
      idleMs: options.idleMs,
    };
    const say = (r: ScenarioResult): void =>
      log(
        `${dialect}: ${r.name}: ${r.throughput} ${r.unit}, p50 ${round(r.p50)} ms, p99 ${round(r.p99)} ms, errors ${r.errors}, peak RSS ${r.peakRssMB} MB`,
      );
    if (chosen.has('read')) say((scenarios.read = await readScenario(target, candidates, pages)));
    if (chosen.has('public')) say((scenarios.public = await publicScenario(target, pages)));
    if (chosen.has('save'))
      say(
        (scenarios.save = await saveScenario(target, candidates, {
          durationS: options.saveDurationS,
          warmupS: options.saveWarmupS,
          idleMs: options.idleMs,
        })),
      );
    const bound = argon2.perSecond / 2;
    if (chosen.has('journey')) {
      const targetRate = 0.8 * bound;
      const j = await journeyScenario(target, {
        concurrency: options.journeyConcurrency,
        durationS: options.journeyDurationS,
        pacedRate: options.quick ? Math.min(targetRate, 2) : targetRate,
        pacedDurationS: options.pacedDurationS,
        maxInFlight: options.maxInFlight,
        idleMs: options.idleMs,
        files: files.journey,
      });
      scenarios.journey = j.saturation;
      scenarios.journeyPaced = j.paced;
      say(j.saturation);
      say(j.paced);
    }
    if (chosen.has('upload')) {
      const upload = {
        concurrency: Math.min(options.uploadConcurrency, candidates.length),
        rounds: options.uploadRounds,
        idleMs: Math.max(options.idleMs, 1000),
      };
      // The same uploads as JPEG images first (the portal checks only PDFs by opening them):
      // the difference shows what the PDF check costs in memory.
      say(
        (scenarios.uploadJpeg = await uploadScenario(
          'upload JPEG',
          target,
          candidates,
          files.bigJpeg,
          upload,
        )),
      );
      say(
        (scenarios.upload = await uploadScenario('upload', target, candidates, files.big, upload)),
      );
    }
    if (postgres && chosen.has('two-nodes')) {
      const second = await startPortal({
        env,
        port: await freePort(),
        cpuProfileDir: profiles,
        nodeFlags,
      });
      servers.push(second);
      log(`${dialect}: second node at ${second.url} (pid ${second.pid})`);
      const both: Target = {
        ...target,
        bases: [server.url, second.url],
        pids: () => [server.pid, second.pid],
      };
      say(
        (scenarios.twoNodes = await twoNodesScenario(both, candidates, {
          connections: options.connections,
          durationS: options.twoNodesDurationS,
          journeyConcurrency: options.twoNodesJourneyConcurrency,
          journeys: options.twoNodesJourneys,
          idleMs: options.idleMs,
          files: files.journey,
        })),
      );
    }

    log(`${dialect}: waiting for the outbox to be delivered`);
    // A CPU profile is written at a clean exit only, which waits for the outbox to be empty.
    const mail = await waitForMails(outbox, sink, cpuProf ? 600_000 : options.mailDrainMs);
    log(
      `${dialect}: mails: ${mail.outboxSent} sent, ${mail.outboxPending} pending, ${mail.smtpReceived} received, ${mail.duplicates} duplicates`,
    );
    let killed = 0;
    for (const s of servers.splice(0).reverse())
      if ((await s.stop(cpuProf ? 120_000 : options.stopGraceMs)).killed) killed += 1;
    // On a database and server of its own, once the others are stopped (nothing else runs).
    const officeList = chosen.has('office-list')
      ? await officeListScenario(
          { dialect, dir, postgresAdmin, smtpUrl: sink.url, dispatcher, log },
          options.quick ? OFFICE_LIST_QUICK : OFFICE_LIST_FULL,
        )
      : undefined;
    return {
      dialect,
      limits: { argon2, hello, database },
      setup: { candidates: candidates.length, seconds: round(setup.seconds, 1) },
      scenarios,
      mail,
      nodes: scenarios.twoNodes ? 2 : 1,
      killedAtStop: killed,
      ...(officeList ? { officeList } : {}),
    };
  } catch (error) {
    for (const s of servers) console.error(`--- ${dialect} server output ---\n${s.output()}`);
    throw error;
  } finally {
    for (const s of servers.reverse()) await s.stop(options.stopGraceMs);
    await outbox?.close();
    await dispatcher.close();
    await postgres
      ?.drop()
      .catch((e: unknown) => console.error(`could not drop ${postgres.name}: ${String(e)}`));
  }
}

/** The report is committed: it goes through Prettier like every file `npm test` checks. */
async function writeReport(results: BenchResults, file: string): Promise<void> {
  const report = await prettier.format(renderReport(results), {
    ...(await prettier.resolveConfig(path.join(ROOT, 'bench', 'REPORT.md'))),
    parser: 'markdown',
  });
  writeFileSync(file, report);
}

async function main(): Promise<void> {
  if (flag('render') !== undefined) {
    const results = JSON.parse(
      readFileSync(path.join(resultsDir, 'latest.json'), 'utf8'),
    ) as BenchResults;
    results.targets = results.runs.flatMap((r) => evaluateTargets(r));
    await writeReport(results, path.join(ROOT, 'bench', 'REPORT.md'));
    log('wrote bench/REPORT.md from bench/results/latest.json');
    return;
  }
  const started = new Date();
  const machine = machineInfo();
  log(
    `${options.quick ? 'quick' : 'full'} run on ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}`,
  );
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'candidat-bench-'));
  const sink = new SmtpSink();
  await sink.start();
  const runs: DatabaseRun[] = [];
  const skipped: string[] = [];
  try {
    const files = await benchFiles();
    for (const dialect of ['sqlite', 'postgres'] as const) {
      if (only && only !== dialect) continue;
      if (dialect === 'postgres' && !(await postgresReachable(postgresAdmin))) {
        const why = `PostgreSQL not reachable at ${postgresAdmin}`;
        if (process.env.CI === 'true') throw new Error(why);
        console.warn(`[bench] ${why}: the PostgreSQL run is skipped`);
        skipped.push(why);
        continue;
      }
      runs.push(await runDatabase(dialect, tmp, sink, files));
    }
  } finally {
    await sink.stop();
    rmSync(tmp, { recursive: true, force: true });
  }

  const results: BenchResults = {
    command: command(),
    quick: options.quick,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)) },
    options,
    runs,
    skipped,
    targets: runs.flatMap((r) => evaluateTargets(r)),
  };
  mkdirSync(resultsDir, { recursive: true });
  const name = options.quick ? 'quick' : partial ? 'partial' : 'latest';
  writeFileSync(path.join(resultsDir, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
  const reportFile =
    options.quick || partial
      ? path.join(resultsDir, `${name}.md`)
      : path.join(ROOT, 'bench', 'REPORT.md');
  await writeReport(results, reportFile);
  log(`wrote ${path.relative(ROOT, reportFile)} and bench/results/${name}.json`);
  for (const t of results.targets)
    log(`${t.ok ? 'MET ' : 'MISS'} ${t.database} ${t.target}: ${t.measured}`);

  const errors = runs.flatMap((r) =>
    Object.values(r.scenarios)
      .filter((s): s is ScenarioResult => s !== undefined && s.errors > 0)
      .map(
        (s) => `${r.dialect} ${s.name}: ${s.errors} error(s) ${(s.errorExamples ?? []).join('; ')}`,
      ),
  );
  const mailProblems = runs
    .filter((r) => r.mail.duplicates > 0)
    .map((r) => `${r.dialect}: ${r.mail.duplicates} mail(s) sent twice`);
  for (const e of [...errors, ...mailProblems]) console.error(`[bench] ${e}`);
  if (options.quick && (errors.length > 0 || mailProblems.length > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
