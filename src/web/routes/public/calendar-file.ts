/**
 * /calendrier.ics: the registration windows as an iCalendar file a candidate adds to the
 * calendar of a phone or a mailbox.
 *
 * Each window gives two instant events, « Ouverture des inscriptions » at the opening and
 * « Clôture des inscriptions » at the close, rather than one event spanning the window. A
 * five-week event is drawn by calendar applications as a bar over every day of the month, with
 * its start time only; on the last day the close hour, the one instant a candidate must not
 * miss, is hidden inside the event's details, and a reminder attached to it fires at the
 * opening. Two instants put the opening and the close in the day view at their hour, under
 * their own title, and the close carries a reminder a week before (the notice's advice: do
 * not wait for the last days). Their UIDs stay one per window and instant:
 * `<session>-<exam>-ouverture@<host>` and `<session>-<exam>-cloture@<host>`, so importing the
 * file again updates the events instead of duplicating them.
 */
import type { Catalogue, ExamSession } from '../../../domain/catalogue/catalogue.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { type IcsEvent, serializeIcs } from './ics.js';
import {
  type CalendarEntry,
  examName,
  examShortName,
  registrationCalendar,
  windowPeriod,
} from './registration-calendar.js';

const REMINDER_DAYS = 7;
const DAY_MS = 86_400_000;

export interface CalendarFileOptions {
  /** PUBLIC_URL: its host names the UIDs, and the events link to its /calendrier page. */
  publicUrl: URL;
  /** The server's clock: DTSTAMP. */
  now: Date;
  serviceName: string;
}

function windowEvents(
  session: ExamSession,
  entry: CalendarEntry,
  host: string,
  pageUrl: string,
): IcsEvent[] {
  const { window } = entry;
  const short = examShortName(entry);
  const about =
    `${examName(entry)} (${short}), ${session.name} : inscriptions ${windowPeriod(window)}, ` +
    'heure de Paris.';
  const how =
    'Les inscriptions se font uniquement par internet. Aucune inscription n’est reçue après ' +
    'la clôture : inscrivez-vous sans attendre les derniers jours.';
  const uid = (instant: string): string => `${session.code}-${window.examCode}-${instant}@${host}`;
  const remindAt = window.closesAt.getTime() - REMINDER_DAYS * DAY_MS;
  return [
    {
      uid: uid('ouverture'),
      start: window.opensAt,
      summary: `Ouverture des inscriptions ${short} – ${session.name}`,
      description: `${about}\n${how}\n${pageUrl}`,
      url: pageUrl,
      transparent: true,
    },
    {
      uid: uid('cloture'),
      start: window.closesAt,
      summary: `Clôture des inscriptions ${short} – ${session.name}`,
      description: `${about}\n${how}\n${pageUrl}`,
      url: pageUrl,
      transparent: true,
      ...(remindAt > window.opensAt.getTime()
        ? {
            alarm: {
              trigger: `-P${REMINDER_DAYS}D`,
              description:
                `Clôture des inscriptions ${short} dans ${REMINDER_DAYS} jours, le ` +
                `${formatParisDateTime(window.closesAt)} (heure de Paris).`,
            },
          }
        : {}),
    },
  ];
}

/** The file's text, or undefined when the catalogue has no window to show. */
export function calendarFile(
  catalogue: Catalogue,
  { publicUrl, now, serviceName }: CalendarFileOptions,
): string | undefined {
  const sessions = registrationCalendar(catalogue, now);
  if (sessions.length === 0) return undefined;
  const pageUrl = new URL('/calendrier', publicUrl).href;
  const events = sessions.flatMap(({ session, entries }) =>
    entries.flatMap((entry) => windowEvents(session, entry, publicUrl.hostname, pageUrl)),
  );
  return serializeIcs({
    prodId: '-//candidat//Calendrier des inscriptions//FR',
    name: `${serviceName} – ${catalogue.academy.name}`,
    stamp: now,
    events,
  });
}

/** "inscriptions-poitiers.ics": a file name safe in any header and on any file system. */
export function calendarFileName(catalogue: Catalogue): string {
  const code = catalogue.academy.code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `inscriptions-${code || 'examens'}.ics`;
}
