/**
 * « Tableau de bord » of a session for the office: new registrations per Paris day,
 * completeness of the files by exam and specialty, documents waiting for a check per pôle. An
 * administrator sees every exam; a gestionnaire, those of their pôles (the catalogue decides
 * which). Three grouped queries, whatever the number of registrations.
 */
import {
  type Catalogue,
  type Exam,
  type ExamSession,
  type Specialty,
  findExam,
  findSpecialty,
} from '../catalogue/catalogue.js';
import type { Desk } from '../desks/desk.js';
import { DomainError } from '../errors.js';
import type { StaffMember } from '../staff/ports.js';
import { parisDay } from '../time/paris-time.js';
import type {
  DashboardContext,
  SpecialtyDocuments,
  SpecialtyRegistrations,
} from './dashboard-ports.js';
import {
  type RegistrationScope,
  coversExam,
  dashboardScope,
  desksInView,
} from './dashboard-scope.js';
import { daysFrom, foldIntoParisDays } from './paris-day-counts.js';

export interface DayCount {
  /** A Paris calendar day, "YYYY-MM-DD". */
  day: string;
  registrations: number;
}

/** The files of a set of registrations, counted. */
export interface CompletenessCounts {
  registrations: number;
  /** « J'ai fourni toutes mes pièces » was declared. */
  declaredComplete: number;
  /** At least one required document « transmis », waiting for the pôle to check it. */
  withDocumentsToCheck: number;
  /** At least one required document refused. */
  withRefusedDocuments: number;
  /** Set aside (« écartée ») by the office. */
  setAside: number;
}

export interface SpecialtyLine {
  specialtyCode: string;
  /** Undefined if the catalogue no longer has it (its code stands for its name). */
  specialty: Specialty | undefined;
  counts: CompletenessCounts;
}

export interface ExamCompleteness {
  examCode: string;
  exam: Exam | undefined;
  total: CompletenessCounts;
  /** Catalogue order; only specialties with registrations. */
  specialties: SpecialtyLine[];
}

export interface DeskDocumentsToCheck {
  desk: Desk;
  documents: number;
  registrations: number;
  /** Null when nothing waits. */
  oldestSince: Date | null;
}

export interface SessionDashboard {
  session: ExamSession;
  /** Every session of the catalogue, to switch to another. */
  sessions: ExamSession[];
  now: Date;
  scope: RegistrationScope;
  /** False for a gestionnaire whose pôles handle no exam of the catalogue. */
  coversAnything: boolean;
  /** Consecutive Paris days, from the first opening (or first registration) to today or the last close. */
  days: DayCount[];
  completeness: ExamCompleteness[];
  overall: CompletenessCounts;
  toCheck: DeskDocumentsToCheck[];
}

const NO_COUNTS: CompletenessCounts = {
  registrations: 0,
  declaredComplete: 0,
  withDocumentsToCheck: 0,
  withRefusedDocuments: 0,
  setAside: 0,
};

function add(a: CompletenessCounts, b: CompletenessCounts): CompletenessCounts {
  return {
    registrations: a.registrations + b.registrations,
    declaredComplete: a.declaredComplete + b.declaredComplete,
    withDocumentsToCheck: a.withDocumentsToCheck + b.withDocumentsToCheck,
    withRefusedDocuments: a.withRefusedDocuments + b.withRefusedDocuments,
    setAside: a.setAside + b.setAside,
  };
}

/** The session asked for, or the latest one (the last to sit, by its first exam day). */
function chooseSession(catalogue: Catalogue, code: string | undefined): ExamSession {
  if (code !== undefined) {
    const found = catalogue.sessions.find((s) => s.code === code);
    if (!found) throw new DomainError('not_found', 'Cette session n’existe pas au catalogue.');
    return found;
  }
  const latest = catalogue.sessions.reduce<ExamSession | undefined>(
    (best, s) => (best === undefined || s.firstExamDay >= best.firstExamDay ? s : best),
    undefined,
  );
  if (!latest) throw new DomainError('not_found', 'Aucune session n’est encore au catalogue.');
  return latest;
}

export async function sessionDashboard(
  ctx: DashboardContext,
  input: { staff: StaffMember; sessionCode?: string | undefined },
): Promise<SessionDashboard> {
  const catalogue = ctx.catalogue();
  if (!catalogue)
    throw new DomainError('not_found', 'Le catalogue des examens n’est pas encore importé.');
  const session = chooseSession(catalogue, input.sessionCode);
  const now = ctx.clock.now();
  const scope = dashboardScope(catalogue, input.staff);
  const coversAnything = scope.kind === 'everything' || scope.exams.length > 0;

  const [hourly, registrations, documents] = coversAnything
    ? await Promise.all([
        ctx.reader.registrationsPerHour(session.code, scope),
        ctx.reader.registrationCounts(session.code, scope),
        ctx.reader.documentCounts(session.code, scope),
      ])
    : [[], [], []];

  const byExam = completenessByExam(catalogue, session, scope, registrations, documents);
  return {
    session,
    sessions: catalogue.sessions,
    now,
    scope,
    coversAnything,
    days: dayCounts(catalogue, session, scope, now, foldIntoParisDays(hourly)),
    completeness: byExam,
    overall: byExam.reduce((sum, e) => add(sum, e.total), NO_COUNTS),
    toCheck: documentsToCheckByDesk(
      catalogue,
      input.staff,
      documents.filter((d) => d.state === 'transmis'),
    ),
  };
}

