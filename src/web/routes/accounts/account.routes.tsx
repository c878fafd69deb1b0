/**
 * « Créer votre compte » and « Activer mon compte ». The activation link opens a page with one
 * button: activation happens on its POST, so a mail scanner that follows links cannot spend
 * the candidate's single-use link (or get the session meant for them).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  activateAccount,
  inspectActivationLink,
} from '../../../domain/accounts/activate-account.js';
import { createAccount } from '../../../domain/accounts/create-account.js';
import { resendActivation } from '../../../domain/accounts/resend-activation.js';
import { DomainError } from '../../../domain/errors.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext, setSessionCookie } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { registerLinkRequest } from './link-request.js';
import {
  CheckYourMailPage,
  ConfirmActivationPage,
  ExpiredActivationPage,
  UnknownActivationPage,
} from './activation.view.js';
import { CreateAccountPage } from './create-account.view.js';

const createForm = z.object({
  email: textField,
  password: textField,
  passwordConfirmation: textField,
});
const activateForm = z.object({ jeton: textField });
const tokenQuery = z.object({ jeton: z.string().optional() });

export const accountRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.accounts;

  app.get('/compte/creer', (request, reply) =>
    sendPage(reply, 200, <CreateAccountPage ctx={pageContext(deps, request, reply)} />),
  );

  app.post('/compte/creer', async (request, reply) => {
    const form = parseForm(createForm, request.body);
    try {
      const { email } = await createAccount(ctx, { ...form, clientAddress: request.ip });
      return sendPage(
        reply,
        200,
        <CheckYourMailPage ctx={pageContext(deps, request, reply)} email={email} />,
      );
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      return sendPage(
        reply,
        failure.status,
        <CreateAccountPage
          ctx={pageContext(deps, request, reply)}
          email={form.email.trim()}
          fieldErrors={failure.fieldErrors}
          alert={failure.alert}
        />,
      );
    }
  });

  app.get('/compte/activer', async (request, reply) => {
    const { jeton } = tokenQuery.safeParse(request.query).data ?? {};
    const link = await inspectActivationLink(ctx, jeton);
    const page = pageContext(deps, request, reply);
    switch (link.state) {
      case 'valid':
        return sendPage(
          reply,
          200,
          <ConfirmActivationPage
            ctx={page}
            token={jeton ?? ''}
            email={link.email}
            deadline={link.deadline}
          />,
        );
      case 'expired':
        return sendPage(reply, 410, <ExpiredActivationPage ctx={page} deadline={link.deadline} />);
      default:
        return sendPage(
          reply,
          400,
          <UnknownActivationPage ctx={page} used={link.state === 'used'} />,
        );
    }
  });

  app.post('/compte/activer', async (request, reply) => {
    const { jeton } = parseForm(activateForm, request.body);
    try {
      const { sessionToken } = await activateAccount(ctx, jeton);
      setSessionCookie(deps, reply, sessionToken);
      return reply.redirect('/espace?bienvenue=1', 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const page = pageContext(deps, request, reply);
      if (error.code === 'expired_token')
        return sendPage(
          reply,
          410,
          <ExpiredActivationPage ctx={page} deadline={error.details.retryAt} />,
        );
      const link = await inspectActivationLink(ctx, jeton);
      return sendPage(
        reply,
        400,
        <UnknownActivationPage ctx={page} used={link.state === 'used'} />,
      );
    }
  });

  registerLinkRequest(
    app,
    deps,
    '/compte/activation',
    {
      title: 'Recevoir un nouveau lien d’activation',
      intro: (
        <p>
          Indiquez l’adresse électronique du compte créé : vous recevrez un nouveau lien « Activer
          mon compte ».
        </p>
      ),
      sent: 'Si un compte en attente d’activation correspond à cette adresse, un nouveau courriel vient de lui être envoyé. Le délai de 48 heures court toujours depuis la création du compte.',
      hint: 'Celle du compte créé',
      button: 'Envoyer un nouveau lien',
    },
    (input) => resendActivation(ctx, input),
  );
  return Promise.resolve();
};
