/**
 * Resolves who is signed in (from the session cookie, against the database) and builds the
 * context every page renders with. Registered only around page routes: assets skip it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { currentAccount } from '../../domain/accounts/current-account.js';
import type { Account } from '../../domain/accounts/ports.js';
import type { PageContext } from '../views/page-context.js';
import type { WebDeps } from '../web-deps.js';

export const SESSION_COOKIE = 'candidat_session';

declare module 'fastify' {
  interface FastifyRequest {
    account: Account | undefined;
  }
}

export const sessionResolver = fp<{ deps: WebDeps }>(
  (app: FastifyInstance, { deps }) => {
    app.decorateRequest('account', undefined);
    app.addHook('preHandler', async (request) => {
      request.account = await currentAccount(deps.accounts, request.cookies[SESSION_COOKIE]);
    });
  },
  { name: 'session-resolver', encapsulate: false },
);

// One CSRF token per response: generating two in a request without a secret cookie would
// create two secrets, and the cookie would keep only the last one.
const tokens = new WeakMap<FastifyReply, string>();

function csrfToken(reply: FastifyReply): string {
  let token = tokens.get(reply);
  if (!token) {
    token = reply.generateCsrf();
    tokens.set(reply, token);
  }
  return token;
}

export function pageContext(
  deps: WebDeps,
  request: FastifyRequest,
  reply: FastifyReply,
): PageContext {
  return {
    academyName: academyName(deps),
    stateBrand: deps.config.stateBrand,
    demo: deps.config.demo,
    accountEmail: request.account?.email,
    // Made on first use: a page without a form (the public calendar for an anonymous visitor)
    // then sets no CSRF cookie and costs no secret, which the public pages' cache relies on.
    get csrfToken() {
      return csrfToken(reply);
    },
    desks: deps.catalogue.current()?.desks ?? [],
    path: request.url.split('?')[0] ?? '/',
  };
}

/** The académie's name from the catalogue; a neutral name until a catalogue is imported. */
export function academyName(deps: WebDeps): string {
  return deps.catalogue.current()?.academy.name ?? 'Service des examens';
}

export function setSessionCookie(deps: WebDeps, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secure,
    maxAge: 12 * 3600,
  });
  // A new CSRF secret with the new session: a token from before sign-in is worthless after.
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

export const CSRF_COOKIE = 'candidat_csrf';
