/**
 * A candidate's personal data as a whole: what the portal holds about one account (for the
 * candidate's own download, « Mes données personnelles »), and the deletion of the accounts
 * whose retention time has passed (the office's « Conservation des données » and the command
 * line). The bytes of files live in the documents' FileStore; the rows, in one repository
 * that sees every table touching a candidate.
 */
import type { Readable } from 'node:stream';
import type { RateLimiter, TransactionRunner } from '../accounts/ports.js';
import type { AuditLog } from '../audit/ports.js';
import type { Clock } from '../clock.js';
import type { FileStore } from '../documents/ports.js';
import type { ReceiptsContext } from '../receipts/ports.js';

/** A stored file (an upload or a published document) as the export lists it. */
export interface StoredFileFacts {
  id: string;
  storageKey: string;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/**
 * Everything held about one account, read in one transaction. Secrets (password hash, hashes
 * of links and sessions) and staff members' ids are not part of it.
 */
export interface CandidateRecord {
  account: { id: string; email: string; createdAt: Date; activatedAt: Date | null };
  /** The identity locked by the first registration. */
  identity: { lockedAt: Date; identity: unknown } | null;
  drafts: {
    sessionCode: string;
    examCode: string;
    specialtyCode: string;
    conditionsAccepted: boolean;
    identity: unknown;
    candidature: unknown;
    updatedAt: Date;
  }[];
  registrations: {
    id: string;
    number: string;
    sessionCode: string;
    examCode: string;
    specialtyCode: string;
    version: number;
    createdAt: Date;
    savedAt: Date;
    completeDeclaredAt: Date | null;
    setAsideAt: Date | null;
    setAsideReason: string | null;
    versions: { version: number; savedAt: Date; specialtyCode: string; data: unknown }[];
    documents: {
      key: string;
      label: string;
      reason: string;
      required: boolean;
      state: string;
      refusalReason: string | null;
      reopenedUntil: Date | null;
      /** « Non concerné » decided by the office: its reason, as the candidate reads it. */
      waiverReason: string | null;
      updatedAt: Date;
      reviewedAt: Date | null;
    }[];
    uploads: (StoredFileFacts & { documentKey: string; createdAt: Date })[];
    published: (StoredFileFacts & { title: string; publishedAt: Date; seenAt: Date | null })[];
    requests: {
      id: string;
      kind: string;
      message: string;
      payload: unknown;
      state: string;
      createdAt: Date;
      appliedAt: Date | null;
      closedAt: Date | null;
      answers: { answer: string; answeredAt: Date }[];
    }[];
  }[];
  /** Mails written to the outbox for this account (subject and dates, not the bodies). */
  mails: { subject: string; createdAt: Date; sentAt: Date | null }[];
  /** Audit entries whose actor is the candidate or whose subject is theirs. */
  journal: {
    at: Date;
    action: string;
    actorKind: string;
    subject: { type: string; id: string } | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }[];
}

/** One candidate whose data is past retention, as the office's list shows them. */
export interface ExpiredCandidate {
  accountId: string;
  email: string;
  createdAt: Date;
  registrations: number;
  /** First exam day (YYYY-MM-DD) of the latest session they registered for; null if none. */
  lastExamDay: string | null;
}

/** What was deleted with one account (counts only: the audit log keeps no personal values). */
export interface DeletedCounts {
  registrations: number;
  versions: number;
  uploads: number;
  publishedDocuments: number;
  requests: number;
  drafts: number;
  sessions: number;
  mails: number;
}

/**
 * Which accounts are past retention: created on or before `cutoffDay`, and whose every
 * registration and draft belongs to a session whose first exam day is on or before it.
 */
export interface RetentionCutoff {
  /** YYYY-MM-DD (Paris): sessions whose first exam day is on or before it are past retention. */
  cutoffDay: string;
  /** The first instant after that day, Paris time: accounts and drafts must be older. */
  before: Date;
}

export interface PersonalDataRepository {
  /** Everything about the account; undefined when it does not exist. */
  collect(accountId: string): Promise<CandidateRecord | undefined>;
  countExpired(cutoff: RetentionCutoff): Promise<number>;
  /** Oldest accounts first. */
  listExpired(cutoff: RetentionCutoff, offset: number, limit: number): Promise<ExpiredCandidate[]>;
  /**
   * Deletes the account and everything hanging from it, if it is still past retention (it is
   * checked again inside the transaction); returns the counts and the keys of its files.
   */
  deleteCandidate(
    accountId: string,
    cutoff: RetentionCutoff,
  ): Promise<{ counts: DeletedCounts; storageKeys: string[] } | undefined>;
  /** Files whose rows are deleted: kept in this queue until their bytes are gone too. */
  queueFileDeletions(storageKeys: readonly string[], at: Date): Promise<void>;
  queuedFileDeletions(limit: number): Promise<string[]>;
  forgetFileDeletion(storageKey: string): Promise<void>;
}

export interface PersonalDataUnit {
  data: PersonalDataRepository;
  audit: AuditLog;
}

/** One file of the candidate's archive; `open` gives its bytes when the archive reaches it. */
export interface ArchiveEntry {
  /** The path inside the archive, `/`-separated, never absolute, never `..`. */
  path: string;
  mtime: Date;
  /** Whether compressing is worth it (JSON and text; not PDF or images, compressed already). */
  compress: boolean;
  content: Buffer | { size: number; open(): Promise<Readable> };
}

export interface PersonalDataContext {
  store: TransactionRunner<PersonalDataUnit>;
  files: FileStore;
  /** For the récapitulatifs and lists of documents, drawn as « Mes documents » draws them. */
  receipts: ReceiptsContext;
  clock: Clock;
  /** Counts the candidate's downloads (the database's counters, shared by every node). */
  limiter: RateLimiter;
  /** RETENTION_MONTHS. */
  retentionMonths: number;
}
