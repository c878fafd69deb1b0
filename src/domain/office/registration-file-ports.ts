/**
 * What the office's page of one registration asks of the database, and what setting it aside
 * (« Écarter ») and putting it back (« Réintégrer ») change: the registration with its
 * candidate's email and its two office states, every version, its documents and files, the
 * candidate's requests about it, and the audit entries whose subject it is.
 */
import type { TransactionRunner } from '../accounts/ports.js';
import type { AuditJournal, AuditLog } from '../audit/ports.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { RequiredDocumentRepository, UploadRepository } from '../documents/ports.js';
import type { OfficeRequest, RegistrationVersion } from '../registrations/ports.js';
import type { Registration } from '../registrations/registration.js';

/** « Écartée » by the office: when, and why (shown to the office, never to the candidate). */
export interface SetAside {
  at: Date;
  reason: string;
}

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
}

export interface RegistrationFileContext {
  store: TransactionRunner<RegistrationFileUnit>;
  catalogue(): Catalogue | undefined;
  clock: Clock;
}
