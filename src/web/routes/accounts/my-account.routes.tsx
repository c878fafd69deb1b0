/**
 * « Mon compte » (/compte) for a signed-in candidate: change the password, ask for a change of
 * address, and the link that confirms the new address. That link opens a page with one button
 * and the change happens on its POST, as activation does, so a mail scanner cannot spend it; it
 * works in any browser, signed in or not (the candidate may open the mail on a phone). The new
 * address is shown in pages, never put in a URL: request paths are what the logs keep.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { changePassword } from '../../../domain/accounts/change-password.js';
import {
  confirmEmailChange,
  inspectEmailChangeLink,
} from '../../../domain/accounts/confirm-email-change.js';
import { requestEmailChange } from '../../../domain/accounts/request-email-change.js';
import { DomainError } from '../../../domain/errors.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { SESSION_COOKIE, pageContext, setSessionCookie } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { requireAccount } from '../registrations/wizard.routes.js';
import {
  CHANGE_EMAIL_PATH,
  CHANGE_PASSWORD_PATH,
  CONFIRM_EMAIL_PATH,
  ConfirmEmailPage,
  EmailChangeSentPage,
  EmailChangedPage,
  MY_ACCOUNT_PATH,
  MyAccountPage,
  type RefusedEmailLink,
  RefusedEmailLinkPage,
} from './my-account.view.js';

const passwordForm = z.object({
  currentPassword: textField,
  newPassword: textField,
  newPasswordConfirmation: textField,
});
const emailForm = z.object({ email: textField, password: textField });
const confirmForm = z.object({ jeton: textField });

const NOTICES = {
  'mot-de-passe': 'Votre mot de passe a été modifié. Vos autres connexions ont été fermées.',
  adresse:
    'L’adresse électronique de votre compte a été modifiée. Vos autres connexions ont été fermées.',
};
const noticeQuery = z.object({ modifie: z.enum(['mot-de-passe', 'adresse']).optional() });

const REFUSED_STATUS: Record<RefusedEmailLink, number> = {
  unknown: 400,
  used: 400,
  expired: 410,
  taken: 409,
};

export const myAccountRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.accounts;

  app.get(MY_ACCOUNT_PATH, (request, reply) => {
    if (!request.account) return reply.redirect('/connexion', 303);
    const { modifie } = noticeQuery.safeParse(request.query).data ?? {};
    return sendPage(
      reply,
      200,
      <MyAccountPage
        ctx={pageContext(deps, request, reply)}
        email={request.account.email}
        notice={modifie ? NOTICES[modifie] : undefined}
      />,
    );
  });

  app.post(CHANGE_PASSWORD_PATH, async (request, reply) => {
    const account = requireAccount(request);
    const form = parseForm(passwordForm, request.body);
    try {
      const { sessionToken } = await changePassword(ctx, {
        account,
        ...form,
        clientAddress: request.ip,
      });
      // Every session of the account ended, this browser's too: it gets the new one.
      setSessionCookie(deps, reply, sessionToken);
      return reply.redirect(`${MY_ACCOUNT_PATH}?modifie=mot-de-passe`, 303);
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      return sendPage(
        reply,
        failure.status,
        <MyAccountPage
          ctx={pageContext(deps, request, reply)}
          email={account.email}
          passwordForm={failure}
        />,
      );
    }
  });

  app.post(CHANGE_EMAIL_PATH, async (request, reply) => {
    const account = requireAccount(request);
    const form = parseForm(emailForm, request.body);
    try {
      const { email, expiresAt } = await requestEmailChange(ctx, {
        account,
        ...form,
        clientAddress: request.ip,
      });
      return sendPage(
        reply,
        200,
        <EmailChangeSentPage
          ctx={pageContext(deps, request, reply)}
          email={email}
          expiresAt={expiresAt}
        />,
      );
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      return sendPage(
        reply,
        failure.status,
        <MyAccountPage
          ctx={pageContext(deps, request, reply)}
          email={account.email}
          emailForm={{ ...failure, email: form.email.trim() }}
        />,
      );
    }
  });

  app.get(CONFIRM_EMAIL_PATH, async (request, reply) => {
    const { jeton } =
      z.object({ jeton: z.string().optional() }).safeParse(request.query).data ?? {};
    const link = await inspectEmailChangeLink(ctx, jeton);
    const page = pageContext(deps, request, reply);
    if (link.state !== 'valid')
      return sendPage(
        reply,
        REFUSED_STATUS[link.state],
        <RefusedEmailLinkPage ctx={page} reason={link.state} />,
      );
    return sendPage(
      reply,
      200,
      <ConfirmEmailPage
        ctx={page}
        token={jeton ?? ''}
        email={link.email}
        expiresAt={link.expiresAt}
      />,
    );
  });

  app.post(CONFIRM_EMAIL_PATH, async (request, reply) => {
    const { jeton } = parseForm(confirmForm, request.body);
    let reason: RefusedEmailLink;
    try {
      const { email, sessionToken } = await confirmEmailChange(ctx, {
        token: jeton,
        sessionToken: request.cookies[SESSION_COOKIE],
        clientAddress: request.ip,
      });
      if (sessionToken) {
        setSessionCookie(deps, reply, sessionToken);
        return reply.redirect(`${MY_ACCOUNT_PATH}?modifie=adresse`, 303);
      }
      return sendPage(
        reply,
        200,
        <EmailChangedPage ctx={pageContext(deps, request, reply)} email={email} />,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'expired_token') reason = 'expired';
      else if (error.code === 'conflict') reason = 'taken';
      else {
        const link = await inspectEmailChangeLink(ctx, jeton);
        reason = link.state === 'used' ? 'used' : 'unknown';
      }
    }
    return sendPage(
      reply,
      REFUSED_STATUS[reason],
      <RefusedEmailLinkPage ctx={pageContext(deps, request, reply)} reason={reason} />,
    );
  });
  return Promise.resolve();
};
