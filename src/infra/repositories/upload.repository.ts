/** The uploaded files' records: the bytes live in the file store under `storage_key`. */
import type { Selectable } from 'kysely';
import type { Upload, UploadRepository } from '../../domain/documents/ports.js';
import { fromDb, toDb } from '../db/instants.js';
import type { UploadsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function uploadRepository(db: Executor): UploadRepository {
  return {
    async list(registrationId) {
      const rows = await db
        .selectFrom('uploads')
        .selectAll()
        .where('registration_id', '=', registrationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toUpload);
    },
    async find(id) {
      const row = await db
        .selectFrom('uploads')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toUpload(row);
    },
    async insert(u) {
      await db
        .insertInto('uploads')
        .values({
          id: u.id,
          registration_id: u.registrationId,
          document_key: u.documentKey,
          storage_key: u.storageKey,
          original_name: u.originalName,
          media_type: u.mediaType,
          size: u.size,
          sha256: u.sha256,
          created_at: toDb(u.createdAt),
        })
        .execute();
    },
    async delete(id) {
      const result = await db.deleteFrom('uploads').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

function toUpload(row: Selectable<UploadsTable>): Upload {
  return {
    id: row.id,
    registrationId: row.registration_id,
    documentKey: row.document_key,
    storageKey: row.storage_key,
    originalName: row.original_name,
    mediaType: row.media_type as Upload['mediaType'],
    size: Number(row.size),
    sha256: row.sha256,
    createdAt: fromDb(row.created_at),
  };
}
