/**
 * What the session dashboard reads: three aggregates, each one query grouped in the database
 * (never one query per registration), limited to a session and a scope.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { RegistrationScope } from './dashboard-scope.js';
import type { HourlyCount } from './paris-day-counts.js';

/** The registrations of one specialty in a session. */
export interface SpecialtyRegistrations {
  examCode: string;
  specialtyCode: string;
  registrations: number;
  /** « J'ai fourni toutes mes pièces » was declared. */
  declaredComplete: number;
  /** Set aside (« écartée ») by the office. */
  setAside: number;
}

/** The states of a required document the dashboard follows: waiting for a check, refused. */
export type FollowedDocumentState = 'transmis' | 'refuse';

/** The required documents of one specialty in one state. */
export interface SpecialtyDocuments {
  examCode: string;
  specialtyCode: string;
  state: FollowedDocumentState;
  documents: number;
  /** How many registrations those documents belong to. */
  registrations: number;
  /** The oldest, by the instant its state last changed (for « transmis »: its upload). */
  oldestSince: Date;
}

/** Only what the scope covers; a scope that covers nothing is never asked for. */
export interface SessionDashboardReader {
  /** New registrations (created_at) per UTC hour. */
  registrationsPerHour(sessionCode: string, scope: RegistrationScope): Promise<HourlyCount[]>;
  registrationCounts(
    sessionCode: string,
    scope: RegistrationScope,
  ): Promise<SpecialtyRegistrations[]>;
  /** Required documents « transmis » or « refusé », per specialty and state. */
  documentCounts(sessionCode: string, scope: RegistrationScope): Promise<SpecialtyDocuments[]>;
}

export interface DashboardContext {
  reader: SessionDashboardReader;
  catalogue(): Catalogue | undefined;
  clock: Clock;
}
