/**
 * What the office's review of supporting documents needs, and what the candidate sees of it:
 * each document's state with who reviewed it, the files, the documents the office publishes to
 * a candidate (« Mes documents »), and the pending actions shown on « Mes inscriptions ». The
 * audit log and the outbox are part of the unit: an acceptance, a refusal or a publication is
 * committed with its entry and its mail, or not at all.
 */
import type { Outbox, TransactionRunner } from '../../accounts/ports.js';
import type { AuditLog } from '../../audit/ports.js';
import type { Catalogue } from '../../catalogue/catalogue.js';
import type { Clock } from '../../clock.js';
import type { OutgoingMail } from '../../mail/outgoing-mail.js';
import type { RequestKind } from '../../registrations/ports.js';
import type { Registration } from '../../registrations/registration.js';
import type { FileChecking } from '../checked-file.js';
import type { DocumentState, DocumentStatus, DocumentsUnit, Upload } from '../ports.js';

/** A required document as the office reviews it: its state and its last review. */
export interface ReviewedDocument extends DocumentStatus {
  reviewedAt: Date | null;
  /** The staff member who last accepted or refused it, and their name. */
  reviewedBy: string | null;
  reviewerName: string | null;
}

/**
 * The outcome of a review, written on the document's row: a decision (validé, refusé, non
 * concerné), or, when a waiver is cancelled, the state the document's files give it.
 */
export interface Review {
  state: DocumentState;
  /**
   * The office's words on the reopening, shown to the candidate: a refusal's reason and text,
   * or the message of « Réclamer la pièce » (null when it gave none); null otherwise.
   */
  refusalReason: string | null;
  /** Until when the candidate may upload again; null unless refused or claimed. */
  reopenedUntil: Date | null;
  /** « Non concerné »: the office's reason, shown to the candidate; null otherwise. */
  waiverReason: string | null;
  at: Date;
  by: string;
}

export interface DocumentReviewRepository {
  /** The registration's documents still required, in the order of the rules. */
  list(registrationId: string): Promise<ReviewedDocument[]>;
  record(registrationId: string, key: string, review: Review): Promise<void>;
}

/** A document the office put in a candidate's « Mes documents » (always a PDF). */
export interface PublishedDocument {
  id: string;
  registrationId: string;
  title: string;
  storageKey: string;
  /** The name of the file the office sent; the candidate downloads it under `title`. */
  originalName: string;
  mediaType: 'application/pdf';
  size: number;
  sha256: string;
  publishedAt: Date;
  publishedBy: string;
  /** When the candidate first opened it; null while it is a pending action. */
  seenAt: Date | null;
}

export interface PublishedDocumentRepository {
  insert(document: PublishedDocument): Promise<void>;
  find(id: string): Promise<PublishedDocument | undefined>;
  /** The registration's documents, newest first. */
  list(registrationId: string): Promise<PublishedDocument[]>;
  /** Records the first opening; a later one changes nothing. */
  markSeen(id: string, at: Date): Promise<void>;
}

/**
 * A document the office reopened and waits for, on « Mes inscriptions »: refused (a new file
 * expected), or claimed without a file (« Réclamer la pièce », still `attendu`).
 */
export interface RefusedDocumentAction {
  registrationId: string;
  state: 'refuse' | 'attendu';
  label: string;
  /** The refusal's reason, or the claim's message. */
  refusalReason: string | null;
  reopenedUntil: Date | null;
}

/** A published document the candidate has not opened yet. */
export interface UnseenDocumentAction {
  registrationId: string;
  id: string;
  title: string;
  publishedAt: Date;
}

/** The office's answer to one of the candidate's requests. */
export interface AnswerAction {
  registrationId: string;
  kind: RequestKind;
  createdAt: Date;
  answer: string;
  answeredAt: Date | null;
}

/** Each query covers every registration of the account: three queries whatever their number. */
export interface PendingActionsRepository {
  refusedDocuments(accountId: string): Promise<RefusedDocumentAction[]>;
  unseenDocuments(accountId: string): Promise<UnseenDocumentAction[]>;
  /** Answered requests still open, or closed at `closedSince` or later. */
  answers(accountId: string, closedSince: Date): Promise<AnswerAction[]>;
}

export interface ReviewUnit {
  registrations: Pick<
    DocumentsUnit['registrations'],
    'findById' | 'findByNumber' | 'lockForChange'
  >;
  /** The address the candidate's mails go to. */
  accountEmail(accountId: string): Promise<string | undefined>;
  documents: DocumentReviewRepository;
  uploads: { list(registrationId: string): Promise<Upload[]> };
  published: PublishedDocumentRepository;
  pending: PendingActionsRepository;
  outbox: Outbox;
  audit: AuditLog;
}

export interface ReviewMails {
  /** A document refused: which, why, and until when to upload it again. */
  refused(
    to: string,
    registration: Registration,
    document: { label: string; refusalReason: string; reopenedUntil: Date },
    catalogue: Catalogue,
  ): OutgoingMail;
  /** « Réclamer la pièce »: which document, why it is asked, the office's words, until when. */
  claimed(
    to: string,
    registration: Registration,
    document: { label: string; reason: string; message: string | null; reopenedUntil: Date },
    catalogue: Catalogue,
  ): OutgoingMail;
  /** « Un document est disponible dans Mes documents ». */
  published(
    to: string,
    registration: Registration,
    document: { title: string },
    catalogue: Catalogue,
  ): OutgoingMail;
}

/** The file store, the PDF check and the size limit come with `FileChecking`. */
export interface ReviewContext extends FileChecking {
  store: TransactionRunner<ReviewUnit>;
  catalogue(): Catalogue | undefined;
  mails: ReviewMails;
  clock: Clock;
}
