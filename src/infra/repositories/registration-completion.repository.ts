/**
 * What the document use cases need of a registration: find it, and record « J'ai fourni toutes
 * mes pièces » once (`UPDATE … WHERE complete_declared_at IS NULL`: of two concurrent clicks
 * one records the instant, the other sees it recorded), and lift it (lift-declaration.ts).
 */
import type { DeclarationRepository } from '../../domain/documents/lift-declaration.js';
import type { DocumentsUnit } from '../../domain/documents/ports.js';
import { fromDbNullable, toDb } from '../db/instants.js';
import type { Executor } from './executor.js';
import { registrationRepository, toRegistration } from './registration.repository.js';

export function registrationCompletionRepository(db: Executor): DocumentsUnit['registrations'] {
  return {
    async findById(id) {
      const row = await db
        .selectFrom('registrations')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRegistration(row);
    },
    findByNumber: (number) => registrationRepository(db).findByNumber(number),
    async lockForChange(id) {
      await db
        .updateTable('registrations')
        .set((eb) => ({ complete_declared_at: eb.ref('complete_declared_at') }))
        .where('id', '=', id)
        .execute();
    },
    async declareComplete(id, at) {
      const result = await db
        .updateTable('registrations')
        .set({ complete_declared_at: toDb(at), declaration_lifted_at: null })
        .where('id', '=', id)
        .where('complete_declared_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async completionsOfAccount(accountId) {
      const rows = await db
        .selectFrom('registrations')
        .select(['id', 'complete_declared_at', 'declaration_lifted_at'])
        .where('account_id', '=', accountId)
        .execute();
      return new Map(
        rows.map((r) => [
          r.id,
          {
            declaredAt: fromDbNullable(r.complete_declared_at),
            liftedAt: fromDbNullable(r.declaration_lifted_at),
          },
        ]),
      );
    },
    async completeDeclaredAt(id) {
      const row = await db
        .selectFrom('registrations')
        .select('complete_declared_at')
        .where('id', '=', id)
        .executeTakeFirst();
      return fromDbNullable(row?.complete_declared_at ?? null);
    },
    async declarationLiftedAt(id) {
      const row = await db
        .selectFrom('registrations')
        .select('declaration_lifted_at')
        .where('id', '=', id)
        .executeTakeFirst();
      return fromDbNullable(row?.declaration_lifted_at ?? null);
    },
  };
}

/** Called in the transaction of a new version, which already holds the registration's row. */
export function declarationRepository(db: Executor): DeclarationRepository {
  return {
    async lift(registrationId, at) {
      const row = await db
        .selectFrom('registrations')
        .select('complete_declared_at')
        .where('id', '=', registrationId)
        .executeTakeFirst();
      const declaredAt = fromDbNullable(row?.complete_declared_at ?? null);
      if (!declaredAt) return null;
      await db
        .updateTable('registrations')
        .set({ complete_declared_at: null, declaration_lifted_at: toDb(at) })
        .where('id', '=', registrationId)
        .execute();
      return declaredAt;
    },
  };
}
