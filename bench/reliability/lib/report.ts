/**
 * bench/RELIABILITY.md from the figures of a reliability run: the machine and the command,
 * one line per guarantee (held or not), then each scenario's figures and what they prove.
 */
import type { MachineInfo } from '../../lib/machine.js';
import type { CrashResult } from '../crash.js';
import type { DatabaseOutageResult } from '../database-outage.js';
import type { DeadlineRaceResult } from '../deadline-race.js';
import type { MailOutageResult } from '../mail-outage.js';
import type { TwoNodesResult } from '../two-nodes.js';
import type { ReliabilityOptions } from './options.js';

export interface ReliabilityResults {
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo & { loadAverageAtEnd: number[] };
  options: ReliabilityOptions;
  crash: CrashResult[];
  deadline: DeadlineRaceResult[];
  mail: MailOutageResult[];
  database: DatabaseOutageResult[];
  twoNodes: TwoNodesResult[];
  /** Parts not run, and why (no PostgreSQL here…). */
  skipped: string[];
}

const NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;
const mark = (violations: readonly string[]): string => (violations.length === 0 ? '✅' : '❌');
const n = (value: number | undefined, digits = 0): string =>
  value === undefined
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const table = (head: string[], rows: string[][]): string =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`]
    .concat(rows.map((r) => `| ${r.join(' | ')} |`))
    .join('\n');
const problems = (violations: readonly string[]): string =>
  violations.length === 0
    ? ''
    : `\n\n**Violations**:\n\n${violations.map((v) => `- ${v}`).join('\n')}`;

export function allViolations(r: ReliabilityResults): string[] {
  return [
    ...r.crash.flatMap((c) => c.violations.map((v) => `crash ${c.dialect}: ${v}`)),
    ...r.deadline.flatMap((c) => c.violations.map((v) => `deadline ${c.dialect}: ${v}`)),
    ...r.mail.flatMap((c) => c.violations.map((v) => `mail ${c.dialect}: ${v}`)),
    ...r.database.flatMap((c) => c.violations.map((v) => `database: ${v}`)),
    ...r.twoNodes.flatMap((c) => c.violations.map((v) => `two nodes: ${v}`)),
  ];
}

function summary(r: ReliabilityResults): string {
  const line = (
    guarantee: string,
    runs: Array<{ violations: string[] }>,
    measured: string,
  ): string[] => [
    guarantee,
    runs.length === 0 ? 'not run' : measured,
    runs.length === 0 ? '–' : mark(runs.flatMap((x) => x.violations)),
  ];
  const crashKills = r.crash.reduce((s, c) => s + c.kills.length, 0);
  const acknowledged = r.crash.reduce(
    (s, c) =>
      s +
      c.final.acknowledged.activations +
      c.final.acknowledged.saves +
      c.final.acknowledged.uploads +
      c.final.acknowledged.declarations,
    0,
  );
  const files = r.crash.reduce((s, c) => s + c.final.filesChecked, 0);
  const races = r.deadline
    .map(
      (d) =>
        `${NAMES[d.dialect]}: ${n(d.writes)} writes, ${n(d.accepted.saves + d.accepted.declarations)} accepted / ${n(d.refused.saves + d.refused.declarations)} refused`,
    )
    .join('; ');
  const mails = r.mail
    .map(
      (m) =>
        `${n(m.mails.due)} due, ${n(m.mails.deliveredOnce)} received once, ${n(m.mails.duplicates)} twice, ${n(m.load.failed)} actions failed`,
    )
    .join('; ');
  const database = r.database
    .map(
      (d) =>
        `${n(d.unavailablePages)} × 503 page, ${n(d.otherFailures)} other failures, ready again ${n(d.readyAgainAfterMs)} ms after the restart`,
    )
    .join('; ');
  const two = r.twoNodes
    .map(
      (t) =>
        `${n(t.load.completed)} journeys across nodes, ${n(t.duplicateMessageIds)} mails twice, ${n(t.reminders.sent)} reminders for ${n(t.reminders.registrations)} registrations (at most one each), ${n(t.rateLimit.allowed)} of ${n(t.rateLimit.attempts)} sign-ins through (limit ${n(t.rateLimit.limit)})`,
    )
    .join('; ');
  return table(
    ['guarantee', 'measured', 'held'],
    [
      line(
        '1. crash: nothing acknowledged lost, nothing half-written, files and rows match',
        r.crash,
        `${crashKills} SIGKILLs; ${n(acknowledged)} acknowledged writes and ${n(files)} files checked`,
      ),
      line('2. deadline race: the stamp decides, nothing lost or half-applied', r.deadline, races),
      line('3. mail outage: each mail due delivered once, no action failed', r.mail, mails),
      line(
        '4. database outage: French 503, no partial write, recovers alone',
        r.database,
        database,
      ),
      line('5. two nodes: sessions, scheduled work once, rate limits', r.twoNodes, two),
    ],
  );
}

function crashSection(r: ReliabilityResults): string {
  if (r.crash.length === 0) return 'Not run.';
  return r.crash
    .map((c) => {
      const f = c.final;
      const kills = table(
        [
          'kill',
          'after (ms)',
          'acknowledged so far',
          'orphan files',
          'temporary files',
          'check (ms)',
          'restart to ready (ms)',
        ],
        c.kills.map((k, i) => [
          String(i + 1),
          n(k.afterMs),
          n(k.acknowledged),
          n(k.orphanFiles),
          n(k.temporaryFiles),
          n(k.checkMs),
          n(k.restartMs),
        ]),
      );
      return `### ${NAMES[c.dialect]} ${mark(c.violations)}

