/**
 * « M'inscrire » and « Modifier »: the wizard's pages. Each step posts what was typed, which
 * the draft keeps as typed (so « Précédent » and « Suivant » lose nothing); « Suivant » moves
 * on only when the step is complete; « Enregistrer » saves a new version. Works without
 * JavaScript: every page is a plain form.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Account } from '../../../domain/accounts/ports.js';
import type { Catalogue } from '../../../domain/catalogue/catalogue.js';
import { assertWindowOpen } from '../../../domain/catalogue/registration-window.js';
import { DomainError } from '../../../domain/errors.js';
import { beginModification } from '../../../domain/registrations/begin-modification.js';
import type { WizardStep } from '../../../domain/registrations/draft-validation.js';
import {
  summarize,
  summarizeIdentity,
} from '../../../domain/registrations/registration-summary.js';
import { saveRegistration } from '../../../domain/registrations/save-registration.js';
import { type DraftStep, updateDraft } from '../../../domain/registrations/update-draft.js';
import { type WizardState, wizardState } from '../../../domain/registrations/wizard-state.js';
import { parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { STEP_TITLES } from './wizard-labels.js';
import {
  CandidatureStep,
  ConditionsStep,
  IdentityStep,
  RecapStep,
  type WizardFrame,
} from './wizard.view.js';

const ORDER = ['conditions', 'identite', 'candidature', 'recapitulatif'] as const;
const DRAFT_STEP: Record<WizardStep, DraftStep> = {
  conditions: 'conditions',
  identite: 'identity',
  candidature: 'candidature',
};

export const wizardParams = z.object({
  session: z.string().regex(/^[A-Za-z0-9-]{1,20}$/),
  exam: z.string().regex(/^[A-Za-z0-9]{1,10}$/),
});
const pageParams = wizardParams.extend({ step: z.enum(ORDER) });
const postParams = wizardParams.extend({ step: z.enum(['conditions', 'identite', 'candidature']) });
const stepForm = z.record(z.string(), textField);
const saveForm = z.object({ revision: z.coerce.number().int().min(1) });

export function basePath(sessionCode: string, examCode: string): string {
  return `/inscription/${encodeURIComponent(sessionCode)}/${encodeURIComponent(examCode)}`;
}

/** The signed-in account, or a refusal (a session that ended between two steps). */
export function requireAccount(request: FastifyRequest): Account {
  if (!request.account)
    throw new DomainError('forbidden', 'Votre session a expiré : reconnectez-vous pour continuer.');
  return request.account;
}

