/**
 * The office's sign-in: /gestion/connexion (email, password), /gestion/connexion/code (the
 * TOTP code, or its setup at the first sign-in), /gestion/activation (the setup link: choose
 * a password), /gestion/deconnexion. All work without a staff session (`officePublic`).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import { secondFactorStep, verifySecondFactor } from '../../../domain/staff/second-factor.js';
import { completeSetup, inspectSetupLink } from '../../../domain/staff/setup-link.js';
import { signInStaff } from '../../../domain/staff/staff-sign-in.js';
import { signOutStaff } from '../../../domain/staff/staff-session.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { OfficeMessagePage } from './office-layout.js';
import { SecondFactorPage, SetupPasswordPage, StaffSignInPage } from './sign-in.view.js';
import { OFFICE_SIGN_IN, STAFF_COOKIE, clearStaffCookie, setStaffCookie } from './staff-guard.js';

const CODE_PAGE = '/gestion/connexion/code';
const signInForm = z.object({ email: textField, password: textField });
const codeForm = z.object({ code: textField });
const setupForm = z.object({
  jeton: textField,
  password: textField,
  passwordConfirmation: textField,
});
const NOTICES: Record<string, string> = {
  deconnecte: 'Vous êtes déconnecté de l’espace gestionnaire.',
  expire: 'Votre connexion a expiré : recommencez.',
};
const PUBLIC = { config: { officePublic: true } };

export const staffSignInRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.staff;

  app.get(OFFICE_SIGN_IN, PUBLIC, (request, reply) => {
    if (request.staff) return reply.redirect('/gestion', 303);
    // Only a known notice: a lookup by any key would find `constructor` and its kin.
    const { message } =
      z
        .object({ message: z.enum(Object.keys(NOTICES) as [string, ...string[]]).optional() })
        .safeParse(request.query).data ?? {};
    return sendPage(
      reply,
      200,
      <StaffSignInPage
        ctx={pageContext(deps, request, reply)}
        notice={message ? NOTICES[message] : undefined}
      />,
    );
  });

  app.post(OFFICE_SIGN_IN, PUBLIC, async (request, reply) => {
    const form = parseForm(signInForm, request.body);
    try {
      const { pendingToken } = await signInStaff(ctx, { ...form, clientAddress: request.ip });
      await signOutStaff(ctx, request.cookies[STAFF_COOKIE], request.ip);
      setStaffCookie(deps, reply, pendingToken, 'password');
      return await reply.redirect(CODE_PAGE, 303);
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      return sendPage(
        reply,
        failure.status,
        <StaffSignInPage
          ctx={pageContext(deps, request, reply)}
          email={form.email.trim()}
          alert={failure.alert ?? 'Le formulaire contient des erreurs.'}
        />,
      );
    }
  });

  const codePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    alert?: string,
  ): Promise<FastifyReply> => {
    const step = await secondFactorStep(ctx, request.cookies[STAFF_COOKIE]);
    if (!step) return reply.redirect(`${OFFICE_SIGN_IN}?message=expire`, 303);
    const setup = step.setup && {
      secret: step.setup.secret,
      qrSvg: await QRCode.toString(step.setup.uri, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 4,
        width: 224,
      }),
    };
    return sendPage(
      reply,
      status,
      <SecondFactorPage ctx={pageContext(deps, request, reply)} setup={setup} alert={alert} />,
    );
  };

  app.get(CODE_PAGE, PUBLIC, (request, reply) => codePage(request, reply, 200));

  app.post(CODE_PAGE, PUBLIC, async (request, reply) => {
    const form = parseForm(codeForm, request.body);
    try {
      const { sessionToken } = await verifySecondFactor(ctx, {
        pendingToken: request.cookies[STAFF_COOKIE],
        code: form.code,
        clientAddress: request.ip,
      });
      setStaffCookie(deps, reply, sessionToken, 'signed-in');
      return await reply.redirect('/gestion', 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'invalid_token')
        return reply.redirect(`${OFFICE_SIGN_IN}?message=expire`, 303);
      const failure = formFailure(error, reply, ctx.clock.now());
      return codePage(request, reply, failure.status, failure.alert);
    }
  });

  app.post('/gestion/deconnexion', PUBLIC, async (request, reply) => {
    await signOutStaff(ctx, request.cookies[STAFF_COOKIE], request.ip);
    clearStaffCookie(reply);
    return reply.redirect(`${OFFICE_SIGN_IN}?message=deconnecte`, 303);
  });

  const linkRefusal = (
    request: FastifyRequest,
    reply: FastifyReply,
    state: 'expired' | 'used' | 'unknown',
  ): FastifyReply => {
    const [status, title, lead] =
      state === 'expired'
        ? [
            410,
            'Lien expiré',
            'Ce lien a expiré : il n’est valable que 24 heures. Demandez-en un nouveau à un administrateur.',
          ]
        : state === 'used'
          ? [
              400,
              'Lien déjà utilisé',
              'Ce lien a déjà servi. Connectez-vous avec le mot de passe que vous avez choisi.',
            ]
          : [
              400,
              'Lien non valide',
              'Ce lien n’est pas valide. Vérifiez que vous l’avez copié en entier.',
            ];
    return sendPage(
      reply,
      status,
      <OfficeMessagePage
        ctx={pageContext(deps, request, reply)}
        staff={undefined}
        title={title}
        lead={lead}
      >
        <a class="fr-btn" href={OFFICE_SIGN_IN}>
          Aller à la connexion
        </a>
      </OfficeMessagePage>,
    );
  };

  app.get('/gestion/activation', PUBLIC, async (request, reply) => {
    const token = z.object({ jeton: z.string().max(100) }).safeParse(request.query).data?.jeton;
    const link = await inspectSetupLink(ctx, token);
    if (link.state !== 'valid') return linkRefusal(request, reply, link.state);
    return sendPage(
      reply,
      200,
      <SetupPasswordPage
        ctx={pageContext(deps, request, reply)}
        token={token ?? ''}
        name={link.member.name}
        email={link.member.email}
        expiresAt={formatParisDateTime(link.expiresAt)}
      />,
    );
  });

  app.post('/gestion/activation', PUBLIC, async (request, reply) => {
    const form = parseForm(setupForm, request.body);
    try {
      const { pendingToken } = await completeSetup(ctx, {
        token: form.jeton,
        password: form.password,
        passwordConfirmation: form.passwordConfirmation,
        clientAddress: request.ip,
      });
      setStaffCookie(deps, reply, pendingToken, 'password');
      return await reply.redirect(CODE_PAGE, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'validation') throw error;
      const link = await inspectSetupLink(ctx, form.jeton);
      if (link.state !== 'valid') return linkRefusal(request, reply, link.state);
      return sendPage(
        reply,
        422,
        <SetupPasswordPage
          ctx={pageContext(deps, request, reply)}
          token={form.jeton}
          name={link.member.name}
          email={link.member.email}
          expiresAt={formatParisDateTime(link.expiresAt)}
          fieldErrors={error.details.fieldErrors ?? {}}
        />,
      );
    }
  });
  return Promise.resolve();
};
