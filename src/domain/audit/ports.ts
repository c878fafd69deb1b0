/**
 * The audit log: who changed what, when, with the state before and after where it applies.
 * It is append-only from the application: the port offers `record` and nothing else, and the
 * table refuses UPDATE and DELETE (a trigger, see the migration). Entries carry ids, never
 * names, emails or addresses in clear: the client's address is kept only as a keyed hash.
 */

export type AuditActorKind = 'staff' | 'candidate' | 'system';

export interface AuditActor {
  kind: AuditActorKind;
  /** The staff member's or the candidate's id; null for the system (the command line, a task). */
  id: string | null;
}

/** What a change is about, e.g. `{ type: 'staff', id: '…' }`. */
export interface AuditSubject {
  type: string;
  id: string;
}

export interface AuditEntry {
  at: Date;
  actor: AuditActor;
  /** A stable code, `domain.verb`, e.g. `staff.created` (labels in French live in the pages). */
  action: string;
  subject: AuditSubject | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** The client's address as the request came; the log keeps only its keyed hash. */
  clientAddress?: string | undefined;
}

/**
 * Written inside the transaction of the change it describes: the entry exists exactly when
 * the change is committed. There is deliberately no way to change or remove an entry.
 */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** An entry as the journal reads it back. */
export interface RecordedAuditEntry {
  id: string;
  at: Date;
  actor: AuditActor;
  action: string;
  subject: AuditSubject | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Keyed hash of the client's address (first 16 hex digits), or null. */
  clientHash: string | null;
}

/** Reading side, for the administrators' journal page and the history of one subject. */
export interface AuditJournal {
  /** Newest first; `total` counts every entry. */
  latest(offset: number, limit: number): Promise<{ entries: RecordedAuditEntry[]; total: number }>;
  /** Every entry about one subject (e.g. `registration`, its id), newest first. */
  forSubject(type: string, id: string): Promise<RecordedAuditEntry[]>;
}
