/**
 * The first two pages of « M'inscrire »: choose the session and exam among the windows open
 * now, then the specialty; the wizard's draft starts there.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findExam, findSession } from '../../../domain/catalogue/catalogue.js';
import { windowState } from '../../../domain/catalogue/registration-window.js';
import { DomainError } from '../../../domain/errors.js';
import { startRegistration } from '../../../domain/registrations/start-registration.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import { RadioGroup, Select } from '../../views/choices.js';
import { Alert, CsrfField } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { WebDeps } from '../../web-deps.js';
import { basePath, requireAccount, wizardParams } from './wizard.routes.js';

export const chooseExamRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.registrations;

  const openWindows = (): { value: string; label: string; hint: string }[] => {
    const catalogue = deps.catalogue.current();
    if (!catalogue) return [];
    const now = ctx.clock.now();
    return catalogue.windows
      .filter((w) => windowState(w, now) === 'open')
      .map((w) => ({
        value: `${w.sessionCode}/${w.examCode}`,
        label: `${findExam(catalogue, w.examCode)?.shortName ?? w.examCode} – ${findExam(catalogue, w.examCode)?.name ?? ''} – ${findSession(catalogue, w.sessionCode)?.name ?? w.sessionCode}`,
        hint: `Inscriptions ouvertes jusqu’au ${formatParisDateTime(w.closesAt)}`,
      }));
  };

  const choosePage = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error?: string,
  ): FastifyReply => {
    const options = openWindows();
    const ctxPage = pageContext(deps, request, reply);
    return sendPage(
      reply,
      status,
      <Layout ctx={ctxPage} title="M’inscrire">
        <h1>M’inscrire</h1>
        {options.length === 0 ? (
          <Alert kind="info" title="Aucune inscription n’est ouverte en ce moment.">
            <p>
              Consultez <a href="/calendrier">le calendrier des inscriptions</a>.
            </p>
          </Alert>
        ) : (
          <form method="post" action="/inscription/nouvelle">
            <CsrfField token={ctxPage.csrfToken} />
            <RadioGroup
              name="examen"
              legend="Choisissez l’examen et la session"
              options={options}
              value={undefined}
              error={error}
            />
            <button type="submit" class="fr-btn">
              Continuer
            </button>
          </form>
        )}
      </Layout>,
    );
  };

  app.get('/inscription/nouvelle', (request, reply) => {
    if (!request.account) return reply.redirect('/connexion', 303);
    return choosePage(request, reply, 200);
  });

  app.post('/inscription/nouvelle', (request, reply) => {
    requireAccount(request);
    const { examen } = parseForm(z.object({ examen: textField.optional() }), request.body);
    const chosen = openWindows().find((o) => o.value === examen);
    if (!chosen)
      return choosePage(
        request,
        reply,
        422,
        'Choisissez un examen parmi ceux dont les inscriptions sont ouvertes.',
      );
    return reply.redirect(`/inscription/${chosen.value}/specialite`, 303);
  });

  const specialtyPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    params: z.infer<typeof wizardParams>,
    status: number,
    error?: string,
  ): FastifyReply => {
    const catalogue = deps.catalogue.current();
    const exam = catalogue && findExam(catalogue, params.exam);
    const session = catalogue && findSession(catalogue, params.session);
    if (!catalogue || !exam || !session)
      throw new DomainError('not_found', 'Cet examen ou cette session n’existe pas.');
    const specialties = catalogue.specialties
      .filter((s) => s.examCode === exam.code)
      .map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));
    const ctxPage = pageContext(deps, request, reply);
    return sendPage(
      reply,
      status,
      <Layout ctx={ctxPage} title={`Spécialité – ${exam.shortName}`}>
        <h1>
          M’inscrire : {exam.shortName} – {session.name}
        </h1>
        <form method="post" action={`${basePath(params.session, params.exam)}/specialite`}>
          <CsrfField token={ctxPage.csrfToken} />
          <Select
            name="specialite"
            label="Spécialité"
            options={specialties}
            value={undefined}
            error={error}
          />
          <button type="submit" class="fr-btn">
            Commencer mon inscription
          </button>
        </form>
      </Layout>,
    );
  };

  app.get('/inscription/:session/:exam/specialite', (request, reply) => {
    const params = wizardParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    return specialtyPage(request, reply, params.data, 200);
  });

  app.post('/inscription/:session/:exam/specialite', async (request, reply) => {
    const params = wizardParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const account = requireAccount(request);
    const { specialite } = parseForm(z.object({ specialite: textField.optional() }), request.body);
    const catalogue = deps.catalogue.current();
    const known =
      catalogue &&
      specialite &&
      catalogue.specialties.some((s) => s.examCode === params.data.exam && s.code === specialite);
    if (!known)
      return specialtyPage(
        request,
        reply,
        params.data,
        422,
        'Choisissez votre spécialité dans la liste.',
      );
    try {
      await startRegistration(ctx, {
        accountId: account.id,
        sessionCode: params.data.session,
        examCode: params.data.exam,
        specialtyCode: specialite,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'conflict')
        return reply.redirect('/espace?deja-inscrit=1', 303);
      throw error;
    }
    return reply.redirect(`${basePath(params.data.session, params.data.exam)}/conditions`, 303);
  });
  return Promise.resolve();
};
