/**
 * « Tableau de bord » of a session: closes first (what is urgent), documents waiting per pôle
 * (the day's work), registrations per day as a chart with its figures in a table, then the
 * completeness of the files by exam and specialty. Times are Paris times.
 */
import type { VNode } from 'preact';
import type { WindowState } from '../../../domain/catalogue/registration-window.js';
import type {
  CompletenessCounts,
  DayCount,
  DeskDocumentsToCheck,
  ExamCompleteness,
  SessionDashboard,
} from '../../../domain/office/session-dashboard.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formatFrenchDuration } from '../../../domain/time/french-duration.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import type { PageContext } from '../../views/page-context.js';
import { Table } from '../../views/table.js';
import {
  type CalendarEntry,
  examName,
  examShortName,
  windowPeriod,
} from '../public/registration-calendar.js';
import { BarChart } from './bar-chart.js';
import { OfficeLayout } from './office-layout.js';

export const DASHBOARD_PATH = '/gestion/tableau-de-bord';

const number = new Intl.NumberFormat('fr-FR');

// Days are calendar dates: formatted at UTC midnight so no time zone can move them.
const longDay = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDay = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
});
const dateOf = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/** « dimanche 27 octobre 2024 ». */
export function formatDay(day: string): string {
  return longDay.format(dateOf(day));
}

function plural(n: number, singular: string, pluralForm: string): string {
  return `${number.format(n)} ${n === 1 ? singular : pluralForm}`;
}

/** « 12 (40 %) »: a count and its share of `total`, rounded to the unit. */
export function countWithShare(n: number, total: number): string {
  if (total === 0) return number.format(n);
  return `${number.format(n)} (${Math.round((100 * n) / total)}\u202f%)`;
}

// ---------------------------------------------------------------- closes

const BADGES: Record<WindowState, { kind: 'success' | 'info' | 'error'; label: string }> = {
  open: { kind: 'success', label: 'Ouvertes' },
  upcoming: { kind: 'info', label: 'À venir' },
  closed: { kind: 'error', label: 'Closes' },
};

/** What is left of a window at `now`, in words. */
export function timeLeft(entry: CalendarEntry, now: Date): string {
  const { window, state } = entry;
  if (state === 'open')
    return `Clôture dans ${formatFrenchDuration(window.closesAt.getTime() - now.getTime())}`;
  if (state === 'upcoming')
    return `Ouverture dans ${formatFrenchDuration(window.opensAt.getTime() - now.getTime())}`;
  return `Close depuis le ${formatParisDateTime(window.closesAt)}`;
}

