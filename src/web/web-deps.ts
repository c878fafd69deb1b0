/** Everything the routes use, built once by the application and handed to the web layer. */
import type { Config } from '../config.js';
import type { AccountsContext } from '../domain/accounts/ports.js';
import type { Catalogue } from '../domain/catalogue/catalogue.js';
import type { DocumentsContext } from '../domain/documents/ports.js';
import type { ReceiptsContext } from '../domain/receipts/ports.js';
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
}
