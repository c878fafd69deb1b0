/**
 * The correction of a candidate's état civil, as the gestionnaire typed it from the request
 * (a form pre-filled with the identity locked now), checked by the wizard's own rules. It
 * replaces the locked identity and, in the same transaction, makes a new version of every
 * registration of the account with it: the identity is the person's, not one registration's.
 * Applied once, like an address change; the candidate is told by mail; the log keeps, for each
 * registration, the versions before and after and the lines that changed.
 */
import { findSession } from '../catalogue/catalogue.js';
import { DomainError, validationError } from '../errors.js';
import { type RawFields, parseIdentity } from '../registrations/registration-form.js';
import type { Identity, Registration } from '../registrations/registration.js';
import type { StaffMember } from '../staff/ports.js';
import { catalogueFor } from './answer-request.js';
import { saveOfficeVersion } from './office-version.js';
import type { OfficeRequestsContext } from './ports.js';
import {
  assertNotApplied,
  assertNotClosed,
  changedMeanwhile,
  requestForStaff,
} from './request-access.js';

const IDENTITY_KEYS = [
  'birthName',
  'usageName',
  'firstNames',
  'sex',
  'birthDate',
  'birthCommune',
  'birthCountry',
  'nationality',
] as const satisfies readonly (keyof Identity)[];

export async function correctIdentity(
  ctx: OfficeRequestsContext,
  input: {
    staff: StaffMember;
    requestId: string;
    /** The identity fields as the form posts them (the wizard's names). */
    fields: RawFields;
    clientAddress?: string | undefined;
  },
): Promise<{ registrations: number }> {
  const catalogue = catalogueFor(ctx);
  return ctx.store.transaction(async (unit) => {
    const request = await requestForStaff(unit, input.staff, input.requestId);
    if (request.kind !== 'identity')
      throw new DomainError('conflict', 'Cette demande n’est pas une correction d’état civil.');
    assertNotClosed(request);
    assertNotApplied(request);
    const registration = await unit.registrations.findById(request.registrationId);
    if (!registration) throw new DomainError('not_found', 'Cette demande n’existe pas.');
    // Ages are checked on the first exam day of the session the request is about.
    const session = findSession(catalogue, registration.sessionCode);
    if (!session)
      throw new DomainError('not_found', 'La session de cette inscription n’est plus proposée.');
    const { value: identity, errors } = parseIdentity(input.fields, session);
    if (Object.keys(errors).length > 0) throw validationError(errors);

    const now = ctx.clock.now();
    if (!(await unit.requests.markApplied(request.id, now))) throw changedMeanwhile();
    // The identity's row first, then the registrations': the order a candidate's save takes
    // them in, so a save begun before this correction finishes before it, and a later one
    // reads the corrected identity.
    const lockedIdentity = await unit.identities.findForUpdate(request.accountId);
    await unit.registrations.lockAccountRegistrations(request.accountId);
    const before = lockedIdentity ?? registration.data.identity;
    if (IDENTITY_KEYS.every((key) => before[key] === identity[key]))
      throw new DomainError(
        'conflict',
        'L’état civil saisi est identique à l’état civil enregistré : il n’y a rien à corriger.',
      );
    await unit.identities.correct(request.accountId, identity, now);

    const saved: Registration[] = [];
    const changedLabels = new Set<string>();
    for (const current of await unit.registrations.listByAccount(request.accountId)) {
      const version = await saveOfficeVersion(
        unit,
        current,
        { ...current.data, identity },
        now,
        catalogue,
        { staffId: input.staff.id, clientAddress: input.clientAddress },
      );
      saved.push(version.saved);
      version.changed.forEach((label) => changedLabels.add(label));
      await unit.audit.record({
        at: now,
        actor: { kind: 'staff', id: input.staff.id },
        action: 'registration.identity_corrected',
        subject: { type: 'registration', id: current.id },
        before: { version: current.version },
        after: { version: version.saved.version, request: request.id, changed: version.changed },
        clientAddress: input.clientAddress,
      });
    }
    const email = await unit.accountEmail(request.accountId);
    if (email)
      await unit.outbox.enqueue(
        ctx.mails.applied(email, request, saved, [...changedLabels], catalogue),
        request.accountId,
        now,
      );
    return { registrations: saved.length };
  });
}
