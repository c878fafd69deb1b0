/**
 * The office's edits of the catalogue over Kysely: one transaction holding the stored
 * catalogue (read and saved with the import's own repository functions), the queries that tell
 * whether an entry about to disappear is still referred to, and the audit log.
 */
import type { Kysely } from 'kysely';
import type { EntryUsage, RemovedEntry } from '../../domain/catalogue/catalogue-changes.js';
import type {
  CatalogueEditingContext,
  CatalogueEditingUnit,
  StoredCatalogue,
} from '../../domain/catalogue/ports.js';
import type { Clock } from '../../domain/clock.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { auditAddressKey, auditLog } from './audit-log.repository.js';
import { loadCatalogue, saveCatalogue } from './catalogue.repository.js';
import type { Executor } from './executor.js';

const count = async (
  query: Promise<{ n: string | number | bigint } | undefined>,
): Promise<number> => Number((await query)?.n ?? 0);

async function usage(db: Executor, entry: RemovedEntry): Promise<EntryUsage> {
  const none = { registrations: 0, staff: 0, requests: 0 };
  const registrations = db.selectFrom('registrations').select((eb) => eb.fn.countAll().as('n'));
  switch (entry.kind) {
    case 'window':
      return {
        ...none,
        registrations: await count(
          registrations
            .where('session_code', '=', entry.sessionCode)
            .where('exam_code', '=', entry.examCode)
            .executeTakeFirst(),
        ),
      };
    case 'specialty':
      // A specialty an earlier version named counts too: its récapitulatif names it.
      return {
        ...none,
        registrations: await count(
          registrations
            .where('exam_code', '=', entry.examCode)
            .where((eb) =>
              eb.or([
                eb('specialty_code', '=', entry.code),
                eb.exists(
                  eb
                    .selectFrom('registration_versions')
                    .select('registration_versions.version')
                    .whereRef('registration_versions.registration_id', '=', 'registrations.id')
                    .where('registration_versions.specialty_code', '=', entry.code),
                ),
              ]),
            )
            .executeTakeFirst(),
        ),
      };
    case 'exam':
      return {
        ...none,
        registrations: await count(
          registrations.where('exam_code', '=', entry.code).executeTakeFirst(),
        ),
      };
    case 'session':
      return {
        ...none,
        registrations: await count(
          registrations.where('session_code', '=', entry.code).executeTakeFirst(),
        ),
      };
    case 'desk':
      return {
        ...none,
        staff: await count(
          db
            .selectFrom('staff_desks')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('desk_code', '=', entry.code)
            .executeTakeFirst(),
        ),
        requests: await count(
          db
            .selectFrom('office_requests')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('desk_code', '=', entry.code)
            .executeTakeFirst(),
        ),
      };
  }
}

/** Deletes an entry nothing refers to; `removed` comes in an order the foreign keys accept. */
async function remove(db: Executor, entry: RemovedEntry): Promise<void> {
  switch (entry.kind) {
    case 'window':
      await db
        .deleteFrom('registration_windows')
        .where('session_code', '=', entry.sessionCode)
        .where('exam_code', '=', entry.examCode)
        .execute();
      return;
    case 'specialty':
      await db
        .deleteFrom('specialties')
        .where('exam_code', '=', entry.examCode)
        .where('code', '=', entry.code)
        .execute();
      return;
    case 'exam':
      await db.deleteFrom('exams').where('code', '=', entry.code).execute();
      return;
    case 'session':
      await db.deleteFrom('exam_sessions').where('code', '=', entry.code).execute();
      return;
    case 'desk':
      await db.deleteFrom('desks').where('code', '=', entry.code).execute();
      return;
  }
}

function storedCatalogue(db: Executor): StoredCatalogue {
  return {
    async lock() {
      // A no-op update: PostgreSQL holds the académie's row until the commit, so a second
      // edit waits here; SQLite runs one transaction at a time anyway.
      await db
        .updateTable('academy')
        .set((eb) => ({ name: eb.ref('name') }))
        .execute();
    },
    load: () => loadCatalogue(db),
    usage: (entry) => usage(db, entry),
    async replace(catalogue, removed) {
      await saveCatalogue(db, catalogue);
      for (const entry of removed) await remove(db, entry);
    },
  };
}

export function catalogueEditing(options: {
  db: Kysely<Schema>;
  /** SESSION_SECRET: the audit log's address key is derived from it. */
  sessionSecret: string;
  clock: Clock;
  reload: () => Promise<void>;
}): CatalogueEditingContext {
  const addressKey = auditAddressKey(options.sessionSecret);
  return {
    store: unitRunner(options.db, (trx): CatalogueEditingUnit => ({
      catalogue: storedCatalogue(trx),
      audit: auditLog(trx, addressKey),
    })),
    clock: options.clock,
    reload: options.reload,
  };
}
