/** What the registration use cases need from the outside world (implemented in infra/). */
import type { Outbox, TransactionRunner } from '../accounts/ports.js';
import type { AuditLog } from '../audit/ports.js';
import type { Catalogue, RegistrationWindow } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { DeclarationRepository } from '../documents/lift-declaration.js';
import type { RequiredDocumentRepository } from '../documents/ports.js';
import type { OutgoingMail } from '../mail/outgoing-mail.js';
import type { RawFields } from './registration-form.js';
import type { Identity, Registration, RegistrationData, SetAside } from './registration.js';

/** The wizard's state between steps: what was typed, kept as typed, until « Enregistrer ». */
export interface Draft {
  accountId: string;
  sessionCode: string;
  examCode: string;
  specialtyCode: string;
  conditionsAccepted: boolean;
  identity: RawFields;
  candidature: RawFields;
  /** Goes up at every change; « Enregistrer » spends one revision, so a double submit saves once. */
  revision: number;
  updatedAt: Date;
}

export interface DraftRepository {
  find(accountId: string, sessionCode: string, examCode: string): Promise<Draft | undefined>;
  listByAccount(accountId: string): Promise<Draft[]>;
  /** Writes the draft with revision + 1 and returns it. */
  save(draft: Omit<Draft, 'revision'>): Promise<Draft>;
  /** Deletes the draft if it is still at `revision`; false when another submit already did. */
  consume(
    accountId: string,
    sessionCode: string,
    examCode: string,
    revision: number,
  ): Promise<boolean>;
}

export interface RegistrationVersion {
  version: number;
  savedAt: Date;
  specialtyCode: string;
  data: RegistrationData;
}

/** A registration as its candidate lists it, with the office's « Écartée », which they are told. */
export interface OwnRegistration extends Registration {
  setAside: SetAside | null;
}

export interface RegistrationRepository {
  find(accountId: string, sessionCode: string, examCode: string): Promise<Registration | undefined>;
  findByNumber(number: string): Promise<Registration | undefined>;
  listByAccount(accountId: string): Promise<OwnRegistration[]>;
  /** Inserts version 1; false when this candidate already has one for this exam and session. */
  insert(registration: Registration): Promise<boolean>;
  /** Atomically makes the next version current; returns its number. */
  saveNewVersion(
    id: string,
    savedAt: Date,
    specialtyCode: string,
    data: RegistrationData,
  ): Promise<number>;
  insertVersion(registrationId: string, version: RegistrationVersion): Promise<void>;
  listVersions(registrationId: string): Promise<RegistrationVersion[]>;
}

export interface IdentityRepository {
  /** The identity as locked by the candidate's first registration, if any. */
  find(accountId: string): Promise<Identity | undefined>;
  /**
   * The same, taking the identity's row for the rest of the transaction: a save and the
   * office's correction of the identity take it first, so one waits for the other and a save
   * never writes a version with an identity corrected meanwhile.
   */
  findForUpdate(accountId: string): Promise<Identity | undefined>;
  lock(accountId: string, identity: Identity, at: Date): Promise<void>;
}

export interface CounterRepository {
  /** The next value of a named sequence (1, 2, 3 …), atomically. */
  next(key: string): Promise<number>;
}

export type RequestKind = 'identity' | 'address' | 'question';

/**
 * `open`: waiting for the pôle (« à traiter »); `answered`: the pôle answered and may answer
 * again (« répondue »); `closed`: nothing more can be done on it (« close »).
 */
export type RequestState = 'open' | 'answered' | 'closed';

export interface OfficeRequest {
  id: string;
  accountId: string;
  registrationId: string;
  deskCode: string;
  kind: RequestKind;
  /** What the candidate asks, as they typed it. */
  message: string;
  /** For an address change: the new address, applied by the office. */
  payload: Record<string, string>;
  state: RequestState;
  createdAt: Date;
  /** The pôle's latest answer, and when it was given; null until it answers. */
  answer: string | null;
  answeredAt: Date | null;
}

export interface RequestRepository {
  insert(request: OfficeRequest): Promise<void>;
  listByAccount(accountId: string): Promise<OfficeRequest[]>;
}

export interface RegistrationsUnit {
  drafts: DraftRepository;
  /** The documents each registration requires, recomputed at every save. */
  documents: RequiredDocumentRepository;
  /** « J'ai fourni toutes mes pièces », lifted by a save that asks for a new document. */
  declarations: DeclarationRepository;
  registrations: RegistrationRepository;
  identities: IdentityRepository;
  counters: CounterRepository;
  requests: RequestRepository;
  outbox: Outbox;
  /** The candidate's saves and requests are logged in the transaction that makes them. */
  audit: AuditLog;
  /** The window as stored at this instant (never a cached copy): the rule is decided on it. */
  findWindow(sessionCode: string, examCode: string): Promise<RegistrationWindow | undefined>;
}

export interface RegistrationMails {
  confirmation(to: string, registration: Registration, catalogue: Catalogue): OutgoingMail;
  modification(
    to: string,
    registration: Registration,
    changes: readonly Change[],
    catalogue: Catalogue,
  ): OutgoingMail;
  requestReceived(
    to: string,
    request: OfficeRequest,
    registration: Registration,
    catalogue: Catalogue,
  ): OutgoingMail;
}

export interface Change {
  label: string;
  before: string;
  after: string;
}

export interface RegistrationsContext {
  store: TransactionRunner<RegistrationsUnit>;
  catalogue(): Catalogue | undefined;
  mails: RegistrationMails;
  clock: Clock;
}
