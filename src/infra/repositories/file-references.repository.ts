/**
 * Which stored files a row points to, for the sweep of orphan files: the candidates' uploads
 * and the documents the office publishes. A new table holding storage keys must be added
 * here, or the sweep would delete its files once they are older than the grace period.
 */
import type { FileReferences } from '../../domain/documents/sweep-orphan-files.js';
import type { Executor } from './executor.js';

export function fileReferences(db: Executor): FileReferences {
  return {
    async referenced(keys) {
      if (keys.length === 0) return new Set();
      const rows = await db
        .selectFrom('uploads')
        .select('storage_key')
        .where('storage_key', 'in', keys)
        .unionAll(
          db
            .selectFrom('published_documents')
            .select('storage_key')
            .where('storage_key', 'in', keys),
        )
        .execute();
      return new Set(rows.map((r) => r.storage_key));
    },
  };
}
