/**
 * What the document use cases need: the registration's required documents with their state,
 * the uploaded files' records, and the file store where the bytes live.
 */
import type { Readable } from 'node:stream';
import type { Outbox, TransactionRunner } from '../accounts/ports.js';
import type { AuditLog } from '../audit/ports.js';
import type { Catalogue, RegistrationWindow } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { OutgoingMail } from '../mail/outgoing-mail.js';
import type { Registration } from '../registrations/registration.js';
import type { RequiredDocument } from './document-rules.js';

/** attendu, transmis, validé, refusé, non concerné. */
export type DocumentState = 'attendu' | 'transmis' | 'valide' | 'refuse' | 'non_concerne';

export interface DocumentStatus extends RequiredDocument {
  registrationId: string;
  position: number;
  /** False once a new version no longer requires it: it leaves the list, its files stay. */
  required: boolean;
  state: DocumentState;
  refusalReason: string | null;
  /** After a refusal, the candidate may upload again for this document until this instant. */
  reopenedUntil: Date | null;
  /** Set when the office decided « Non concerné » (state `non_concerne`, still required). */
  waiverReason: string | null;
  updatedAt: Date;
}

export interface Upload {
  id: string;
  registrationId: string;
  documentKey: string;
  /** The generated name in the file store; never derived from what the candidate sent. */
  storageKey: string;
  /** The file's name on the candidate's machine, kept as display text only. */
  originalName: string;
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
  createdAt: Date;
}

export interface RequiredDocumentRepository {
  list(registrationId: string): Promise<DocumentStatus[]>;
  /** The documents of several registrations at once (one query, not one per registration). */
  listForRegistrations(registrationIds: readonly string[]): Promise<DocumentStatus[]>;
  /**
   * Makes the stored list match `documents`: new ones awaited, gone ones no longer required.
   * Returns the documents it made asked that have no file (new, or required again), in order.
   */
  sync(
    registrationId: string,
    documents: readonly RequiredDocument[],
    at: Date,
  ): Promise<RequiredDocument[]>;
  setState(registrationId: string, key: string, state: DocumentState, at: Date): Promise<void>;
}

export interface UploadRepository {
  /** The registration's files, oldest first. */
  list(registrationId: string): Promise<Upload[]>;
  find(id: string): Promise<Upload | undefined>;
  insert(upload: Upload): Promise<void>;
  delete(id: string): Promise<boolean>;
}

/** « J'ai fourni toutes mes pièces » on one registration: declared when, or lifted when. */
export interface Completion {
  declaredAt: Date | null;
  /** A new version asked for a document with no file: declare again (lift-declaration.ts). */
  liftedAt: Date | null;
}

export interface DocumentsUnit {
  registrations: {
    findById(id: string): Promise<Registration | undefined>;
    findByNumber(number: string): Promise<Registration | undefined>;
    /**
     * Takes the registration's row for the rest of the transaction (a no-op update, portable:
     * PostgreSQL locks the row, SQLite serialises transactions anyway), so that uploads,
     * removals and « J'ai fourni toutes mes pièces » on one registration happen one at a time.
     */
    lockForChange(id: string): Promise<void>;
    /**
     * Records « J'ai fourni toutes mes pièces » (and forgets a declaration lifted before, see
     * lift-declaration.ts); false when it was already declared.
     */
    declareComplete(id: string, at: Date): Promise<boolean>;
    completeDeclaredAt(id: string): Promise<Date | null>;
    /** When a new version lifted the declaration, until the candidate declares again. */
    declarationLiftedAt(id: string): Promise<Date | null>;
    /** For each registration of the account: its declaration, made or lifted. */
    completionsOfAccount(accountId: string): Promise<Map<string, Completion>>;
  };
  documents: RequiredDocumentRepository;
  uploads: UploadRepository;
  outbox: Outbox;
  /** Every change to the files is logged in the transaction that makes it. */
  audit: AuditLog;
  findWindow(sessionCode: string, examCode: string): Promise<RegistrationWindow | undefined>;
}

/** Where uploaded bytes live: a folder by default; an S3-compatible store can implement it. */
export interface FileStore {
  /**
   * Streams `source` to a new object under a generated key, counting and hashing as it goes,
   * and stops with `FileTooLarge` past `maxBytes` (nothing is left behind).
   */
  write(source: Readable, maxBytes: number): Promise<{ key: string; size: number; sha256: string }>;
  read(key: string): Promise<Readable>;
  /** The first `length` bytes, to decide the type from the content. */
  head(key: string, length: number): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
  }
}

/**
 * Whether a stored PDF opens: fine, protected by a password (encrypted), damaged, or carrying
 * active content (JavaScript, a launch action, attached files, an XFA form).
 */
export type PdfVerdict = 'ok' | 'encrypted' | 'broken' | 'active-content';

export interface PdfInspector {
  /** Reads a whole PDF (at most the upload limit) and says whether the office could open it. */
  inspect(source: Readable): Promise<PdfVerdict>;
}

export interface DocumentMails {
  fileComplete(
    to: string,
    registration: Registration,
    documents: readonly DocumentStatus[],
    catalogue: Catalogue,
    declaredAt: Date,
  ): OutgoingMail;
}

export interface DocumentsContext {
  store: TransactionRunner<DocumentsUnit>;
  files: FileStore;
  catalogue(): Catalogue | undefined;
  mails: DocumentMails;
  clock: Clock;
  /** Largest upload accepted, in bytes (10 MB by default). */
  maxUploadBytes: number;
  pdf: PdfInspector;
}
