/**
 * bench/REPORT.md from the figures: the machine, the limits, each scenario per database, each
 * target as a ratio to its limit (✅/❌), the journey's steps, the mail check, the two-node run,
 * and the capacity section the issue asks for (national last-day peak).
 */
import type { ScenarioResult } from '../scenarios/common.js';
import type { OfficeListResult } from '../scenarios/office-list.js';
import type { RateResult } from './limits.js';
import type { MachineInfo } from './machine.js';
import type { BenchOptions } from './options.js';
import { round } from './stats.js';

export interface MailCheck {
  outboxSent: number;
  outboxPending: number;
  /** Mails waiting in the outbox when the scenarios ended. */
  pendingAtEnd: number;
  smtpReceived: number;
  duplicates: number;
  drainSeconds: number;
  /** Mails delivered per second while the bench waited for the outbox (when it had some). */
  drainPerSecond: number | undefined;
}

export interface DatabaseRun {
  dialect: 'sqlite' | 'postgres';
  limits: { argon2: RateResult; hello: ScenarioResult; database: RateResult };
  setup: { candidates: number; seconds: number };
  scenarios: {
    read?: ScenarioResult;
    public?: ScenarioResult;
    save?: ScenarioResult;
    journey?: ScenarioResult;
    journeyPaced?: ScenarioResult;
    upload?: ScenarioResult;
    uploadJpeg?: ScenarioResult;
    twoNodes?: ScenarioResult;
  };
  mail: MailCheck;
  nodes: number;
  /** Servers that had not exited within the grace period after SIGTERM (and were killed). */
  killedAtStop: number;
  /** (7) The office's list and export on a database of its own (bench/scenarios/office-list.ts). */
  officeList?: OfficeListResult;
}

export interface TargetCheck {
  database: string;
  target: string;
  measured: string;
  ok: boolean;
}

export interface BenchResults {
  command: string;
  quick: boolean;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo & { loadAverageAtEnd: number[] };
  options: BenchOptions;
  runs: DatabaseRun[];
  skipped: string[];
  targets: TargetCheck[];
}

const NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;
const STEP_P99_MS = 300;
const f = (n: number, digits = 1): string =>
  round(n, digits).toLocaleString('en-US', { maximumFractionDigits: digits });
const ms = (n: number): string => `${f(n, n < 10 ? 1 : 0)} ms`;
const mark = (ok: boolean): string => (ok ? '✅' : '❌');

/**
 * The journeys/s a node sustained: the better of the closed loop and of the open loop (when
 * that one had no error), since a server waiting on its database gives more with more
 * journeys at once.
 */
export function bestJourneyRate(run: DatabaseRun): { rate: number; loop: string } | undefined {
  const closed = run.scenarios.journey;
  const open = run.scenarios.journeyPaced;
  if (!closed) return undefined;
  if (open && open.errors === 0 && open.throughput > closed.throughput)
    return { rate: open.throughput, loop: 'open loop' };
  return { rate: closed.throughput, loop: 'closed loop' };
}

/** The HTTP steps of a journey (the bench's own reads of the outbox are not the portal's). */
const httpSteps = (s: ScenarioResult | undefined): NonNullable<ScenarioResult['steps']> =>
  (s?.steps ?? []).filter((step) => !step.step.startsWith('('));

