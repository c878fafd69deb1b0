/**
 * What the pôles' work on candidates' requests needs: the requests with their answers, the
 * registrations a change is applied to (as new versions), the locked identity, the documents
 * recomputed after a change, the candidate's address for mails, the outbox and the audit log,
 * all in one transaction.
 */
import type { Outbox, TransactionRunner } from '../accounts/ports.js';
import type { AuditLog } from '../audit/ports.js';
import type { Catalogue, RegistrationWindow } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { DeclarationRepository } from '../documents/lift-declaration.js';
import type { RequiredDocumentRepository } from '../documents/ports.js';
import type { OutgoingMail } from '../mail/outgoing-mail.js';
import type {
  OfficeRequest,
  RegistrationRepository,
  RequestState,
} from '../registrations/ports.js';
import type { Identity, Registration } from '../registrations/registration.js';

/** A request as the office handles it: what the candidate sees, and when it was applied or closed. */
export interface HandledRequest extends OfficeRequest {
  appliedAt: Date | null;
  closedAt: Date | null;
}

export interface RequestAnswer {
  id: string;
  answer: string;
  answeredAt: Date;
  /** The staff member who answered, and their name (for the office's pages only). */
  answeredBy: string;
  answeredByName: string | null;
}

export type InboxOrder = 'oldest' | 'newest';

export interface InboxQuery {
  /** The pôles listed; undefined for every pôle (an administrator without a filter). */
  desks: readonly string[] | undefined;
  state: RequestState;
  order: InboxOrder;
  offset: number;
  limit: number;
}

/** One line of the inbox: the request, its registration's number and the candidate's names. */
export interface InboxLine {
  request: HandledRequest;
  registrationNumber: string;
  candidate: Pick<Identity, 'birthName' | 'usageName' | 'firstNames'>;
}

export interface OfficeRequestRepository {
  find(id: string): Promise<HandledRequest | undefined>;
  inbox(query: InboxQuery): Promise<{ lines: InboxLine[]; total: number }>;
  /** The request's answers, oldest first. */
  answers(requestId: string): Promise<RequestAnswer[]>;
  /**
   * Keeps the answer and makes it the request's latest, unless the request is closed (one
   * conditional update: of a close and an answer racing, the close wins or comes after).
   * Returns the answer's id (ordered in time: answers of one instant list as written), or
   * undefined when the request is closed.
   */
  answer(
    requestId: string,
    answer: Pick<RequestAnswer, 'answer' | 'answeredAt' | 'answeredBy'>,
  ): Promise<string | undefined>;
  /** Marks the change applied unless it already is or the request is closed; false then. */
  markApplied(requestId: string, at: Date): Promise<boolean>;
  /** Closes the request unless it already is; false then. */
  close(requestId: string, at: Date): Promise<boolean>;
}

export interface OfficeRequestsUnit {
  requests: OfficeRequestRepository;
  registrations: Pick<
    RegistrationRepository,
    'listByAccount' | 'saveNewVersion' | 'insertVersion'
  > & {
    findById(id: string): Promise<Registration | undefined>;
    /**
     * Takes the rows of the account's registrations for the rest of the transaction (a no-op
     * update: PostgreSQL locks them, SQLite serialises anyway), so a change the office applies
     * is made on their current versions, one writer at a time.
     */
    lockAccountRegistrations(accountId: string): Promise<void>;
  };
  identities: {
    find(accountId: string): Promise<Identity | undefined>;
    /** Takes the identity's row for the rest of the transaction (as a candidate's save does). */
    findForUpdate(accountId: string): Promise<Identity | undefined>;
    /** Replaces the locked identity (inserting it if the account had none locked). */
    correct(accountId: string, identity: Identity, at: Date): Promise<void>;
  };
  documents: Pick<RequiredDocumentRepository, 'sync'>;
  /** « J'ai fourni toutes mes pièces », lifted by a version that asks for a new document. */
  declarations: DeclarationRepository;
  /** The window as stored at this instant: a declaration is lifted only while it is open. */
  findWindow(sessionCode: string, examCode: string): Promise<RegistrationWindow | undefined>;
  /** The candidate's sign-in address, where mails go. */
  accountEmail(accountId: string): Promise<string | undefined>;
  outbox: Outbox;
  audit: AuditLog;
}

export interface RequestMails {
  /** The pôle answered: the answer, and a link to the request's page. */
  answered(
    to: string,
    request: OfficeRequest,
    registration: Registration,
    answer: RequestAnswer,
    catalogue: Catalogue,
  ): OutgoingMail;
  /** The pôle applied the requested change: the registrations now at a new version. */
  applied(
    to: string,
    request: OfficeRequest,
    registrations: readonly Registration[],
    changed: readonly string[],
    catalogue: Catalogue,
  ): OutgoingMail;
}

export interface OfficeRequestsContext {
  store: TransactionRunner<OfficeRequestsUnit>;
  catalogue(): Catalogue | undefined;
  mails: RequestMails;
  clock: Clock;
}
