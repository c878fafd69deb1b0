/**
 * What a page of the wizard shows: the draft in progress, the exam, specialty, session and
 * window it is for, the form options of that specialty, and the identity already locked.
 */
import {
  type ExamOptions,
  type RegistrationWindow,
  findWindow,
  optionsFor,
} from '../catalogue/catalogue.js';
import { DomainError } from '../errors.js';
import { currentCatalogue } from './current-catalogue.js';
import { catalogueEntries, checkDraft, type DraftCheck } from './draft-validation.js';
import type { Draft, RegistrationsContext } from './ports.js';
import type { Identity } from './registration.js';

export interface WizardState extends ReturnType<typeof catalogueEntries> {
  draft: Draft;
  window: RegistrationWindow;
  options: ExamOptions;
  lockedIdentity: Identity | undefined;
  check: DraftCheck;
}

export async function wizardState(
  ctx: RegistrationsContext,
  input: { accountId: string; sessionCode: string; examCode: string },
): Promise<WizardState> {
  const catalogue = currentCatalogue(ctx);
  const { draft, lockedIdentity } = await ctx.store.read(async (unit) => ({
    draft: await unit.drafts.find(input.accountId, input.sessionCode, input.examCode),
    lockedIdentity: await unit.identities.find(input.accountId),
  }));
  if (!draft)
    throw new DomainError(
      'not_found',
      'Aucune inscription en cours pour cet examen. Commencez par « M’inscrire ».',
    );
  const entries = catalogueEntries(
    catalogue,
    draft.sessionCode,
    draft.examCode,
    draft.specialtyCode,
  );
  const window = findWindow(catalogue, draft.sessionCode, draft.examCode);
  if (!window)
    throw new DomainError('not_found', 'Cet examen n’est pas proposé pour cette session.');
  return {
    ...entries,
    draft,
    window,
    options: optionsFor(entries.exam, entries.specialty),
    lockedIdentity,
    check: checkDraft(draft, catalogue, lockedIdentity),
  };
}