${kills}

- journeys: ${n(c.load.completed)} completed (${n(c.completedAfterLastRestart)} after the last restart), ${n(c.load.failed)} cut by a kill or begun while the server was down;
- acknowledged writes found whole: ${n(f.acknowledged.activations)} activations, ${n(f.acknowledged.saves)} saved versions, ${n(f.acknowledged.uploads)} files (SHA-256 compared), ${n(f.acknowledged.declarations)} « J'ai fourni toutes mes pièces »;
- checked for half-written changes: ${n(f.registrations)} registrations, ${n(f.versions)} versions (each with its audit entry and mail), ${n(f.declared)} declarations; ${n(f.filesChecked)} files read back from disk and hashed;
- at the end, after the orphan sweep: ${n(f.orphanFiles)} file without its row, ${n(f.temporaryFiles)} temporary file; ${c.seconds} s.${problems(c.violations)}`;
    })
    .join('\n\n');
}

function deadlineSection(r: ReliabilityResults): string {
  if (r.deadline.length === 0) return 'Not run.';
  return (
    table(
      [
        'database',
        'writes at once',
        'stamped before / at or after the close',
        'accepted (saves + declarations)',
        'refused 409 (saves + declarations)',
        'other answers',
        'burst',
        'p50 / p99 per request',
        'held',
      ],
      r.deadline.map((d) => [
        NAMES[d.dialect],
        n(d.writes),
        `${n(d.stampedBefore)} / ${n(d.stampedAfter)}`,
        `${n(d.accepted.saves)} + ${n(d.accepted.declarations)}`,
        `${n(d.refused.saves)} + ${n(d.refused.declarations)}`,
        n(d.otherAnswers),
        `${n(d.burstMs)} ms`,
        `${n(d.latency.p50)} / ${n(d.latency.p99)} ms`,
        mark(d.violations),
      ]),
    ) + r.deadline.map((d) => problems(d.violations)).join('')
  );
}

function mailSection(r: ReliabilityResults): string {
  if (r.mail.length === 0) return 'Not run.';
  return r.mail
    .map(
      (m) =>
        `${table(
          [
            'SMTP down for',
            'journeys (failed)',
            'mails due',
            'queued while down',
            'failed at least once',
            'received once',
            'twice',
            'missing',
            'outbox empty after the return',
            'held',
          ],
          [
            [
              `${n(m.outageMs / 1000, 1)} s`,
              `${n(m.load.completed)} (${n(m.load.failed)})`,
              n(m.mails.due),
              n(m.queuedDuringOutage),
              n(m.mails.retried),
              n(m.mails.deliveredOnce),
              n(m.mails.duplicates),
              n(m.mails.missing),
              `${n(m.drainSeconds, 1)} s`,
              mark(m.violations),
            ],
          ],
        )}${problems(m.violations)}`,
    )
    .join('\n\n');
}

function databaseSection(r: ReliabilityResults): string {
  if (r.database.length === 0) return 'Not run.';
  return r.database
    .map((d) => {
      const statuses = Object.entries(d.statuses)
        .map(([s, count]) => `${s}: ${n(count)}`)
        .join(', ');
      return `- PostgreSQL stopped and started again: down ${n(d.outageMs)} ms;
