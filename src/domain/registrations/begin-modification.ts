/**
 * « Modifier »: opens the wizard on a saved registration, filled with its current version
 * (or the draft already in progress). Refused once the window has closed.
 */
import { findWindow } from '../catalogue/catalogue.js';
import { assertWindowOpen } from '../catalogue/registration-window.js';
import { DomainError } from '../errors.js';
import { currentCatalogue } from './current-catalogue.js';
import type { Draft, RegistrationsContext } from './ports.js';
import { rawFieldsOf } from './registration-form.js';

export async function beginModification(
  ctx: RegistrationsContext,
  input: { accountId: string; sessionCode: string; examCode: string },
): Promise<Draft> {
  const window = findWindow(currentCatalogue(ctx), input.sessionCode, input.examCode);
  if (!window)
    throw new DomainError('not_found', 'Cet examen n’est pas proposé pour cette session.');
  assertWindowOpen(window, ctx.clock.now());
  // A draft: a power cut may lose it (never half of it); « Modifier » makes it again.
  return ctx.store.transaction(
    async (unit) => {
      const draft = await unit.drafts.find(input.accountId, input.sessionCode, input.examCode);
      if (draft) return draft;
      const registration = await unit.registrations.find(
        input.accountId,
        input.sessionCode,
        input.examCode,
      );
      if (!registration) throw new DomainError('not_found', 'Cette inscription n’existe pas.');
      return unit.drafts.save({
        ...input,
        specialtyCode: registration.specialtyCode,
        conditionsAccepted: true,
        ...rawFieldsOf(registration.data),
        updatedAt: ctx.clock.now(),
      });
    },
    { relaxed: true },
  );
}
