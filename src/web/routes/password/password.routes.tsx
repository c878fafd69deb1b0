/** « Mot de passe oublié ? »: ask for a link by mail, then choose a new password with it. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requestPasswordReset } from '../../../domain/accounts/request-password-reset.js';
import { inspectResetLink, resetPassword } from '../../../domain/accounts/reset-password.js';
import { DomainError } from '../../../domain/errors.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext, setSessionCookie } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { registerLinkRequest } from '../accounts/link-request.js';
import { BadResetLinkPage, NewPasswordPage } from './password.view.js';

const newPasswordForm = z.object({
  jeton: textField,
  password: textField,
  passwordConfirmation: textField,
});

export const passwordRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.accounts;

  registerLinkRequest(
    app,
    deps,
    '/mot-de-passe/oublie',
    {
      title: 'Mot de passe oublié',
      intro: (
        <p>
          Indiquez l’adresse électronique de votre compte : vous recevrez un lien, valable une
          heure, pour choisir un nouveau mot de passe.
        </p>
      ),
      sent: 'Si un compte correspond à cette adresse, un courriel vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Ce lien est valable une heure.',
      hint: 'Format attendu : prenom.nom@exemple.fr',
      button: 'Recevoir un lien',
    },
    (input) => requestPasswordReset(ctx, input),
  );

  app.get('/mot-de-passe/nouveau', async (request, reply) => {
    const { jeton } =
      z.object({ jeton: z.string().optional() }).safeParse(request.query).data ?? {};
    const link = await inspectResetLink(ctx, jeton);
    const page = pageContext(deps, request, reply);
    if (link.state !== 'valid')
      return sendPage(
        reply,
        link.state === 'expired' ? 410 : 400,
        <BadResetLinkPage ctx={page} expired={link.state === 'expired'} />,
      );
    return sendPage(
      reply,
      200,
      <NewPasswordPage ctx={page} token={jeton ?? ''} email={link.email} />,
    );
  });

  app.post('/mot-de-passe/nouveau', async (request, reply) => {
    const form = parseForm(newPasswordForm, request.body);
    try {
      const { sessionToken } = await resetPassword(ctx, {
        token: form.jeton,
        password: form.password,
        passwordConfirmation: form.passwordConfirmation,
      });
      setSessionCookie(deps, reply, sessionToken);
      return reply.redirect('/espace?mot-de-passe=1', 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const page = pageContext(deps, request, reply);
      if (error.code === 'validation') {
        const link = await inspectResetLink(ctx, form.jeton);
        const failure = formFailure(error, reply, ctx.clock.now());
        if (link.state === 'valid')
          return sendPage(
            reply,
            failure.status,
            <NewPasswordPage
              ctx={page}
              token={form.jeton}
              email={link.email}
              fieldErrors={failure.fieldErrors}
            />,
          );
      }
      const expired = error.code === 'expired_token';
      return sendPage(
        reply,
        expired ? 410 : 400,
        <BadResetLinkPage ctx={page} expired={expired} />,
      );
    }
  });
  return Promise.resolve();
};
