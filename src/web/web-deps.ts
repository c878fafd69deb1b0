/** Everything the routes use, built once by the application and handed to the web layer. */
import type { Config } from '../config.js';
import type { AccountsContext } from '../domain/accounts/ports.js';
import type { Desk } from '../domain/desks/desk.js';
import type { Database } from '../infra/db/database.js';

export interface DeskDirectory {
  list(): readonly Desk[];
}

export interface WebDeps {
  config: Config;
  database: Database;
  accounts: AccountsContext;
  desks: DeskDirectory;
}