- answers: ${statuses}; ${n(d.unavailablePages)} were the French « Service temporairement indisponible » page (503), ${n(d.otherFailures)} anything else (500, cut connection)${d.otherFailureExamples.length > 0 ? `: ${d.otherFailureExamples.join('; ')}` : ''};
- /readyz said 503 for ${n(d.notReadyMs)} ms and 200 again ${n(d.readyAgainAfterMs)} ms after PostgreSQL accepted connections; the first form accepted ${n(d.firstSuccessAfterMs)} ms after; same process throughout: ${d.samePid ? 'yes' : 'no'};
- journeys: ${n(d.load.completed)} completed (${n(d.completedAfterRestart)} after the restart), ${n(d.load.failed)} cut by the outage or begun during it;
- no partial write: ${n(d.consistency.acknowledged.saves + d.consistency.acknowledged.uploads + d.consistency.acknowledged.declarations + d.consistency.acknowledged.activations)} acknowledged writes found, ${n(d.consistency.registrations)} registrations and ${n(d.consistency.versions)} versions whole, ${n(d.consistency.filesChecked)} files hashed, ${n(d.consistency.orphanFiles)} orphan; ${d.seconds} s. ${mark(d.violations)}${problems(d.violations)}`;
    })
    .join('\n\n');
}

function twoNodesSection(r: ReliabilityResults): string {
  if (r.twoNodes.length === 0) return 'Not run.';
  return r.twoNodes
    .map(
      (
        t,
      ) => `- sessions: ${n(t.load.completed)} journeys whose requests alternated between the nodes, ${n(t.load.failed)} failed;
- mail delivery (both nodes deliver every second): ${n(t.mails.due)} mails due, ${n(t.mails.deliveredOnce)} received once, ${n(t.duplicateMessageIds)} twice, ${n(t.mails.missing)} missing;
- reminders (both nodes every second): ${n(t.reminders.registrations)} registrations, ${n(t.reminders.incompleteAtEnd)} left incomplete (each reminded), ${n(t.reminders.sent)} reminders queued (none twice for one candidate), ${n(t.reminders.received)} received once;
- purge: ${n(t.purge.expired)} accounts never activated, 49 hours old: ${n(t.purge.remaining)} left after ${n(t.purge.seconds, 1)} s; ${n(t.taskFailures)} scheduled task failure logged by either node;
- rate limit: ${n(t.rateLimit.attempts)} sign-in attempts for one email at once, alternating nodes: ${n(t.rateLimit.allowed)} let through (limit ${n(t.rateLimit.limit)}), ${n(t.rateLimit.refused)} refused with 429; ${t.seconds} s. ${mark(t.violations)}${problems(t.violations)}`,
    )
    .join('\n\n');
}

export function renderReliability(r: ReliabilityResults): string {
  const m = r.machine;
  const violations = allViolations(r);
  const minutes = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 60_000;
  return `# Reliability: « Nothing lost, nobody let in »