export function evaluateTargets(run: DatabaseRun): TargetCheck[] {
  const database = NAMES[run.dialect];
  const checks: TargetCheck[] = [];
  const add = (target: string, measured: string, ok: boolean): void => {
    checks.push({ database, target, measured, ok });
  };
  const { argon2, hello, database: db } = run.limits;
  const s = run.scenarios;
  const bound = argon2.perSecond / 2;

  if (s.journey) {
    const best = bestJourneyRate(run) ?? { rate: s.journey.throughput, loop: 'closed loop' };
    const ratio = best.rate / bound;
    add(
      'journey ≥ 0.8 × argon2 bound (hashes/s ÷ 2)',
      `${f(best.rate, 2)} journeys/s (${best.loop}) ÷ ${f(bound, 2)} = ${f(ratio, 2)}`,
      ratio >= 0.8,
    );
    const errors = s.journey.errors + (s.journeyPaced?.errors ?? 0);
    const shed = s.journeyPaced?.shed ?? 0;
    add(
      'journey: zero errors, every arrival served',
      `${errors} error(s)${shed > 0 ? `, ${shed} arrival(s) shed (too many running)` : ''}`,
      errors === 0 && shed === 0,
    );
    if (s.journeyPaced) {
      const worst = httpSteps(s.journeyPaced).reduce<{ step: string; p99: number } | undefined>(
        (w, step) => (w && w.p99 >= step.p99 ? w : step),
        undefined,
      );
      add(
        `journey: p99 of every step < ${STEP_P99_MS} ms at ${f(s.journeyPaced.offeredRate ?? 0, 2)} journeys/s (0.8 × bound)`,
        worst ? `worst: ${worst.step} ${ms(worst.p99)}` : 'no step measured',
        worst !== undefined && worst.p99 < STEP_P99_MS,
      );
    }
    const peak = Math.max(s.journey.peakRssMB, s.journeyPaced?.peakRssMB ?? 0);
    add('server RSS under the journey < 300 MB', `${f(peak)} MB peak`, peak < 300);
  }
  if (s.read) {
    const ratio = s.read.throughput / hello.throughput;
    add(
      'read ≥ 0.3 × hello',
      `${f(s.read.throughput)} ÷ ${f(hello.throughput)} req/s = ${f(ratio, 2)}${s.read.errors ? `, ${s.read.errors} errors` : ''}`,
      ratio >= 0.3 && s.read.errors === 0,
    );
  }
  if (s.public) {
    const ratio = s.public.throughput / hello.throughput;
    add(
      'public ≥ 0.6 × hello',
      `${f(s.public.throughput)} ÷ ${f(hello.throughput)} req/s = ${f(ratio, 2)}${s.public.errors ? `, ${s.public.errors} errors` : ''}`,
      ratio >= 0.6 && s.public.errors === 0,
    );
  }
  if (s.save) {
    const ratio = s.save.throughput / db.perSecond;
    add(
      'save ≥ 0.2 × database transactions/s',
      `${f(s.save.throughput)} saves/s ÷ ${f(db.perSecond)} tx/s = ${f(ratio, 2)}${s.save.errors ? `, ${s.save.errors} errors` : ''}`,
      ratio >= 0.2 && s.save.errors === 0,
    );
  }
  if (s.upload) {
    const growth = s.upload.growthMB ?? 0;
    add(
      `upload: RSS ≤ idle + 100 MB during ${s.upload.concurrency ?? ''} concurrent ${f(s.upload.fileMB ?? 0)} MB uploads`,
      `idle ${f(s.upload.idleRssMB)} MB, peak ${f(s.upload.peakRssMB)} MB: +${f(growth)} MB${s.upload.errors ? `, ${s.upload.errors} errors` : ''}`,
      growth <= 100 && s.upload.errors === 0,
    );
  }
  if (s.twoNodes) {
    add(
      'two nodes: nothing breaks (sessions valid on both, each mail sent once)',
      `${s.twoNodes.errors} error(s), ${run.mail.duplicates} duplicate mail(s)`,
      s.twoNodes.errors === 0 && run.mail.duplicates === 0,
    );
  }
  add(
    'no mail sent twice',
    `${f(run.mail.smtpReceived, 0)} mails received by SMTP, ${run.mail.duplicates} twice`,
    run.mail.duplicates === 0,
  );
  return checks;
}

const perUnit = (r: ScenarioResult | undefined, unit: string): string =>
  r?.transactionsPerUnit !== undefined
    ? `; ${f(r.transactionsPerUnit)} transactions a ${unit}`
    : '';

