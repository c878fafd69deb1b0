/**
 * « Calendrier des inscriptions »: for each session, each exam's window and its state at the
 * server's clock, with the time left before the close while it is open.
 */
import type { VNode } from 'preact';
import type { WindowState } from '../../../domain/catalogue/registration-window.js';
import { formatFrenchDuration } from '../../../domain/time/french-duration.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import {
  type CalendarEntry,
  type SessionCalendar,
  examName,
  examShortName,
  windowPeriod,
} from './registration-calendar.js';

export const CALENDAR_TITLE = 'Calendrier des inscriptions';

/** The badge says the state in words: its colour and icon only repeat them. */
const BADGES: Record<WindowState, { kind: 'success' | 'info' | 'error'; label: string }> = {
  open: { kind: 'success', label: 'Ouvertes' },
  upcoming: { kind: 'info', label: 'À venir' },
  closed: { kind: 'error', label: 'Closes' },
};

function WindowDates({ entry, now }: { entry: CalendarEntry; now: Date }): VNode {
  const { window, state } = entry;
  if (state === 'open') {
    return (
      <>
        <p class="fr-mb-1w">Inscriptions ouvertes {windowPeriod(window)}</p>
        <p class="fr-mb-1w">
          <strong>
            Clôture dans {formatFrenchDuration(window.closesAt.getTime() - now.getTime())}
          </strong>
        </p>
        <a class="fr-btn fr-btn--sm" href="/inscription/nouvelle">
          M’inscrire<span class="fr-sr-only"> – {examShortName(entry)}</span>
        </a>
      </>
    );
  }
  if (state === 'upcoming') {
    return (
      <p class="fr-mb-0">
        Inscriptions à partir du {formatParisDateTime(window.opensAt)}, jusqu’au{' '}
        {formatParisDateTime(window.closesAt)}
      </p>
    );
  }
  return (
    <p class="fr-mb-0">Inscriptions closes depuis le {formatParisDateTime(window.closesAt)}</p>
  );
}

function SessionTable({ calendar, now }: { calendar: SessionCalendar; now: Date }): VNode {
  const { session, entries } = calendar;
  return (
    <section
      class="fr-mb-6w"
      id={`session-${session.code}`}
      aria-labelledby={`titre-${session.code}`}
    >
      <h2 id={`titre-${session.code}`}>{session.name}</h2>
      <div class="fr-table fr-table--multiline fr-table--no-caption">
        <div class="fr-table__wrapper">
          <div class="fr-table__container">
            <div class="fr-table__content">
              <table>
                <caption>Dates d’inscription – {session.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Examen</th>
                    <th scope="col">État</th>
                    <th scope="col">Dates (heure de Paris)</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => {
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
                          <WindowDates entry={entry} now={now} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}

export interface CalendarPageProps {
  ctx: PageContext;
  calendars: SessionCalendar[];
  now: Date;
}

export function CalendarPage({ ctx, calendars, now }: CalendarPageProps): VNode {
  const anyOpen = calendars.some((c) => c.entries.some((e) => e.state === 'open'));
  return (
    <Layout ctx={ctx} title={CALENDAR_TITLE}>
      <h1>{CALENDAR_TITLE}</h1>
      <p class="fr-text--lead">
        Les inscriptions se font uniquement par internet, pendant les dates ci-dessous (heure de
        Paris). Aucune inscription n’est reçue après la clôture.
      </p>
      <div class="fr-callout fr-mb-4w">
        <p class="fr-callout__text">
          Inscrivez-vous rapidement, sans attendre les derniers jours avant la date de clôture :
          vous éviterez ainsi les risques d’encombrement.
        </p>
      </div>
      {calendars.length === 0 ? (
        <p>Le calendrier des inscriptions n’est pas encore publié.</p>
      ) : (
        <>
          <p class="fr-text--sm">Situation au {formatParisDateTime(now)} (heure de Paris).</p>
          {calendars.map((calendar) => (
            <SessionTable calendar={calendar} now={now} />
          ))}
          <p>
            <a class="fr-link fr-link--download" download href="/calendrier.ics">
              Ajouter ces dates à mon agenda
              <span class="fr-link__detail">Fichier iCalendar (ICS)</span>
            </a>
          </p>
          {anyOpen && !ctx.accountEmail && (
            <p>
              Pour vous inscrire, <a href="/compte/creer">créez votre compte</a> ou{' '}
              <a href="/connexion">connectez-vous</a> si vous en avez déjà un.
            </p>
          )}
        </>
      )}
      <p>
        Une question sur votre inscription ? <a href="/poles">Contactez le pôle</a> qui gère votre
        examen.
      </p>
    </Layout>
  );
}
