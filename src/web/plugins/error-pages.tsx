/**
 * One place that turns every failure into a French page with the right status and no internal
 * detail: refusals of the domain, malformed requests caught by Fastify (body too large, wrong
 * content type, bad CSRF token), unknown URLs, an unreachable database (503), and bugs (500,
 * logged with their stack on the server only).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../../domain/errors.js';
import { sendPage } from '../render.js';
import { MessagePage } from '../views/message-page.js';
import type { PageContext } from '../views/page-context.js';
import type { WebDeps } from '../web-deps.js';
import { academyName, pageContext } from './page-context.js';
import type { SecurityHeaders } from './security-headers.js';

export const STATUS_OF: Record<DomainErrorCode, number> = {
  validation: 422,
  invalid_token: 400,
  expired_token: 410,
  bad_credentials: 401,
  account_not_active: 403,
  rate_limited: 429,
  window_closed: 409,
  window_not_open: 409,
  conflict: 409,
  not_found: 404,
  forbidden: 403,
  too_large: 413,
  unsupported_media: 415,
};

const TITLES: Record<number, string> = {
  400: 'Demande incorrecte',
  401: 'Connexion nécessaire',
  403: 'Accès refusé',
  404: 'Page non trouvée',
  405: 'Action non permise',
  409: 'Action impossible',
  410: 'Lien expiré',
  413: 'Envoi trop volumineux',
  415: 'Format non accepté',
  422: 'Formulaire incorrect',
  429: 'Trop de tentatives',
  500: 'Erreur inattendue',
  503: 'Service temporairement indisponible',
};

const LEADS: Record<number, string> = {
  400: 'La demande envoyée est incomplète ou mal formée. Revenez à la page précédente et recommencez.',
  403: 'Vous n’avez pas accès à cette page ou à cette action.',
  404: 'La page que vous cherchez n’existe pas ou a été déplacée. Vérifiez l’adresse, ou repartez de l’accueil.',
  405: 'Cette action n’est pas permise à cette adresse.',
  413: 'Le contenu envoyé dépasse la taille autorisée.',
  415: 'Le contenu envoyé n’est pas dans un format accepté. Utilisez le formulaire de la page.',
  429: 'Vous avez fait trop de demandes en peu de temps. Patientez quelques minutes avant de recommencer.',
  500: 'Une erreur inattendue s’est produite. Votre demande n’a pas été enregistrée. Réessayez dans quelques instants.',
  503: 'Le service est momentanément indisponible. Votre demande n’a pas été enregistrée. Réessayez dans quelques minutes.',
};

const CSRF_LEAD =
  'Le formulaire a expiré ou n’a pas pu être vérifié, et rien n’a été enregistré. Revenez à la page, rechargez-la, puis envoyez le formulaire à nouveau.';

// Errors that mean "the database is not there right now" rather than "the code is wrong".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  'SQLITE_BUSY',
]);

function isUnavailable(error: FastifyError): boolean {
  return (
    (typeof error.code === 'string' && UNAVAILABLE_CODES.has(error.code)) ||
    // node-postgres: a connection cut mid-request, the pool unable to connect, or a client
    // whose connection broke while it was checked out (see infra/db/database.ts).
    /Connection terminated|timeout exceeded when trying to connect|not queryable/i.test(
      error.message,
    )
  );
}

export function registerErrorPages(app: FastifyInstance, deps: WebDeps): void {
  const render = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    lead: string,
  ): FastifyReply =>
    sendPage(
      reply,
      status,
      <MessagePage
        ctx={pageContext(deps, request, reply)}
        title={TITLES[status] ?? 'Erreur'}
        lead={lead}
      />,
    );

  app.setNotFoundHandler((request, reply) => render(request, reply, 404, LEADS[404] ?? ''));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const status = STATUS_OF[error.code];
      return render(request, reply, status, error.message);
    }
    if (typeof error.code === 'string' && error.code.startsWith('FST_CSRF')) {
      return render(request, reply, 403, CSRF_LEAD);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return render(request, reply, status, LEADS[status] ?? LEADS[400] ?? '');
    }
    if (isUnavailable(error)) {
      request.log.warn({ code: error.code }, 'database unavailable');
      reply.header('retry-after', '30');
      return render(request, reply, 503, LEADS[503] ?? '');
    }
    request.log.error({ err: error }, 'unexpected error');
    return render(request, reply, 500, LEADS[500] ?? '');
  });
}

/**
 * Fastify's `frameworkErrors`: a request the router refuses before any route or hook runs (a
 * URL that cannot be percent-decoded) gets the same French page instead of Fastify's English
 * JSON. No hook ran, so there is no session, no CSRF secret and no security headers: they are
 * set here.
 */
export function sendFrameworkErrorPage(
  deps: WebDeps,
  headers: SecurityHeaders,
  error: FastifyError,
  reply: FastifyReply,
): void {
  const code = error.statusCode ?? 500;
  const status = code >= 400 && code < 500 ? code : 500;
  if (status === 500) reply.log.error({ err: error }, 'unexpected framework error');
  const ctx: PageContext = {
    academyName: academyName(deps),
    stateBrand: deps.config.stateBrand,
    demo: deps.config.demo,
    accountEmail: undefined,
    csrfToken: '',
    desks: deps.catalogue.current()?.desks ?? [],
    path: '',
  };
  reply.headers(headers);
  void sendPage(
    reply,
    status,
    <MessagePage
      ctx={ctx}
      title={TITLES[status] ?? 'Erreur'}
      lead={LEADS[status] ?? LEADS[400] ?? ''}
    />,
  );
}
