/**
 * « Réintégrer »: undoes « Écarter ». The audit entry keeps the set-aside state it ends (when
 * and why), so the history still says why the registration was set aside. The candidate is
 * mailed in the same transaction, and their reminders resume. A registration that is not set
 * aside (never was, or another click already put it back) is refused with a 409.
 */
import { DomainError } from '../errors.js';
import type { StaffMember } from '../staff/ports.js';
import { handledRegistration } from './handled-registration.js';
import type { RegistrationFileContext } from './registration-file-ports.js';
import { catalogueMissing } from './set-aside.js';

export interface ReinstateInput {
  staff: StaffMember;
  number: string;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

const notSetAside = (): DomainError =>
  new DomainError('conflict', 'Cette inscription n’est pas écartée : il n’y a rien à réintégrer.');

export async function reinstate(
  ctx: RegistrationFileContext,
  input: ReinstateInput,
): Promise<void> {
  await ctx.store.transaction(async (unit) => {
    const { registration } = await handledRegistration(ctx, unit, input.staff, input.number);
    const { setAside } = registration;
    if (!setAside) throw notSetAside();
    const catalogue = ctx.catalogue();
    if (!catalogue) throw catalogueMissing();
    if (!(await unit.registrations.reinstate(registration.id, setAside.at))) throw notSetAside();
    const now = ctx.clock.now();
    await unit.audit.record({
      at: now,
      actor: { kind: 'staff', id: input.staff.id },
      action: 'registration.reinstated',
      subject: { type: 'registration', id: registration.id },
      before: { setAsideAt: setAside.at.toISOString(), setAsideReason: setAside.reason },
      after: { setAsideAt: null, setAsideReason: null },
      clientAddress: input.clientAddress,
    });
    await unit.outbox.enqueue(
      ctx.mails.reinstated(registration.accountEmail, registration, now, catalogue),
      registration.accountId,
      now,
    );
  });
}