function scenarioRows(run: DatabaseRun): string[] {
  const s = run.scenarios;
  const rows: Array<[string, ScenarioResult | undefined, string]> = [
    [
      '(1) journey, closed loop',
      s.journey,
      `${s.journey?.concurrency ?? ''} candidates at once; latency = whole journey${s.journey?.transactionsPerJourney !== undefined ? `; ${f(s.journey.transactionsPerJourney)} transactions a journey` : ''}`,
    ],
    [
      '(1) journey, open loop',
      s.journeyPaced,
      `${f(s.journeyPaced?.offeredRate ?? 0, 2)} journeys/s offered; latency = whole journey`,
    ],
    [
      '(2) read « Mes inscriptions »',
      s.read,
      `${s.read?.connections ?? ''} connections, ${f((s.read?.bytesPerAnswer ?? 0) / 1024)} KB a page${perUnit(s.read, 'page')}`,
    ],
    [
      '(3) public /calendrier',
      s.public,
      `${s.public?.connections ?? ''} connections, no cookie, ${f((s.public?.bytesPerAnswer ?? 0) / 1024)} KB a page`,
    ],
    [
      '(4) save (new version)',
      s.save,
      `${s.save?.connections ?? ''} candidates; latency = both POSTs${perUnit(s.save, 'save')}`,
    ],
    [
      '(5) upload 5 MB PDF',
      s.upload,
      `${s.upload?.concurrency ?? ''} at once × ${s.upload?.rounds ?? ''} rounds, ${f(s.upload?.megabytesPerSecond ?? 0)} MB/s${s.upload ? `: RSS +${f(s.upload.growthMB ?? 0)} MB` : ''}`,
    ],
    [
      '(5b) upload 5 MB JPEG, for comparison',
      s.uploadJpeg,
      `the same as images (the server opens PDFs only)${s.uploadJpeg ? `: RSS +${f(s.uploadJpeg.growthMB ?? 0)} MB` : ''}`,
    ],
    [
      '(6) two nodes: read on both',
      s.twoNodes,
      s.twoNodes
        ? `per node ${(s.twoNodes.perNodeRps ?? []).map((n) => f(n)).join(' + ')} req/s; RSS of both`
        : '',
    ],
  ];
  return rows
    .filter((r): r is [string, ScenarioResult, string] => r[1] !== undefined)
    .map(
      ([name, r, note]) =>
        `| ${name} | ${f(r.throughput, r.unit === 'journeys/s' ? 2 : 1)} ${r.unit} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.errors} | ${f(r.idleRssMB)} MB | ${f(r.peakRssMB)} MB | ${note} |`,
    );
}

function stepTable(runs: DatabaseRun[]): string[] {
  const withSteps = runs.filter((r) => r.scenarios.journeyPaced || r.scenarios.journey);
  if (withSteps.length === 0) return [];
  const names: string[] = [];
  for (const r of withSteps)
    for (const s of [
      ...(r.scenarios.journeyPaced?.steps ?? []),
      ...(r.scenarios.journey?.steps ?? []),
    ])
      if (!names.includes(s.step)) names.push(s.step);
  const cell = (sc: ScenarioResult | undefined, step: string): string => {
    const s = sc?.steps?.find((x) => x.step === step);
    if (!s) return '–';
    const bad = !step.startsWith('(') && sc?.name.includes('open') && s.p99 >= STEP_P99_MS;
    return `${ms(s.p50)} / ${bad ? '**' : ''}${ms(s.p99)}${bad ? '**' : ''} / ${ms(s.max)}`;
  };
  const header = withSteps.flatMap((r) => [
    `${NAMES[r.dialect]} open loop`,
    `${NAMES[r.dialect]} closed loop`,
  ]);
  return [
    `| step (p50 / p99 / max) | ${header.join(' | ')} |`,
    `| --- | ${header.map(() => '---').join(' | ')} |`,
    ...names.map(
      (n) =>
        `| ${n} | ${withSteps.flatMap((r) => [cell(r.scenarios.journeyPaced, n), cell(r.scenarios.journey, n)]).join(' | ')} |`,
    ),
  ];
}