/**
 * Every day from the first opening of the session's windows in view to today (or to the last
 * close, once past), stretched to any day that has figures: days without any show as zero, so
 * the chart's axis is a real calendar.
 */
function dayCounts(
  catalogue: Catalogue,
  session: ExamSession,
  scope: RegistrationScope,
  now: Date,
  registrations: Map<string, number>,
): DayCount[] {
  const windows = catalogue.windows.filter(
    (w) => w.sessionCode === session.code && coversExam(scope, w.examCode),
  );
  const bounds = [...registrations.keys()];
  if (windows.length > 0) {
    const today = parisDay(now);
    const lastClose =
      windows
        .map((w) => parisDay(w.closesAt))
        .sort()
        .at(-1) ?? today;
    bounds.push(...windows.map((w) => parisDay(w.opensAt)));
    const end = today < lastClose ? today : lastClose;
    // Before the first opening there is no calendar to draw yet.
    if (bounds.some((day) => day <= end)) bounds.push(end);
  }
  bounds.sort();
  const [first, last] = [bounds[0], bounds.at(-1)];
  if (first === undefined || last === undefined) return [];
  return daysFrom(first, last).map((day) => ({ day, registrations: registrations.get(day) ?? 0 }));
}

/**
 * One entry per exam the session has a window for (in view) or registrations of, in catalogue
 * order; its specialties with registrations, in catalogue order, unknown codes last.
 */
function completenessByExam(
  catalogue: Catalogue,
  session: ExamSession,
  scope: RegistrationScope,
  rows: readonly SpecialtyRegistrations[],
  documents: readonly SpecialtyDocuments[],
): ExamCompleteness[] {
  /** How many of the specialty's registrations have a required document in `state`. */
  const withDocuments = (row: SpecialtyRegistrations, state: SpecialtyDocuments['state']) =>
    documents.find(
      (d) =>
        d.examCode === row.examCode && d.specialtyCode === row.specialtyCode && d.state === state,
    )?.registrations ?? 0;
  const examRank = (code: string): number => {
    const i = catalogue.exams.findIndex((e) => e.code === code);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const specialtyRank = (examCode: string, code: string): number => {
    const i = catalogue.specialties.findIndex((s) => s.examCode === examCode && s.code === code);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const examCodes = new Set([
    ...catalogue.windows
      .filter((w) => w.sessionCode === session.code && coversExam(scope, w.examCode))
      .map((w) => w.examCode),
    ...rows.map((r) => r.examCode),
  ]);
  return [...examCodes]
    .sort((a, b) => examRank(a) - examRank(b) || a.localeCompare(b))
    .map((examCode) => {
      const specialties = rows
        .filter((r) => r.examCode === examCode)
        .sort(
          (a, b) =>
            specialtyRank(examCode, a.specialtyCode) - specialtyRank(examCode, b.specialtyCode) ||
            a.specialtyCode.localeCompare(b.specialtyCode),
        )
        .map((row) => ({
          specialtyCode: row.specialtyCode,
          specialty: findSpecialty(catalogue, examCode, row.specialtyCode),
          counts: {
            registrations: row.registrations,
            declaredComplete: row.declaredComplete,
            withDocumentsToCheck: withDocuments(row, 'transmis'),
            withRefusedDocuments: withDocuments(row, 'refuse'),
            setAside: row.setAside,
          },
        }));
      return {
        examCode,
        exam: findExam(catalogue, examCode),
        total: specialties.reduce((sum, s) => add(sum, s.counts), NO_COUNTS),
        specialties,
      };
    });
}

/** The pôle of a registration: its specialty's, else its exam's (as `deskFor` decides). */
function deskCodeOf(
  catalogue: Catalogue,
  examCode: string,
  specialtyCode: string,
): string | undefined {
  return (
    findSpecialty(catalogue, examCode, specialtyCode)?.deskCode ??
    findExam(catalogue, examCode)?.deskCode
  );
}

function documentsToCheckByDesk(
  catalogue: Catalogue,
  staff: StaffMember,
  rows: readonly SpecialtyDocuments[],
): DeskDocumentsToCheck[] {
  return desksInView(catalogue, staff).map((desk) => {
    const mine = rows.filter(
      (r) => deskCodeOf(catalogue, r.examCode, r.specialtyCode) === desk.code,
    );
    const oldest = mine.map((r) => r.oldestSince.getTime()).sort((a, b) => a - b)[0];
    return {
      desk,
      documents: mine.reduce((n, r) => n + r.documents, 0),
      // A registration has one specialty: the per-specialty counts never overlap.
      registrations: mine.reduce((n, r) => n + r.registrations, 0),
      oldestSince: oldest === undefined ? null : new Date(oldest),
    };
  });
}
