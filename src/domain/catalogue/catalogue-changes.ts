/**
 * What an edit changes in the catalogue, worked out from the catalogue before and after (pure):
 * the entries changed, added or removed with their values on both sides (the audit log keeps
 * them), the codes that disappear (registrations may still use them), and the registration
 * windows whose change the administrator must confirm because candidates feel it at once.
 */
import { formatParisDateTime } from '../time/paris-time.js';
import type { Catalogue, RegistrationWindow } from './catalogue.js';
import { type WindowState, windowState } from './registration-window.js';

type Kind =
  'academy' | 'desks' | 'exams' | 'specialties' | 'sessions' | 'windows' | 'documentRules';

/** Each kind's entries by key, as the audit log shows them (instants as ISO text). */
function entriesOf(catalogue: Catalogue): Record<Kind, Map<string, unknown>> {
  return {
    academy: new Map([[catalogue.academy.code, catalogue.academy]]),
    desks: new Map(catalogue.desks.map((d) => [d.code, d])),
    exams: new Map(catalogue.exams.map((e) => [e.code, e])),
    specialties: new Map(catalogue.specialties.map((s) => [`${s.examCode}/${s.code}`, s])),
    sessions: new Map(catalogue.sessions.map((s) => [s.code, s])),
    windows: new Map(
      catalogue.windows.map((w) => [
        windowKey(w),
        { opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() },
      ]),
    ),
    documentRules: new Map(catalogue.documentRules.map((r) => [r.code, r])),
  };
}

/** "2025/BCP": a window's key, in the audit log and in the pages' addresses. */
export function windowKey(w: Pick<RegistrationWindow, 'sessionCode' | 'examCode'>): string {
  return `${w.sessionCode}/${w.examCode}`;
}

/** The orders the catalogue keeps (positions): moving an entry is a change too. */
function ordersOf(catalogue: Catalogue): Map<string, string[]> {
  const orders = new Map<string, string[]>([
    ['desks', catalogue.desks.map((d) => d.code)],
    ['exams', catalogue.exams.map((e) => e.code)],
    ['sessions', catalogue.sessions.map((s) => s.code)],
    ['documentRules', catalogue.documentRules.map((r) => r.code)],
  ]);
  for (const exam of catalogue.exams)
    orders.set(
      `specialties/${exam.code}`,
      catalogue.specialties.filter((s) => s.examCode === exam.code).map((s) => s.code),
    );
  return orders;
}

/** JSON with keys sorted: two values are the same whatever order their keys were built in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export interface CatalogueDiff {
  /** By kind, then key: the value before (null: added), for what changed only. */
  before: Record<string, Record<string, unknown>>;
  /** By kind, then key: the value after (null: removed). */
  after: Record<string, Record<string, unknown>>;
}

/** What changed from `before` to `after`; undefined when nothing did. */
export function catalogueDiff(before: Catalogue, after: Catalogue): CatalogueDiff | undefined {
  const diff: CatalogueDiff = { before: {}, after: {} };
  const set = (side: 'before' | 'after', kind: string, key: string, value: unknown): void => {
    (diff[side][kind] ??= {})[key] = value;
  };
  const old = entriesOf(before);
  const now = entriesOf(after);
  for (const kind of Object.keys(old) as Kind[]) {
    for (const key of new Set([...old[kind].keys(), ...now[kind].keys()])) {
      const a = old[kind].get(key);
      const b = now[kind].get(key);
      if (canonical(a) === canonical(b)) continue;
      set('before', kind, key, a ?? null);
      set('after', kind, key, b ?? null);
    }
  }
  const oldOrders = ordersOf(before);
  for (const [list, keys] of ordersOf(after)) {
    const previous = oldOrders.get(list) ?? [];
    const kept = previous.filter((k) => keys.includes(k));
    // Only a move counts here: additions and removals are already listed above.
    if (canonical(kept) !== canonical(keys.filter((k) => previous.includes(k)))) {
      set('before', 'order', list, previous);
      set('after', 'order', list, keys);
    }
  }
  return Object.keys(diff.before).length === 0 ? undefined : diff;
}

