/**
 * The office's list of registrations (« Inscriptions »): what the list and its CSV export ask
 * of the database, in the domain's words. The criteria are already checked against the
 * catalogue and already narrowed to what the staff member may see (registration-criteria.ts):
 * the query applies them as given.
 */
import type { AuditLog } from '../audit/ports.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { Identity, RegistrationData } from '../registrations/registration.js';

/**
 * The states the office filters on. « enregistrée »: saved, the file not declared complete
 * (never, or the declaration lifted by a version that asked for a new document:
 * documents/lift-declaration.ts); « complète »: « J'ai fourni toutes mes pièces » declared, and
 * only once nothing asked was missing, a refused document counting as missing (upload-rules.ts);
 * « à vérifier »: at least one required document uploaded and awaiting the office (transmis);
 * « refusée »: at least one required document refused; « écartée »: set aside by the office.
 */
export const LIST_STATES = ['enregistree', 'complete', 'a-verifier', 'refusee', 'ecartee'] as const;
export type ListState = (typeof LIST_STATES)[number];

/** What the search box found the text to be. */
export type SearchTerm =
  /** Registration numbers, spelt as stored (case fixed from the catalogue's codes). */
  | { kind: 'number'; numbers: string[] }
  /** An account's email, normalised as accounts store it. */
  | { kind: 'email'; email: string }
  /** The range of search keys that start with the typed name's key (search-key.ts). */
  | { kind: 'name'; from: string; to: string };

export interface ExamSpecialty {
  examCode: string;
  specialtyCode: string;
}

export interface RegistrationCriteria {
  sessionCode?: string;
  examCode?: string;
  specialtyCode?: string;
  /**
   * Only registrations for one of these exam and specialty pairs: the pôles' share of the
   * catalogue (a gestionnaire's scope, or the « pôle » filter). Absent: no restriction.
   */
  pairs?: readonly ExamSpecialty[];
  state?: ListState;
  search?: SearchTerm;
}

/** One line of the list. */
export interface ListedRegistration {
  id: string;
  number: string;
  sessionCode: string;
  examCode: string;
  specialtyCode: string;
  version: number;
  savedAt: Date;
  completeDeclaredAt: Date | null;
  setAsideAt: Date | null;
  setAsideReason: string | null;
  identity: Pick<Identity, 'birthName' | 'usageName' | 'firstNames'>;
  /** Required documents uploaded and awaiting the office (transmis). */
  documentsToCheck: number;
  /** Required documents the office refused. */
  documentsRefused: number;
}

/** One line of the export: the list's, with everything the candidate typed and their email. */
export interface ExportedRegistration extends Omit<ListedRegistration, 'identity'> {
  email: string;
  data: RegistrationData;
}

export interface RegistrationListQuery {
  count(criteria: RegistrationCriteria): Promise<number>;
  /** `limit` registrations from `offset`, ordered by number. */
  page(
    criteria: RegistrationCriteria,
    offset: number,
    limit: number,
  ): Promise<ListedRegistration[]>;
  /**
   * The next `limit` registrations after number `after` (from the first when undefined),
   * ordered by number: keyset batches, so an export never holds the whole result.
   */
  batchAfter(
    criteria: RegistrationCriteria,
    after: string | undefined,
    limit: number,
  ): Promise<ExportedRegistration[]>;
}

export interface RegistrationListContext {
  query: RegistrationListQuery;
  catalogue(): Catalogue | undefined;
  clock: Clock;
  /** Each export is logged (`registrations.exported`): it hands out many candidates' data. */
  audit: AuditLog;
}