function Closes({ windows, now }: { windows: readonly CalendarEntry[]; now: Date }): VNode {
  return (
    <section class="fr-mb-6w" aria-labelledby="titre-clotures">
      <h2 id="titre-clotures">Clôture des inscriptions</h2>
      {windows.length === 0 ? (
        <p>Aucune période d’inscription de cette session ne concerne vos pôles.</p>
      ) : (
        <Table hiddenCaption caption="Périodes d’inscription de la session et temps restant">
          <thead>
            <tr>
              <th scope="col">Examen</th>
              <th scope="col">État</th>
              <th scope="col">Temps restant</th>
              <th scope="col">Dates (heure de Paris)</th>
            </tr>
          </thead>
          <tbody>
            {windows.map((entry) => {
              const badge = BADGES[entry.state];
              return (
                <tr data-examen={entry.window.examCode}>
                  <th scope="row">
                    {examShortName(entry)}
                    <span class="fr-hint-text">{examName(entry)}</span>
                  </th>
                  <td>
                    <p class={`fr-badge fr-badge--${badge.kind}`}>{badge.label}</p>
                  </td>
                  <td>
                    <strong>{timeLeft(entry, now)}</strong>
                  </td>
                  <td>{windowPeriod(entry.window)}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- documents to check

/** The office's list of the registrations with documents to check, for a session and a pôle. */
function toCheckList(sessionCode: string, deskCode: string): string {
  const query = new URLSearchParams({ session: sessionCode, etat: 'a-verifier', pole: deskCode });
  return `/gestion/inscriptions?${query.toString()}`;
}

/** Each pôle's row links to the office's list, filtered on this session and pôle. */
function DocumentsToCheck({
  desks,
  sessionCode,
  now,
}: {
  desks: readonly DeskDocumentsToCheck[];
  sessionCode: string;
  now: Date;
}): VNode {
  return (
    <section class="fr-mb-6w" aria-labelledby="titre-a-verifier">
      <h2 id="titre-a-verifier">Pièces à vérifier par pôle</h2>
      <p>Pièces transmises par les candidats de la session et pas encore vérifiées.</p>
      <Table hiddenCaption caption="Pièces justificatives en attente de vérification, par pôle">
        <thead>
          <tr>
            <th scope="col">Pôle</th>
            <th scope="col">Pièces à vérifier</th>
            <th scope="col">Inscriptions concernées</th>
            <th scope="col">La plus ancienne attend depuis</th>
            <th scope="col">Liste</th>
          </tr>
        </thead>
        <tbody>
          {desks.map((d) => (
            <tr data-pole={d.desk.code}>
              <th scope="row">{d.desk.name}</th>
              <td>{number.format(d.documents)}</td>
              <td>{number.format(d.registrations)}</td>
              <td>
                {d.oldestSince ? (
                  <>
                    {formatFrenchDuration(now.getTime() - d.oldestSince.getTime())}
                    <span class="fr-hint-text">
                      transmise le {formatParisDateTime(d.oldestSince)}
                    </span>
                  </>
                ) : (
                  'Aucune pièce en attente'
                )}
              </td>
              <td>
                {d.documents > 0 && (
                  <a class="fr-link" href={toCheckList(sessionCode, d.desk.code)}>
                    Voir les pièces à vérifier<span class="fr-sr-only"> – {d.desk.name}</span>
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

// ---------------------------------------------------------------- registrations per day

/** What the chart shows, in one sentence, for those who cannot see it. */
export function chartDescription(days: readonly DayCount[]): string {
  const total = days.reduce((n, d) => n + d.registrations, 0);
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return 'Aucune inscription.';
  const busiest = days.reduce((best, d) => (d.registrations > best.registrations ? d : best));
  return (
    `Diagramme en barres : nouvelles inscriptions par jour, heure de Paris, du ${formatDay(first.day)} au ${formatDay(last.day)}. ` +
    `${plural(total, 'inscription', 'inscriptions')} au total` +
    (total > 0
      ? `, au plus ${number.format(busiest.registrations)} le ${formatDay(busiest.day)}.`
      : '.') +
    ' Le détail de chaque jour est dans le tableau « Voir les données ».'
  );
}

function RegistrationsPerDay({
  days,
  sessionName,
}: {
  days: readonly DayCount[];
  sessionName: string;
}): VNode {
  const registrations = days.reduce((n, d) => n + d.registrations, 0);
  return (
    <section class="fr-mb-6w" aria-labelledby="titre-par-jour">
      <h2 id="titre-par-jour">Inscriptions par jour</h2>
      {days.length === 0 ? (
        <p>Les inscriptions de cette session n’ont pas encore commencé.</p>
      ) : (
        <>
          <p>
            {plural(registrations, 'nouvelle inscription', 'nouvelles inscriptions')} du{' '}
            {formatDay(days[0]?.day ?? '')} au {formatDay(days.at(-1)?.day ?? '')} (jours de l’heure
            de Paris).
          </p>
          <BarChart
            id="graphique-inscriptions"
            title={`Nouvelles inscriptions par jour – ${sessionName}`}
            description={chartDescription(days)}
            xAxisTitle="Jour (heure de Paris)"
            yAxisTitle="Nouvelles inscriptions"
            data={days.map((d) => ({
              key: d.day,
              axisLabel: shortDay.format(dateOf(d.day)),
              tooltip: `${formatDay(d.day)} : ${plural(d.registrations, 'inscription', 'inscriptions')}`,
              value: d.registrations,
            }))}
          />
          <details class="fr-mt-2w">
            <summary>Voir les données</summary>
            <Table hiddenCaption caption="Nouvelles inscriptions par jour (heure de Paris)">
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  <th scope="col">Nouvelles inscriptions</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr data-jour={d.day}>
                    <th scope="row">{formatDay(d.day)}</th>
                    <td>{number.format(d.registrations)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td>{number.format(registrations)}</td>
                </tr>
              </tfoot>
            </Table>
          </details>
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- completeness

function CountCells({ counts }: { counts: CompletenessCounts }): VNode {
  const total = counts.registrations;
  return (
    <>
      <td>{number.format(total)}</td>
      <td>{countWithShare(counts.declaredComplete, total)}</td>
      <td>{countWithShare(counts.withDocumentsToCheck, total)}</td>
      <td>{countWithShare(counts.withRefusedDocuments, total)}</td>
      <td>{countWithShare(counts.setAside, total)}</td>
    </>
  );
}

function Completeness({
  exams,
  overall,
}: {
  exams: readonly ExamCompleteness[];
  overall: CompletenessCounts;
}): VNode {
  return (
    <section class="fr-mb-6w" aria-labelledby="titre-completude">
      <h2 id="titre-completude">Complétude des dossiers par examen et spécialité</h2>
      <p>
        Pour chaque spécialité : les inscriptions, dont celles dont le candidat a déclaré « J’ai
        fourni toutes mes pièces », celles qui ont au moins une pièce à vérifier ou une pièce
        refusée, et celles qui ont été écartées. Les pourcentages se rapportent aux inscriptions de
        la ligne.
      </p>
      {exams.length === 0 ? (
        <p>Aucun examen de cette session ne concerne vos pôles.</p>
      ) : (
        <Table hiddenCaption caption="Complétude des dossiers par examen et spécialité">
          <thead>
            <tr>
              <th scope="col">Examen et spécialité</th>
              <th scope="col">Inscriptions</th>
              <th scope="col">Dossiers déclarés complets</th>
              <th scope="col">Avec pièces à vérifier</th>
              <th scope="col">Avec pièces refusées</th>
              <th scope="col">Écartées</th>
            </tr>
          </thead>
          <tbody>
            {exams.map((e) => (
              <>
                <tr data-examen={e.examCode}>
                  <th scope="row">
                    <strong>{e.exam?.shortName ?? e.examCode} – toutes spécialités</strong>
                  </th>
                  <CountCells counts={e.total} />
                </tr>
                {e.specialties.map((s) => (
                  <tr data-examen={e.examCode} data-specialite={s.specialtyCode}>
                    <th scope="row">
                      {e.exam?.shortName ?? e.examCode} {s.specialty?.name ?? s.specialtyCode}
                      <span class="fr-hint-text">Code {s.specialtyCode}</span>
                    </th>
                    <CountCells counts={s.counts} />
                  </tr>
                ))}
              </>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Toutes les inscriptions</th>
              <CountCells counts={overall} />
            </tr>
          </tfoot>
        </Table>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- page

function SessionChoice({ dashboard }: { dashboard: SessionDashboard }): VNode | null {
  if (dashboard.sessions.length < 2) return null;
  return (
    <form method="get" action={DASHBOARD_PATH} class="fr-mb-4w">
      <div class="fr-select-group">
        <label class="fr-label" for="champ-session">
          Session
        </label>
        <select class="fr-select" id="champ-session" name="session">
          {dashboard.sessions.map((s) => (
            <option value={s.code} selected={s.code === dashboard.session.code}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm">
        Afficher cette session
      </button>
    </form>
  );
}

export function DashboardPage({
  ctx,
  staff,
  dashboard,
  windows,
}: {
  ctx: PageContext;
  staff: StaffMember;
  dashboard: SessionDashboard;
  /** The session's windows in view, with their state (the public calendar's reading). */
  windows: readonly CalendarEntry[];
}): VNode {
  const deskNames = ctx.desks.filter((d) => staff.desks.includes(d.code)).map((d) => d.name);
  return (
    <OfficeLayout ctx={ctx} staff={staff} title={`Tableau de bord – ${dashboard.session.name}`}>
      <h1>Tableau de bord – {dashboard.session.name}</h1>
      <p class="fr-text--lead">
        Situation au {formatParisDateTime(dashboard.now)} (heure de Paris),{' '}
        {staff.role === 'admin'
          ? 'pour tous les pôles.'
          : `pour ${deskNames.length > 1 ? 'vos pôles' : 'votre pôle'} : ${deskNames.join(', ')}.`}
      </p>
      <SessionChoice dashboard={dashboard} />
      {dashboard.coversAnything ? (
        <>
          <Closes windows={windows} now={dashboard.now} />
          <DocumentsToCheck
            desks={dashboard.toCheck}
            sessionCode={dashboard.session.code}
            now={dashboard.now}
          />
          <RegistrationsPerDay days={dashboard.days} sessionName={dashboard.session.name} />
          <Completeness exams={dashboard.completeness} overall={dashboard.overall} />
        </>
      ) : (
        <p>Vos pôles ne gèrent encore aucun examen du catalogue : il n’y a rien à afficher.</p>
      )}
    </OfficeLayout>
  );
}
