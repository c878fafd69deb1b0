/**
 * What the office's edits of the catalogue need from the outside world: the stored catalogue,
 * read and replaced inside one transaction with the audit entry that describes the change, and
 * a way to refresh the copy the application keeps in memory once the change is committed.
 */
import type { TransactionRunner } from '../accounts/ports.js';
import type { AuditLog } from '../audit/ports.js';
import type { Clock } from '../clock.js';
import type { Catalogue } from './catalogue.js';
import type { EntryUsage, RemovedEntry } from './catalogue-changes.js';

export interface StoredCatalogue {
  /**
   * Takes the catalogue for the rest of the transaction: a second edit waits until this one is
   * committed, then reads what it wrote (an edit is never made from a stale copy).
   */
  lock(): Promise<void>;
  /** The catalogue as stored, every entry an import ever wrote included; undefined before any. */
  load(): Promise<Catalogue | undefined>;
  /** Who still refers to an entry about to disappear. */
  usage(entry: RemovedEntry): Promise<EntryUsage>;
  /**
   * Stores `catalogue` as the import does, then deletes `removed` (nothing refers to them any
   * more: the caller checked), so that the stored catalogue is exactly `catalogue`.
   */
  replace(catalogue: Catalogue, removed: readonly RemovedEntry[]): Promise<void>;
}

export interface CatalogueEditingUnit {
  catalogue: StoredCatalogue;
  audit: AuditLog;
}

export interface CatalogueEditingContext {
  store: TransactionRunner<CatalogueEditingUnit>;
  clock: Clock;
  /** Reloads the catalogue the pages and mails read from memory (after a committed change). */
  reload(): Promise<void>;
}
