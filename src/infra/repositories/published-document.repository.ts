/** Documents the office published to candidates: the bytes live in the file store. */
import type { Selectable } from 'kysely';
import type {
  PublishedDocument,
  PublishedDocumentRepository,
} from '../../domain/documents/review/ports.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { PublishedDocumentsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function publishedDocumentRepository(db: Executor): PublishedDocumentRepository {
  return {
    async insert(d) {
      await db
        .insertInto('published_documents')
        .values({
          id: d.id,
          registration_id: d.registrationId,
          title: d.title,
          storage_key: d.storageKey,
          original_name: d.originalName,
          media_type: d.mediaType,
          size: d.size,
          sha256: d.sha256,
          published_at: toDb(d.publishedAt),
          published_by: d.publishedBy,
          seen_at: null,
        })
        .execute();
    },
    async find(id) {
      const row = await db
        .selectFrom('published_documents')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toPublished(row);
    },
    async list(registrationId) {
      const rows = await db
        .selectFrom('published_documents')
        .selectAll()
        .where('registration_id', '=', registrationId)
        .orderBy('published_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toPublished);
    },
    async markSeen(id, at) {
      await db
        .updateTable('published_documents')
        .set({ seen_at: toDb(at) })
        .where('id', '=', id)
        .where('seen_at', 'is', null)
        .execute();
    },
  };
}

function toPublished(row: Selectable<PublishedDocumentsTable>): PublishedDocument {
  return {
    id: row.id,
    registrationId: row.registration_id,
    title: row.title,
    storageKey: row.storage_key,
    originalName: row.original_name,
    mediaType: 'application/pdf',
    size: Number(row.size),
    sha256: row.sha256,
    publishedAt: fromDb(row.published_at),
    publishedBy: row.published_by,
    seenAt: fromDbNullable(row.seen_at),
  };
}