function capacity(results: BenchResults): string[] {
  const registrations = 750_000;
  const lastTwoDays = registrations * 0.3;
  const averagePerHour = lastTwoDays / 48;
  const peakPerHour = averagePerHour * 3;
  const peakPerSecond = peakPerHour / 3600;
  const pg = results.runs.find((r) => r.dialect === 'postgres');
  const sqlite = results.runs.find((r) => r.dialect === 'sqlite');
  const lines = [
    '## Capacity: the national last-day peak',
    '',
    `Assumptions (the issue's): ${f(registrations, 0)} registrations in a session, 30 % of them in the`,
    'last 48 hours, the peak hour three times the average of those hours; each registration is one',
    'whole journey as measured here (a new account, activation, sign-in, the wizard, three files,',
    '« J’ai fourni toutes mes pièces », the récapitulatif).',
    '',
    '| quantity | value |',
    '| --- | --- |',
    `| registrations in the last 48 h | 0.3 × ${f(registrations, 0)} = ${f(lastTwoDays, 0)} |`,
    `| average of those hours | ${f(lastTwoDays, 0)} ÷ 48 = ${f(averagePerHour, 1)} per hour |`,
    `| peak hour (3 × average) | ${f(peakPerHour, 1)} per hour = **${f(peakPerSecond, 2)} journeys/s** |`,
    `| argon2id hashes at the peak (2 per journey) | ${f(peakPerSecond * 2, 1)} hashes/s |`,
    `| uploads at the peak (1.6 MB per journey) | ${f(peakPerSecond * 1.6, 1)} MB/s (${f(peakPerSecond * 1.6 * 8, 0)} Mbit/s) |`,
  ];
  const rows: string[] = [];
  for (const run of [pg, sqlite]) {
    const j = run?.scenarios.journey;
    const best = run && bestJourneyRate(run);
    if (!run || !j || !best || best.rate <= 0) continue;
    const perNode = best.rate;
    // Saturation gives the most a node does, with long waits; plan at 70 % of it.
    const atSaturation = Math.ceil(peakPerSecond / perNode);
    const planned = Math.ceil(peakPerSecond / (0.7 * perNode));
    const paced = run.scenarios.journeyPaced;
    const measured =
      `**${f(perNode, 2)} journeys/s** (${best.loop}). Closed loop, ${j.concurrency ?? ''} at once: ${f(j.throughput, 2)}/s, p99 of a whole journey ${ms(j.p99)}` +
      (paced
        ? `; open loop, ${f(paced.offeredRate ?? 0, 2)}/s offered: ${f(paced.throughput, 2)}/s served, ${f(paced.shed ?? 0, 0)} shed, journey p99 ${ms(paced.p99)}`
        : '');
    const nodes =
      run.dialect === 'sqlite'
        ? planned <= 1
          ? 'one node holds it (SQLite cannot have more)'
          : `${planned} needed at 70 % load: beyond SQLite (one node only), so PostgreSQL`
        : `${atSaturation} at saturation; ${planned} at 70 % load, ${planned + 1} with one spare`;
    rows.push(`| ${NAMES[run.dialect]} | ${measured} | ${nodes} |`);
  }
  lines.push(
    '',
    'Nodes of this size (2 cores) needed, from the journeys/s one node sustained in this run (the',
    'better of the two loops), planned at 70 % of it so that waits stay short:',
    '',
    '| database | measured per node | nodes for the peak |',
    '| --- | --- | --- |',
    ...rows,
    '',
  );
  lines.push(...journeyCpu(results), '');
  const mailRun = pg ?? sqlite;
  const mailsPerJourney = mailRun?.scenarios.journey?.mailsPerJourney;
  if (mailRun && mailsPerJourney !== undefined) {
    const delivery = results.runs.map(
      (r) =>
        `${NAMES[r.dialect]} (${r.nodes} node${r.nodes > 1 ? 's' : ''}): ${f(r.mail.smtpReceived, 0)} mails delivered, ` +
        `${f(r.mail.pendingAtEnd, 0)} still queued when the scenarios ended` +
        (r.mail.drainPerSecond !== undefined
          ? ` and sent at ${f(r.mail.drainPerSecond)} mails/s after them`
          : '') +
        `, ${f(r.mail.outboxPending, 0)} left ${f(r.mail.drainSeconds)} s later`,
    );
    lines.push(
      `Mail: a journey queues ${f(mailsPerJourney)} mails (measured), so the peak queues ` +
        `${f(mailsPerJourney * peakPerSecond)} mails/s for the journeys alone (each re-save queues one more). ` +
        `In this run, to an SMTP server (smtp-server) that waits 100 ms before its greeting: ${delivery.join('; ')}.`,
      '',
    );
  }
  if (sqlite && pg)
    lines.push(
      'SQLite serves one node only (one process per file), so beyond one node the deployment is',
      'PostgreSQL with several app nodes.',
      '',
    );
  if (pg?.scenarios.journey) {
    const perJourney = pg.scenarios.journey.transactionsPerJourney ?? Number.NaN;
    const needed = perJourney * peakPerSecond;
    const limit = pg.limits.database.perSecond;
    lines.push(
      'What PostgreSQL must sustain then (one server for all nodes):',
      '',
      '| quantity | value |',
      '| --- | --- |',
      `| transactions committed per journey (measured: pg_stat_database.xact_commit over the closed loop, mail delivery and read-only transactions included) | ${f(perJourney, 1)} |`,
      `| transactions/s at the peak | ${f(perJourney, 1)} × ${f(peakPerSecond, 2)} = **${f(needed, 0)} tx/s** |`,
      `| this machine's PostgreSQL, single-row insert transactions (${pg.limits.database.how}) | ${f(limit, 0)} tx/s |`,
      `| share of that limit the peak needs | ${f((needed / limit) * 100, 0)} % |`,
      '',
      'The journeys are not all: candidates who come back to read « Mes inscriptions », modify a',
      'registration or download their documents add to it, and the office works at the same time.',
      'Plan PostgreSQL with room for several times the figure above (and the app nodes with one',
      'spare), and measure again on the production hardware with this bench.',
    );
  }
  return lines;
}

