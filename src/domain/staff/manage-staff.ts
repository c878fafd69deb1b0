/**
 * « Personnel », for administrators: the list of staff members, and disabling one. A disabled
 * member's sessions end at once and they can no longer sign in; their entries in the audit
 * log stay. An administrator cannot disable themselves, so there is always one left.
 */
import type { AuditActor } from '../audit/ports.js';
import { DomainError } from '../errors.js';
import type { StaffContext, StaffMember } from './ports.js';

export function listStaff(ctx: StaffContext): Promise<StaffMember[]> {
  return ctx.store.transaction((unit) => unit.staff.list());
}

export interface DisableStaffInput {
  staffId: string;
  actor: AuditActor;
  clientAddress?: string | undefined;
}

export async function disableStaff(
  ctx: StaffContext,
  input: DisableStaffInput,
): Promise<StaffMember> {
  if (input.actor.kind === 'staff' && input.actor.id === input.staffId)
    throw new DomainError('conflict', 'Vous ne pouvez pas désactiver votre propre accès.');
  return ctx.store.transaction(async (unit) => {
    const member = await unit.staff.findById(input.staffId);
    if (!member) throw new DomainError('not_found', 'Ce membre du personnel n’existe pas.');
    const now = ctx.clock.now();
    if (!(await unit.staff.disable(member.id, now)))
      throw new DomainError('conflict', 'Cet accès est déjà désactivé.');
    await unit.sessions.deleteForStaff(member.id);
    await unit.audit.record({
      at: now,
      actor: input.actor,
      action: 'staff.disabled',
      subject: { type: 'staff', id: member.id },
      before: { disabledAt: null },
      after: { disabledAt: now.toISOString() },
      clientAddress: input.clientAddress,
    });
    return { ...member, disabledAt: now };
  });
}
