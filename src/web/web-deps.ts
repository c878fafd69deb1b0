/** Everything the routes use, built once by the application and handed to the web layer. */
import type { Config } from '../config.js';
import type { AccountsContext } from '../domain/accounts/ports.js';
import type { Catalogue } from '../domain/catalogue/catalogue.js';
import type { CatalogueEditingContext } from '../domain/catalogue/ports.js';
import type { DocumentsContext } from '../domain/documents/ports.js';
import type { ReviewContext } from '../domain/documents/review/ports.js';
import type { RegistrationFileContext } from '../domain/office/registration-file-ports.js';
import type { DashboardContext } from '../domain/office/dashboard-ports.js';
import type { RegistrationListContext } from '../domain/office/registration-list-ports.js';
import type { OfficeRequestsContext } from '../domain/office-requests/ports.js';
import type { ReceiptsContext } from '../domain/receipts/ports.js';
import type { PersonalDataContext } from '../domain/personal-data/ports.js';
import type { RegistrationsContext } from '../domain/registrations/ports.js';
import type { StaffContext } from '../domain/staff/ports.js';
import type { Database } from '../infra/db/database.js';

/** The catalogue as last loaded from the database; pages and mails read it, writes never do. */
export interface CatalogueSnapshot {
  current(): Catalogue | undefined;
}

export interface WebDeps {
  config: Config;
  database: Database;
  accounts: AccountsContext;
  registrations: RegistrationsContext;
  documents: DocumentsContext;
  /** « Mes documents »: récapitulatifs, list of documents, verification codes. */
  receipts: ReceiptsContext;
  catalogue: CatalogueSnapshot;
  /** The office's staff: accounts, sign-in with TOTP, rights, audit log. */
  staff: StaffContext;
  /** The pôles' work on candidates' requests: inbox, answers, changes applied as versions. */
  officeRequests: OfficeRequestsContext;
  /** The office's review of documents, published documents, the candidates' pending actions. */
  review: ReviewContext;
  /** « Mes données personnelles » and « Conservation des données ». */
  personalData: PersonalDataContext;
  /** The office's page of one registration, « Écarter » and « Réintégrer ». */
  registrationFile: RegistrationFileContext;
  /** The office's session dashboard (aggregates per day, exam, pôle). */
  dashboard: DashboardContext;
  /** The office's list of registrations (filters, search, pages) and its CSV export. */
  registrationList: RegistrationListContext;
  /** Administrators' edits of the stored catalogue (windows, pôles, the whole file), export. */
  catalogueEditing: CatalogueEditingContext;
}