export const wizardRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.registrations;

  /** The wizard's state; outside the window every page refuses, as every write would. */
  const openState = async (
    request: FastifyRequest,
    params: z.infer<typeof wizardParams>,
  ): Promise<WizardState> => {
    const account = requireAccount(request);
    const s = await wizardState(ctx, {
      accountId: account.id,
      sessionCode: params.session,
      examCode: params.exam,
    });
    assertWindowOpen(s.window, ctx.clock.now());
    return s;
  };

  const frame = (request: FastifyRequest, reply: FastifyReply, s: WizardState): WizardFrame => ({
    ctx: pageContext(deps, request, reply),
    exam: s.exam,
    specialty: s.specialty,
    session: s.session,
    window: s.window,
    base: basePath(s.draft.sessionCode, s.draft.examCode),
  });

  const renderStep = (
    request: FastifyRequest,
    reply: FastifyReply,
    s: WizardState,
    step: WizardStep,
    errors: Record<string, string>,
    status: number,
  ): FastifyReply => {
    const f = frame(request, reply, s);
    if (step === 'conditions')
      return sendPage(
        reply,
        status,
        <ConditionsStep
          frame={f}
          accepted={s.draft.conditionsAccepted}
          error={errors.conditions}
        />,
      );
    if (step === 'identite') {
      const locked = s.lockedIdentity && summarizeIdentity(s.lockedIdentity);
      return sendPage(
        reply,
        status,
        <IdentityStep frame={f} fields={s.draft.identity} errors={errors} lockedSummary={locked} />,
      );
    }
    return sendPage(
      reply,
      status,
      <CandidatureStep
        frame={f}
        options={s.options}
        fields={s.draft.candidature}
        errors={errors}
      />,
    );
  };

  const renderRecap = (
    request: FastifyRequest,
    reply: FastifyReply,
    s: WizardState,
    status: number,
    catalogue: Catalogue,
  ): FastifyReply => {
    const base = basePath(s.draft.sessionCode, s.draft.examCode);
    const incomplete = (['conditions', 'identite', 'candidature'] as const)
      .filter((step) => Object.keys(s.check.errors[step]).length > 0)
      .map((step) => ({ step: STEP_TITLES[ORDER.indexOf(step)] ?? step, path: `${base}/${step}` }));
    const lines = s.check.data && summarize({ ...s.draft, data: s.check.data }, catalogue);
    return sendPage(
      reply,
      status,
      <RecapStep
        frame={frame(request, reply, s)}
        lines={lines}
        revision={s.draft.revision}
        stepErrors={incomplete}
      />,
    );
  };

  const catalogueNow = (): Catalogue => {
    const catalogue = deps.catalogue.current();
    if (!catalogue)
      throw new DomainError(
        'not_found',
        'Aucun examen n’est ouvert aux inscriptions pour le moment.',
      );
    return catalogue;
  };

  app.get('/inscription/:session/:exam/:step', async (request, reply) => {
    const params = pageParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const s = await openState(request, params.data);
    if (params.data.step === 'recapitulatif')
      return renderRecap(request, reply, s, 200, catalogueNow());
    return renderStep(request, reply, s, params.data.step, {}, 200);
  });

  app.post('/inscription/:session/:exam/:step', async (request, reply) => {
    const params = postParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const account = requireAccount(request);
    const { action, ...fields } = parseForm(stepForm, request.body);
    const { session, exam, step } = params.data;
    await updateDraft(ctx, {
      accountId: account.id,
      sessionCode: session,
      examCode: exam,
      step: DRAFT_STEP[step],
      fields,
    });
    const base = basePath(session, exam);
    const index = ORDER.indexOf(step);
    if (action === 'precedent')
      return reply.redirect(`${base}/${ORDER[Math.max(0, index - 1)]}`, 303);
    const s = await openState(request, params.data);
    const errors = s.check.errors[step];
    if (Object.keys(errors).length > 0) return renderStep(request, reply, s, step, errors, 422);
    return reply.redirect(`${base}/${ORDER[index + 1]}`, 303);
  });

  app.post('/inscription/:session/:exam/enregistrer', async (request, reply) => {
    const params = wizardParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const account = requireAccount(request);
    const { revision } = parseForm(saveForm, request.body);
    const s = await wizardState(ctx, {
      accountId: account.id,
      sessionCode: params.data.session,
      examCode: params.data.exam,
    }).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return undefined; // a double submit already saved it
      throw error;
    });
    if (!s) return reply.redirect('/espace', 303);
    try {
      const saved = await saveRegistration(ctx, {
        accountId: account.id,
        accountEmail: account.email,
        fields: s.draft,
        draftRevision: revision,
        clientAddress: request.ip,
      });
      return reply.redirect(`/espace?enregistree=${encodeURIComponent(saved.number)}`, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'conflict')
        return reply.redirect('/espace', 303);
      if (error instanceof DomainError && error.code === 'validation')
        return renderRecap(request, reply, s, 422, catalogueNow());
      throw error;
    }
  });

  app.post('/inscription/:session/:exam/modifier', async (request, reply) => {
    const params = wizardParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const account = requireAccount(request);
    await beginModification(ctx, {
      accountId: account.id,
      sessionCode: params.data.session,
      examCode: params.data.exam,
    });
    return reply.redirect(`${basePath(params.data.session, params.data.exam)}/identite`, 303);
  });
  return Promise.resolve();
};
