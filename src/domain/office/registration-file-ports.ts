/**
 * What the office's page of one registration asks of the database, and what setting it aside
 * (« Écarter ») and putting it back (« Réintégrer ») change: the registration with its
 * candidate's email and its two office states, every version, its documents and files, the
 * candidate's requests about it, and the audit entries whose subject it is. The outbox is part
 * of the unit: « Écarter » and « Réintégrer » are committed with the candidate's mail, or not
 * at all.
 */
import type { Outbox, TransactionRunner } from '../accounts/ports.js';
import type { AuditJournal, AuditLog } from '../audit/ports.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { RequiredDocumentRepository, UploadRepository } from '../documents/ports.js';
import type { OutgoingMail } from '../mail/outgoing-mail.js';
import type { OfficeRequest, RegistrationVersion } from '../registrations/ports.js';
import type { Registration, SetAside } from '../registrations/registration.js';

export interface OfficeRegistration extends Registration {
  /** The email of the candidate's account. */
  accountEmail: string;
  /** « J'ai fourni toutes mes pièces », when declared. */
  completeDeclaredAt: Date | null;
  setAside: SetAside | null;
}

export interface OfficeRegistrationRepository {
  findByNumber(number: string): Promise<OfficeRegistration | undefined>;
  /** Oldest first. */
  listVersions(registrationId: string): Promise<RegistrationVersion[]>;
  /** The candidate's requests about the registration, newest first. */
  listRequests(registrationId: string): Promise<OfficeRequest[]>;
  /** Sets the registration aside unless it already is; false when it was. */
  setAside(registrationId: string, setAside: SetAside): Promise<boolean>;
  /**
   * Puts back the registration set aside at `since`; false when it is no longer set aside, or
   * was set aside again meanwhile (the entry's « before » would then be wrong).
   */
  reinstate(registrationId: string, since: Date): Promise<boolean>;
}

export interface RegistrationFileUnit {
  registrations: OfficeRegistrationRepository;
  documents: Pick<RequiredDocumentRepository, 'list'>;
  uploads: Pick<UploadRepository, 'list'>;
  /** Read in the same transaction as the rest, so the history matches what the page shows. */
  journal: Pick<AuditJournal, 'forSubject'>;
  audit: AuditLog;
  outbox: Outbox;
}

/** The candidate's mails about « Écarter » and « Réintégrer ». */
export interface SetAsideMails {
  /** Set aside: when, the office's reason, and the pôle to contact. */
  setAside(
    to: string,
    registration: Registration,
    setAside: SetAside,
    catalogue: Catalogue,
  ): OutgoingMail;
  /** Put back: an ordinary registration again, with what is left to do. */
  reinstated(to: string, registration: Registration, at: Date, catalogue: Catalogue): OutgoingMail;
}

export interface RegistrationFileContext {
  store: TransactionRunner<RegistrationFileUnit>;
  catalogue(): Catalogue | undefined;
  mails: SetAsideMails;
  clock: Clock;
}
