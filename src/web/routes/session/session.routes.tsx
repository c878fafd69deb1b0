/**
 * « Se connecter » and « Se déconnecter ». A sign-in always issues a new session cookie (and a
 * new CSRF secret) and ends the session the browser had before, so nothing carries over.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { signIn } from '../../../domain/accounts/sign-in.js';
import { signOut } from '../../../domain/accounts/sign-out.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import {
  SESSION_COOKIE,
  clearSessionCookie,
  pageContext,
  setSessionCookie,
} from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { SignInPage } from './sign-in.view.js';

const signInForm = z.object({ email: textField, password: textField });
const NOTICES: Record<string, string> = {
  deconnecte: 'Vous êtes déconnecté.',
};

export const sessionRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.accounts;

  app.get('/connexion', (request, reply) => {
    if (request.account) return reply.redirect('/espace', 303);
    // Only a known notice: a lookup by any key would find `constructor` and its kin.
    const { message } =
      z
        .object({ message: z.enum(Object.keys(NOTICES) as [string, ...string[]]).optional() })
        .safeParse(request.query).data ?? {};
    return sendPage(
      reply,
      200,
      <SignInPage
        ctx={pageContext(deps, request, reply)}
        notice={message ? NOTICES[message] : undefined}
      />,
    );
  });

  app.post('/connexion', async (request, reply) => {
    const form = parseForm(signInForm, request.body);
    try {
      const { sessionToken } = await signIn(ctx, { ...form, clientAddress: request.ip });
      await signOut(ctx, request.cookies[SESSION_COOKIE]);
      setSessionCookie(deps, reply, sessionToken);
      return reply.redirect('/espace', 303);
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      return sendPage(
        reply,
        failure.status,
        <SignInPage
          ctx={pageContext(deps, request, reply)}
          email={form.email.trim()}
          alert={failure.alert}
          notActive={failure.status === 403}
        />,
      );
    }
  });

  app.post('/deconnexion', async (request, reply) => {
    await signOut(ctx, request.cookies[SESSION_COOKIE]);
    clearSessionCookie(reply);
    return reply.redirect('/connexion?message=deconnecte', 303);
  });
  return Promise.resolve();
};
