/**
 * « Écarter »: the office sets a registration aside, with a reason (mandatory, at most 1,000
 * characters), e.g. a candidate not eligible or a duplicate. The registration stays as it is,
 * listed as « écartée »; « Réintégrer » undoes it. The change and its audit entry (before and
 * after) are written in one transaction; the update only applies to a registration not set
 * aside, so two clicks set it aside once and the second is told so (409).
 */
import { DomainError, validationError } from '../errors.js';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../free-text.js';
import type { StaffMember } from '../staff/ports.js';
import { handledRegistration } from './handled-registration.js';
import type { RegistrationFileContext, SetAside } from './registration-file-ports.js';

/** The form's field for the reason. */
export const SET_ASIDE_REASON_FIELD = 'motif';
export const MAX_SET_ASIDE_REASON = 1000;

export interface SetAsideInput {
  staff: StaffMember;
  number: string;
  reason: string;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

const alreadySetAside = (): DomainError =>
  new DomainError('conflict', 'Cette inscription est déjà écartée.');

export async function setAside(
  ctx: RegistrationFileContext,
  input: SetAsideInput,
): Promise<SetAside> {
  return ctx.store.transaction(async (unit) => {
    const { registration } = await handledRegistration(ctx, unit, input.staff, input.number);
    if (registration.setAside) throw alreadySetAside();
    const reason = input.reason.trim();
    if (!reason)
      throw validationError({
        [SET_ASIDE_REASON_FIELD]: 'Indiquez pourquoi cette inscription est écartée.',
      });
    if ([...reason].length > MAX_SET_ASIDE_REASON)
      throw validationError({
        [SET_ASIDE_REASON_FIELD]: `Le motif ne peut pas dépasser ${MAX_SET_ASIDE_REASON} caractères.`,
      });
    if (hasControlCharacters(reason))
      throw validationError({ [SET_ASIDE_REASON_FIELD]: CONTROL_CHARACTERS_MESSAGE });
    const now = ctx.clock.now();
    const done: SetAside = { at: now, reason };
    if (!(await unit.registrations.setAside(registration.id, done))) throw alreadySetAside();
    await unit.audit.record({
      at: now,
      actor: { kind: 'staff', id: input.staff.id },
      action: 'registration.set_aside',
      subject: { type: 'registration', id: registration.id },
      before: { setAsideAt: null, setAsideReason: null },
      after: { setAsideAt: now.toISOString(), setAsideReason: reason },
      clientAddress: input.clientAddress,
    });
    return done;
  });
}