export function renderReport(results: BenchResults): string {
  const m = results.machine;
  const runs = results.runs;
  const head = runs.map((r) => NAMES[r.dialect]);
  const limitRow = (label: string, value: (r: DatabaseRun) => string): string =>
    `| ${label} | ${runs.map(value).join(' | ')} |`;
  const lines: string[] = [
    '# Benchmark report',
    '',
    results.quick
      ? '> **Quick run** (`--quick`): everything tiny, to prove the bench works. The figures mean nothing; no target is asserted.'
      : '> Written by `npm run bench` (see `bench/run.ts`). The figures are those of one run on the machine below, which',
    ...(results.quick
      ? []
      : [
          '> other sessions share: every result is compared with limits measured in the same run, minutes apart.',
        ]),
    '',
    `- Command: \`${results.command}\` (after \`npm run build\`; the npm script builds first)`,
    `- Run: ${results.startedAt} to ${results.finishedAt}`,
    `- Machine: \`nproc\` = ${m.nproc}, ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.platform}`,
    `- Node ${m.node}; load average at start ${m.loadAverage.join(', ')}, at end ${m.loadAverageAtEnd.join(', ')}`,
    `- The load generator runs on the same ${m.nproc} cores as the server (loopback only).`,
    ...results.skipped.map((s) => `- Skipped: ${s}`),
    '',
    '## Limits measured in this run',
    '',
    `| limit | ${head.join(' | ')} |`,
    `| --- | ${head.map(() => '---').join(' | ')} |`,
    limitRow('argon2id hashes/s, all cores (portal parameters)', (r) =>
      f(r.limits.argon2.perSecond),
    ),
    limitRow(
      '→ journey bound (hashes/s ÷ 2)',
      (r) => `${f(r.limits.argon2.perSecond / 2, 2)} journeys/s`,
    ),
    limitRow(
      `bare Fastify "hello", ${results.options.connections} connections (p99)`,
      (r) => `${f(r.limits.hello.throughput)} req/s (${ms(r.limits.hello.p99)})`,
    ),
    limitRow('database single-row transactions/s', (r) => f(r.limits.database.perSecond)),
    '',
    ...runs.flatMap((r) => [
      `- ${NAMES[r.dialect]}: ${r.limits.argon2.how}; ${r.limits.database.how}.`,
    ]),
    '',
    '## Results',
    '',
  ];
  for (const run of runs) {
    lines.push(
      `### ${NAMES[run.dialect]}${run.nodes > 1 ? ` (and a second node for (6))` : ''}`,
      '',
      '| scenario | throughput | p50 | p99 | max | errors | idle RSS | peak RSS | notes |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...scenarioRows(run),
      '',
      `Setup (not timed): ${run.setup.candidates} candidates created, activated and registered through the pages in ${f(run.setup.seconds)} s.`,
      '',
      `Mail: ${f(run.mail.pendingAtEnd, 0)} mails were waiting in the outbox when the scenarios ended;` +
        (run.mail.drainPerSecond !== undefined
          ? ` they went out at ${f(run.mail.drainPerSecond)} mails/s while the bench waited (${f(run.mail.drainSeconds)} s),`
          : '') +
        ` ${f(run.mail.outboxPending, 0)} still pending then; ${f(run.mail.smtpReceived, 0)} received by the SMTP sink, ${run.mail.duplicates} twice.` +
        (run.killedAtStop > 0
          ? ` ${run.killedAtStop} server(s) had not exited ${results.options.stopGraceMs / 1000} s after SIGTERM and were killed (the shutdown waits for the delivery loop to empty the outbox).`
          : ''),
      '',
    );
    const examples = Object.values(run.scenarios).flatMap((s) =>
      (s?.errorExamples ?? []).map((e) => `${s?.name}: ${e}`),
    );
    if (examples.length > 0)
      lines.push('Errors seen (first ones):', '', ...examples.slice(0, 8).map((e) => `- ${e}`), '');
    if (run.scenarios.twoNodes) {
      const t = run.scenarios.twoNodes;
      const single = run.scenarios.read?.throughput;
      lines.push(
        `Two nodes: « Mes inscriptions » on both at once, the same sessions on both: ${f(t.throughput)} req/s in all` +
          (single
            ? ` (one node alone: ${f(single)} req/s, ratio ${f(t.throughput / single, 2)})`
            : '') +
          `, ${t.readErrors ?? 0} errors; ${t.journeysAcrossNodes ?? 0} journeys whose requests alternated between the nodes, ${t.journeyErrors ?? 0} errors. ` +
          `Both nodes and the load generator share the same ${m.nproc} cores, so the throughput cannot add up here; what this run shows is that nothing breaks across nodes.`,
        '',
      );
    }
  }
  lines.push(
    '## Targets',
    '',
    '| database | target (issue 6) | measured | met |',
    '| --- | --- | --- | --- |',
    ...results.targets.map(
      (t) => `| ${t.database} | ${t.target} | ${t.measured} | ${mark(t.ok)} |`,
    ),
    '',
    '## The journey, step by step',
    '',
    'Every request of the journey (redirects followed, as a browser does), in ms. The open loop is',
    `the target load (0.8 × the argon2 bound); a p99 at or over ${STEP_P99_MS} ms there is in bold.`,
    '',
    ...stepTable(runs),
    '',
    '## How it is measured',
    '',
    '- Each database gets a fresh one (a temporary folder; a database `candidat_bench_<random>` on',
    '  the PostgreSQL server, dropped at the end), `node dist/cli.js catalogue import',
    '  catalogues/demo.yaml`, then `node dist/cli.js serve` in production mode (not --demo) with',
    '  SESSION_SECRET, RECEIPT_KEY, SMTP_URL (an `smtp-server` sink in the bench process),',
    '  PUBLIC_URL, DATA_DIR, LOG_LEVEL=warn and TRUST_PROXY=true: each virtual candidate sends its',
    '  own X-Forwarded-For address, as behind a reverse proxy, so the per-address rate limits apply',
    '  to candidates, not to the bench.',
    '- read, public and hello: autocannon, constant connections, after a warm-up; the read',
    '  requests carry the cookies of signed-in candidates in turn (the hello ones too, so the',
    '  client does the same work). Errors = connection errors and any status but 200.',
    '- journey, save, upload: scripted candidates over undici; every answer is checked (status,',
    '  redirect target, CSRF token, PDF signature) and a wrong one is an error of that step.',
    '- RSS: VmRSS of the server process(es) from /proc, every 20 ms; idle = the median over the',
    '  quiet moment before the scenario.',
    '- Limits: argon2id with `ARGON2_PARAMETERS` from the source, 2 × nproc hashes in flight;',
    "  SQLite: BEGIN / INSERT / COMMIT in a loop on a file with the portal's pragmas (WAL,",
    '  synchronous=FULL); PostgreSQL: pgbench, one single-row INSERT per transaction, from as many',
    `  clients as the portal's pool has (${results.options.postgresClients}).`,
    '',
    ...capacity(results),
    '',
  );
  return lines.join('\n');
}

