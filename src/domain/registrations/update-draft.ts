/**
 * A step of the wizard was sent: what was typed is kept in the draft as typed, valid or not,
 * so « Précédent » and « Suivant » lose nothing. Only plausible field names and lengths are
 * kept. Refused once the window has closed.
 */
import { findWindow } from '../catalogue/catalogue.js';
import { assertWindowOpen } from '../catalogue/registration-window.js';
import { DomainError } from '../errors.js';
import { currentCatalogue } from './current-catalogue.js';
import type { Draft, RegistrationsContext } from './ports.js';
import type { RawFields } from './registration-form.js';

export type DraftStep = 'conditions' | 'identity' | 'candidature';

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,60}$/;
const MAX_FIELDS = 120;
const MAX_VALUE = 2000;

export interface UpdateDraftInput {
  accountId: string;
  sessionCode: string;
  examCode: string;
  step: DraftStep;
  fields: Record<string, string>;
}

export async function updateDraft(
  ctx: RegistrationsContext,
  input: UpdateDraftInput,
): Promise<Draft> {
  const window = findWindow(currentCatalogue(ctx), input.sessionCode, input.examCode);
  if (!window)
    throw new DomainError('not_found', 'Cet examen n’est pas proposé pour cette session.');
  assertWindowOpen(window, ctx.clock.now());
  const kept: RawFields = {};
  for (const [name, value] of Object.entries(input.fields).slice(0, MAX_FIELDS)) {
    if (FIELD_NAME.test(name) && name !== '_csrf') kept[name] = value.slice(0, MAX_VALUE);
  }
  // A draft: a power cut may lose this step (never half of it); the candidate types it again.
  return ctx.store.transaction(
    async (unit) => {
      const draft = await unit.drafts.find(input.accountId, input.sessionCode, input.examCode);
      if (!draft)
        throw new DomainError(
          'not_found',
          'Cette inscription en cours n’existe plus. Recommencez depuis « M’inscrire ».',
        );
      const now = ctx.clock.now();
      if (input.step === 'conditions')
        return unit.drafts.save({
          ...draft,
          conditionsAccepted: kept.conditions === 'oui',
          updatedAt: now,
        });
      if (input.step === 'identity')
        return unit.drafts.save({ ...draft, identity: kept, updatedAt: now });
      return unit.drafts.save({ ...draft, candidature: kept, updatedAt: now });
    },
    { relaxed: true },
  );
}
