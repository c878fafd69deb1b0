/**
 * « M'inscrire »: the candidate has chosen a session, an exam and a specialty whose window is
 * open; a draft is opened (or kept, with the new specialty) for the wizard. The identity a
 * first registration locked, and the latest contact details, are filled in for them.
 */
import { findWindow } from '../catalogue/catalogue.js';
import { assertWindowOpen } from '../catalogue/registration-window.js';
import { DomainError } from '../errors.js';
import { currentCatalogue } from './current-catalogue.js';
import { catalogueEntries } from './draft-validation.js';
import type { Draft, RegistrationsContext } from './ports.js';
import { rawFieldsOf } from './registration-form.js';

export interface StartRegistrationInput {
  accountId: string;
  sessionCode: string;
  examCode: string;
  specialtyCode: string;
}

export async function startRegistration(
  ctx: RegistrationsContext,
  input: StartRegistrationInput,
): Promise<Draft> {
  const catalogue = currentCatalogue(ctx);
  catalogueEntries(catalogue, input.sessionCode, input.examCode, input.specialtyCode);
  const window = findWindow(catalogue, input.sessionCode, input.examCode);
  if (!window)
    throw new DomainError('not_found', 'Cet examen n’est pas proposé pour cette session.');
  assertWindowOpen(window, ctx.clock.now());

  // A draft: a power cut may lose it (never half of it); the candidate starts again.
  return ctx.store.transaction(
    async (unit) => {
      if (await unit.registrations.find(input.accountId, input.sessionCode, input.examCode)) {
        throw new DomainError(
          'conflict',
          'Vous êtes déjà inscrit à cet examen pour cette session : modifiez votre inscription.',
        );
      }
      const existing = await unit.drafts.find(input.accountId, input.sessionCode, input.examCode);
      if (existing)
        return unit.drafts.save({
          ...existing,
          specialtyCode: input.specialtyCode,
          updatedAt: ctx.clock.now(),
        });

      // Every registration carries the locked identity: the latest one gives it, with the address.
      const [latest] = await unit.registrations.listByAccount(input.accountId);
      return unit.drafts.save({
        ...input,
        conditionsAccepted: false,
        identity: latest ? rawFieldsOf(latest.data).identity : {},
        candidature: {},
        updatedAt: ctx.clock.now(),
      });
    },
    { relaxed: true },
  );
}
