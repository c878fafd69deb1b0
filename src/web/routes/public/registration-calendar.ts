/**
 * The registration calendar read from the in-memory catalogue: for each session, its windows in
 * the catalogue's exam order, each with its state at `now`. The page /calendrier and the file
 * /calendrier.ics both start here, so they always say the same thing.
 */
import type {
  Catalogue,
  Exam,
  ExamSession,
  RegistrationWindow,
} from '../../../domain/catalogue/catalogue.js';
import { type WindowState, windowState } from '../../../domain/catalogue/registration-window.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';

export interface CalendarEntry {
  window: RegistrationWindow;
  /** The exam; undefined only if the catalogue lost it (then its code stands for its names). */
  exam: Exam | undefined;
  state: WindowState;
}

export interface SessionCalendar {
  session: ExamSession;
  entries: CalendarEntry[];
}

/** The sessions that have windows, in catalogue order, their windows in exam order. */
export function registrationCalendar(catalogue: Catalogue, now: Date): SessionCalendar[] {
  const examRank = new Map(catalogue.exams.map((e, i) => [e.code, i]));
  const rank = (w: RegistrationWindow): number =>
    examRank.get(w.examCode) ?? Number.MAX_SAFE_INTEGER;
  return catalogue.sessions
    .map((session) => ({
      session,
      entries: catalogue.windows
        .filter((w) => w.sessionCode === session.code)
        .sort((a, b) => rank(a) - rank(b) || a.opensAt.getTime() - b.opensAt.getTime())
        .map((window) => ({
          window,
          exam: catalogue.exams.find((e) => e.code === window.examCode),
          state: windowState(window, now),
        })),
    }))
    .filter((s) => s.entries.length > 0);
}

export function examShortName(entry: CalendarEntry): string {
  return entry.exam?.shortName ?? entry.window.examCode;
}

export function examName(entry: CalendarEntry): string {
  return entry.exam?.name ?? entry.window.examCode;
}

/** « du 10 octobre 2024 à 10 h 00 au 13 novembre 2024 à 19 h 00 » (Paris time). */
export function windowPeriod(window: Pick<RegistrationWindow, 'opensAt' | 'closesAt'>): string {
  return `du ${formatParisDateTime(window.opensAt)} au ${formatParisDateTime(window.closesAt)}`;
}