/**
 * Where a journey's CPU goes, measured in the closed loop: the server's, of which argon2id's
 * share (two hashes at the rate measured on all cores), and the load generator's, on the same
 * cores. The argon2 bound counts the hashes only; this table shows what else a journey costs,
 * hence the most journeys/s these cores can give whatever the code does around the hashes.
 */
function journeyCpu(results: BenchResults): string[] {
  const rows: string[] = [];
  for (const run of results.runs) {
    const j = run.scenarios.journey;
    if (j?.serverCpuMsPerJourney === undefined || j.benchCpuMsPerJourney === undefined) continue;
    const cores = results.machine.nproc;
    const argon2Ms = (2 * 1000 * cores) / run.limits.argon2.perSecond;
    const total = j.serverCpuMsPerJourney + j.benchCpuMsPerJourney;
    const ceiling = (1000 * cores) / total;
    const bound = run.limits.argon2.perSecond / 2;
    rows.push(
      `| ${NAMES[run.dialect]} | ${f(j.serverCpuMsPerJourney)} ms | ${f(argon2Ms)} ms (${f((100 * argon2Ms) / j.serverCpuMsPerJourney, 0)} %) | ${f(j.benchCpuMsPerJourney)} ms | ${f(ceiling, 1)} journeys/s = ${f(ceiling / bound, 2)} × the argon2 bound |`,
    );
  }
  if (rows.length === 0) return [];
  return [
    'Where a journey’s CPU goes (closed loop; CPU time of the server process and of the bench, which',
    'drives the load from the same cores; PostgreSQL’s own processes not counted):',
    '',
    '| database | server CPU a journey | of which argon2id (2 hashes) | load generator a journey | most these cores can give |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'The rest of a journey (25 requests, three files written and fsynced, two PDFs opened, the',
    'récapitulatif drawn, the load generator building and reading all of it) costs several times the',
    'two hashes, so on one 2-core machine carrying its own load the argon2 bound cannot be',
    'approached; on a real deployment the load comes from elsewhere and the server keeps both cores.',
  ];
}
