/**
 * The office's reads and writes of one registration (registration-file-ports.ts): the row with
 * its account's email, versions, requests, and the set-aside state. Setting aside and putting
 * back are conditional updates, so of two concurrent clicks only one changes the row.
 */
import type { OfficeRegistrationRepository } from '../../domain/office/registration-file-ports.js';
import { fromDbNullable, toDb } from '../db/instants.js';
import type { Executor } from './executor.js';
import { toOfficeRequest } from './office-request.repository.js';
import { registrationRepository, toRegistration, toSetAside } from './registration.repository.js';

export function registrationFileRepository(db: Executor): OfficeRegistrationRepository {
  return {
    async findByNumber(number) {
      const row = await db
        .selectFrom('registrations')
        .innerJoin('accounts', 'accounts.id', 'registrations.account_id')
        .selectAll('registrations')
        .select('accounts.email as account_email')
        .where('registrations.number', '=', number)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        ...toRegistration(row),
        accountEmail: row.account_email,
        completeDeclaredAt: fromDbNullable(row.complete_declared_at),
        setAside: toSetAside(row),
      };
    },
    listVersions: (registrationId) => registrationRepository(db).listVersions(registrationId),
    async listRequests(registrationId) {
      const rows = await db
        .selectFrom('office_requests')
        .selectAll()
        .where('registration_id', '=', registrationId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toOfficeRequest);
    },
    async setAside(registrationId, setAside) {
      const result = await db
        .updateTable('registrations')
        .set({ set_aside_at: toDb(setAside.at), set_aside_reason: setAside.reason })
        .where('id', '=', registrationId)
        .where('set_aside_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async reinstate(registrationId, since) {
      const result = await db
        .updateTable('registrations')
        .set({ set_aside_at: null, set_aside_reason: null })
        .where('id', '=', registrationId)
        .where('set_aside_at', '=', toDb(since))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
