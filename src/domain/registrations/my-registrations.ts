/**
 * « Mes inscriptions »: the candidate's registrations (with the office's « Écartée » and its
 * reason), the ones in progress, their requests.
 */
import type { Draft, OfficeRequest, OwnRegistration, RegistrationsContext } from './ports.js';

export interface MyRegistrations {
  registrations: OwnRegistration[];
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