/** An entry registrations, staff or requests may refer to, gone from the edited catalogue. */
export type RemovedEntry =
  | { kind: 'window'; sessionCode: string; examCode: string }
  | { kind: 'specialty'; examCode: string; code: string }
  | { kind: 'exam'; code: string }
  | { kind: 'session'; code: string }
  | { kind: 'desk'; code: string };

/** In the order they can be deleted: what refers to an entry goes before it. */
export function removedEntries(before: Catalogue, after: Catalogue): RemovedEntry[] {
  const gone = <T>(list: readonly T[], key: (t: T) => string, kept: readonly T[]): T[] => {
    const keys = new Set(kept.map(key));
    return list.filter((t) => !keys.has(key(t)));
  };
  return [
    ...gone(before.windows, windowKey, after.windows).map((w): RemovedEntry => ({
      kind: 'window',
      sessionCode: w.sessionCode,
      examCode: w.examCode,
    })),
    ...gone(before.specialties, (s) => `${s.examCode}/${s.code}`, after.specialties).map(
      (s): RemovedEntry => ({ kind: 'specialty', examCode: s.examCode, code: s.code }),
    ),
    ...gone(before.exams, (e) => e.code, after.exams).map((e): RemovedEntry => ({
      kind: 'exam',
      code: e.code,
    })),
    ...gone(before.sessions, (s) => s.code, after.sessions).map((s): RemovedEntry => ({
      kind: 'session',
      code: s.code,
    })),
    ...gone(before.desks, (d) => d.code, after.desks).map((d): RemovedEntry => ({
      kind: 'desk',
      code: d.code,
    })),
  ];
}