The figures of the last full run of \`${r.command}\` (issue 7), ${r.finishedAt.slice(0, 10)},
${n(minutes, 1)} minutes. Each guarantee is a scenario in \`bench/reliability/\` against the
real server (\`node dist/cli.js serve\`, production mode, a child process) driven over HTTP by
virtual candidates doing the whole journey; the CI-sized versions are
\`test/reliability/*.test.ts\`. ${violations.length === 0 ? 'Every guarantee held.' : `**${violations.length} violation(s)**, listed under each guarantee.`}

Machine: ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; load average
${m.loadAverage.join(' / ')} at the start, ${m.loadAverageAtEnd.join(' / ')} at the end.${r.skipped.length > 0 ? `\n\nNot run: ${r.skipped.join('; ')}.` : ''}

${summary(r)}

## 1. Crash

Virtual candidates (${r.options.crash.concurrency} at once) create an account, activate it, sign in, save a registration and
change it ${r.options.crash.resaves} time(s), upload one file per document asked (${r.options.crash.filesKB.map((k) => `${n(k / 1024, 1)} MB`).join(', ')}) and declare « J'ai fourni toutes mes
pièces »; every answer that acknowledges a write is written down as it arrives. The server is
killed with SIGKILL ${r.options.crash.killAfterMs[0] / 1000} to ${r.options.crash.killAfterMs[1] / 1000} s after each start. Right after each kill,
before the restart, the database and the upload folder are checked as the dead process left
them: every acknowledged write present and identical, no change half-written (a version
without its audit entry or mail, a file row without its bytes…). A file without its row is
allowed then and counted (the upload wrote its file, the process died before the commit); at
the end, once the sweep's grace period (${r.options.crash.graceSeconds} s here, one hour by default) has passed, none may remain.

SQLite runs in WAL mode with \`synchronous=FULL\`: each commit is fsynced before the portal
answers, so an acknowledged write survives a process crash (this run) and a power cut, provided
the disk honours fsync. A file is fsynced, renamed, and its folder fsynced before its row is
committed, and deleted only after its row: a row never points to missing bytes.

${crashSection(r)}

## 2. Deadline race

The application runs in the bench process with an injected clock set just before the close of
the notice's BAC PRO window (13 November 2024, 19:00 Paris): each write's stamp (the \`now\` its
transaction checks and stores) moves the clock on by 1 ms, starting ${n(r.options.deadline.writes / 2)} ms before the close, so half the
stamps fall before it. The writes are sent at once over HTTP, half « Enregistrer » (a new
version) and half « J'ai fourni toutes mes pièces », each for its own registration. Held means:
the stamps before the close are exactly the stored stamps of the accepted writes, every other
write got the 409 « Les inscriptions pour cet examen sont closes depuis le 13 novembre 2024 à
19 h 00. » and left nothing, and each accepted write has its version or declaration, audit entry
and mail at its stamp.

${deadlineSection(r)}

## 3. Mail outage

The SMTP server (a real \`smtp-server\` on a loopback port) stops during the journeys: new
connections are refused and the portal's pooled ones get « 421 » and are closed; it comes back
on the same port. The mails are counted on the SMTP server by Message-ID (the outbox row's id).
A mail failed once is tried again after 30 s, then 1 min, 2 min… up to an hour.

${mailSection(r)}

## 4. Database outage

PostgreSQL here is a cluster of the run's own (\`initdb\` in a temporary folder, \`pg_ctl\` on a
free port), stopped with a fast shutdown (sessions ended, transactions in flight rolled back)
during the journeys and started again; the portal is not restarted. /readyz is polled every
100 ms all along.

${databaseSection(r)}

## 5. Two nodes

Two \`candidat serve\` processes on one PostgreSQL database, each running the recurring tasks
every second (\`JOB_INTERVAL_SECONDS=1\`), \`REMINDER_OFFSETS=30d\` so that every incomplete
file of the demo window is due for its reminder.

${twoNodesSection(r)}
`;
}
