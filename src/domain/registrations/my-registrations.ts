/** « Mes inscriptions »: the candidate's registrations, the ones in progress, their requests. */
import type { Draft, OfficeRequest, RegistrationsContext } from './ports.js';
import type { Registration } from './registration.js';

export interface MyRegistrations {
  registrations: Registration[];
  drafts: Draft[];
  requests: OfficeRequest[];
}

export async function myRegistrations(
  ctx: RegistrationsContext,
  accountId: string,
): Promise<MyRegistrations> {
  return ctx.store.read(async (unit) => ({
    registrations: await unit.registrations.listByAccount(accountId),
    drafts: await unit.drafts.listByAccount(accountId),
    requests: await unit.requests.listByAccount(accountId),
  }));
}
