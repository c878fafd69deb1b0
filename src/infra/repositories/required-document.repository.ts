/** The documents each registration requires, with their state, in the order of the rules. */
import type { Selectable } from 'kysely';
import type { RequiredDocument } from '../../domain/documents/document-rules.js';
import type {
  DocumentState,
  DocumentStatus,
  RequiredDocumentRepository,
} from '../../domain/documents/ports.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { RequiredDocumentsTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function requiredDocumentRepository(db: Executor): RequiredDocumentRepository {
  return {
    async list(registrationId) {
      const rows = await db
        .selectFrom('required_documents')
        .selectAll()
        .where('registration_id', '=', registrationId)
        .orderBy('required', 'desc')
        .orderBy('position')
        .execute();
      return rows.map(toStatus);
    },
    async listForRegistrations(registrationIds) {
      if (registrationIds.length === 0) return [];
      const rows = await db
        .selectFrom('required_documents')
        .selectAll()
        .where('registration_id', 'in', [...registrationIds])
        .orderBy('position')
        .execute();
      return rows.map(toStatus);
    },
    async sync(registrationId, documents, at) {
      const existing = new Map(
        (
          await db
            .selectFrom('required_documents')
            .selectAll()
            .where('registration_id', '=', registrationId)
            .execute()
        ).map((r) => [r.key, r]),
      );
      const withFiles = new Set(
        (
          await db
            .selectFrom('uploads')
            .select('document_key')
            .where('registration_id', '=', registrationId)
            .execute()
        ).map((u) => u.document_key),
      );
      const newlyAsked: RequiredDocument[] = [];
      for (const [position, doc] of documents.entries()) {
        const values = {
          rule_code: doc.ruleCode,
          label: doc.label,
          reason: doc.reason,
          multiple_files: doc.multipleFiles ? 1 : 0,
          position,
          required: 1,
          updated_at: toDb(at),
        };
        const row = existing.get(doc.key);
        existing.delete(doc.key);
        if (!row) {
          if (!withFiles.has(doc.key)) newlyAsked.push(doc);
          await db
            .insertInto('required_documents')
            .values({
              registration_id: registrationId,
              key: doc.key,
              state: withFiles.has(doc.key) ? 'transmis' : 'attendu',
              ...values,
            })
            .execute();
        } else {
          // A document required again after a version that did not require it comes back with
          // its files; one the office waived (« Non concerné », with its reason) stays waived.
          const state =
            row.state === 'non_concerne' && row.waiver_reason === null
              ? withFiles.has(doc.key)
                ? 'transmis'
                : 'attendu'
              : row.state;
          if (state === 'attendu' && row.state !== 'attendu') newlyAsked.push(doc);
          // Most saves change nothing here: no write then (one statement less per document).
          if (
            state === row.state &&
            row.rule_code === values.rule_code &&
            row.label === values.label &&
            row.reason === values.reason &&
            Number(row.multiple_files) === values.multiple_files &&
            Number(row.position) === values.position &&
            Number(row.required) === 1
          )
            continue;
          await db
            .updateTable('required_documents')
            .set({ ...values, state })
            .where('registration_id', '=', registrationId)
            .where('key', '=', doc.key)
            .execute();
        }
      }
      for (const key of existing.keys()) {
        await db
          .updateTable('required_documents')
          .set({ required: 0, state: 'non_concerne', updated_at: toDb(at) })
          .where('registration_id', '=', registrationId)
          .where('key', '=', key)
          .execute();
      }
      return newlyAsked;
    },
    async setState(registrationId, key, state, at) {
      await db
        .updateTable('required_documents')
        .set({ state, updated_at: toDb(at) })
        .where('registration_id', '=', registrationId)
        .where('key', '=', key)
        .execute();
    },
  };
}

export function toStatus(row: Selectable<RequiredDocumentsTable>): DocumentStatus {
  return {
    registrationId: row.registration_id,
    key: row.key,
    ruleCode: row.rule_code,
    label: row.label,
    reason: row.reason,
    multipleFiles: Number(row.multiple_files) === 1,
    position: Number(row.position),
    required: Number(row.required) === 1,
    state: row.state as DocumentState,
    refusalReason: row.refusal_reason,
    reopenedUntil: fromDbNullable(row.reopened_until),
    waiverReason: row.waiver_reason,
    updatedAt: fromDb(row.updated_at),
  };
}
