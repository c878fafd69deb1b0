/**
 * « Écarter »: the office sets a registration aside, with a reason (mandatory, at most 1,000
 * characters), e.g. a candidate not eligible or a duplicate. The registration stays as it is,
 * listed as « écartée »; « Réintégrer » undoes it. The candidate is told: a mail with the
 * reason and the pôle to contact, the same on « Mes inscriptions », and no more reminders
 * while it lasts. The change, its audit entry (before and after) and the mail are written in
 * one transaction; the update only applies to a registration not set aside, so two clicks set
 * it aside once, mail once, and the second is told so (409).
 *
 * The candidate may still modify the registration, upload and remove files and write to the
 * pôle: DOMAIN.md gives setting aside no effect on them, and a registration set aside for a
 * missing condition is often put right by the candidate's own correction or document, which
 * the office then reads before « Réintégrer ».
 */
import { DomainError, validationError } from '../errors.js';
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from '../free-text.js';
import type { SetAside } from '../registrations/registration.js';
import type { StaffMember } from '../staff/ports.js';
import { handledRegistration } from './handled-registration.js';
import type { RegistrationFileContext } from './registration-file-ports.js';

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

/** The candidate's mail names the exam and the pôle: without the catalogue, nothing is done. */
export const catalogueMissing = (): DomainError =>
  new DomainError('not_found', 'Le catalogue des examens est introuvable.');

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
    const catalogue = ctx.catalogue();
    if (!catalogue) throw catalogueMissing();
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
    await unit.outbox.enqueue(
      ctx.mails.setAside(registration.accountEmail, registration, done, catalogue),
      registration.accountId,
      now,
    );
    return done;
  });
}