/** Who still refers to a removed entry. */
export interface EntryUsage {
  registrations: number;
  /** Gestionnaires working the pôle (pôles only). */
  staff: number;
  /** Candidates' requests addressed to the pôle (pôles only). */
  requests: number;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n > 1 ? many : one}`;

/** Why `entry` cannot go, in French; undefined when nothing refers to it. */
export function removalRefusal(
  entry: RemovedEntry,
  usage: EntryUsage,
  before: Catalogue,
): string | undefined {
  const users = [
    usage.registrations > 0 &&
      `${plural(usage.registrations, 'inscription y fait', 'inscriptions y font')} référence`,
    usage.staff > 0 &&
      `${plural(usage.staff, 'membre du personnel y est rattaché', 'membres du personnel y sont rattachés')}`,
    usage.requests > 0 &&
      `${plural(usage.requests, 'demande de candidat lui est adressée', 'demandes de candidats lui sont adressées')}`,
  ].filter((u): u is string => typeof u === 'string');
  if (users.length === 0) return undefined;
  const exam = (code: string): string =>
    before.exams.find((e) => e.code === code)?.shortName ?? code;
  const because = users.join(', ');
  switch (entry.kind) {
    case 'window':
      return `La fenêtre ${exam(entry.examCode)} de la session « ${entry.sessionCode} » ne peut pas être retirée : ${because}.`;
    case 'specialty':
      return `La spécialité « ${entry.code} » (${exam(entry.examCode)}) ne peut être ni retirée ni renommée : ${because}.`;
    case 'exam':
      return `L’examen « ${entry.code} » ne peut être ni retiré ni renommé : ${because}.`;
    case 'session':
      return `La session « ${entry.code} » ne peut être ni retirée ni renommée : ${because}.`;
    case 'desk':
      return `Le pôle « ${entry.code} » ne peut être ni retiré ni renommé : ${because}.`;
  }
}

/** A registration window the edit changes, adds or removes, with its state at `now` on each side. */
export interface WindowChange {
  sessionCode: string;
  examCode: string;
  /** The exam's short name (« BAC PRO ») and the session's name, for the sentences. */
  examName: string;
  sessionName: string;
  before: { opensAt: Date; closesAt: Date; state: WindowState } | undefined;
  after: { opensAt: Date; closesAt: Date; state: WindowState } | undefined;
  /**
   * True when candidates feel the change at once: the window is open, or will be, or its
   * state changes (it closes now, or reopens). Such a change is saved only once confirmed.
   */
  needsConfirmation: boolean;
}

export function windowChanges(before: Catalogue, after: Catalogue, now: Date): WindowChange[] {
  const side = (w: RegistrationWindow | undefined): WindowChange['before'] =>
    w && { opensAt: w.opensAt, closesAt: w.closesAt, state: windowState(w, now) };
  const keys = new Set([...before.windows, ...after.windows].map(windowKey));
  const changes: WindowChange[] = [];
  for (const key of keys) {
    const a = before.windows.find((w) => windowKey(w) === key);
    const b = after.windows.find((w) => windowKey(w) === key);
    const same =
      a &&
      b &&
      a.opensAt.getTime() === b.opensAt.getTime() &&
      a.closesAt.getTime() === b.closesAt.getTime();
    const w = b ?? a;
    if (same || !w) continue;
    const old = side(a);
    const neu = side(b);
    changes.push({
      sessionCode: w.sessionCode,
      examCode: w.examCode,
      examName:
        (
          after.exams.find((e) => e.code === w.examCode) ??
          before.exams.find((e) => e.code === w.examCode)
        )?.shortName ?? w.examCode,
      sessionName:
        (
          after.sessions.find((s) => s.code === w.sessionCode) ??
          before.sessions.find((s) => s.code === w.sessionCode)
        )?.name ?? w.sessionCode,
      before: old,
      after: neu,
      needsConfirmation:
        old?.state === 'open' ||
        neu?.state === 'open' ||
        (old !== undefined && neu !== undefined && old.state !== neu.state),
    });
  }
  return changes;
}

const STATE_NOW: Record<WindowState, string> = {
  open: 'est ouverte',
  upcoming: 'n’est pas encore ouverte',
  closed: 'est close',
};

/**
 * The change in one French sentence, for the confirmation page: « La fenêtre BAC PRO est
 * ouverte : la clôture passera du 13 novembre 2024 à 19 h 00 au 12 novembre 2024 à 19 h 00 ;
 * les inscriptions seront closes dès l’enregistrement. » `withSession` names the session, for
 * a catalogue that has several.
 */
export function describeWindowChange(change: WindowChange, withSession: boolean): string {
  const name = `${change.examName}${withSession ? ` (${change.sessionName})` : ''}`;
  const { before, after } = change;
  if (!before && after)
    return `Une fenêtre ${name} sera créée, du ${formatParisDateTime(after.opensAt)} au ${formatParisDateTime(after.closesAt)}${after.state === 'open' ? ' : les inscriptions seront ouvertes dès l’enregistrement' : ''}.`;
  if (before && !after)
    return `La fenêtre ${name} ${STATE_NOW[before.state]} : elle sera supprimée${before.state === 'open' ? ' et les inscriptions fermées dès l’enregistrement' : ''}.`;
  if (!before || !after) return '';
  const parts: string[] = [];
  const moved = (label: string, from: Date, to: Date): void => {
    if (from.getTime() !== to.getTime())
      parts.push(`${label} passera du ${formatParisDateTime(from)} au ${formatParisDateTime(to)}`);
  };
  moved('l’ouverture', before.opensAt, after.opensAt);
  moved('la clôture', before.closesAt, after.closesAt);
  const consequence =
    before.state === after.state
      ? ''
      : {
          open: ' ; les inscriptions seront ouvertes dès l’enregistrement',
          closed: ' ; les inscriptions seront closes dès l’enregistrement',
          upcoming: ` ; les inscriptions seront fermées jusqu’au ${formatParisDateTime(after.opensAt)}`,
        }[after.state];
  return `La fenêtre ${name} ${STATE_NOW[before.state]} : ${parts.join(' et ')}${consequence}.`;
}
