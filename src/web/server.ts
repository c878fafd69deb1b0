/**
 * Builds the Fastify server: security headers, cookies, form parsing, static assets (DSFR from
 * node_modules), then the page routes inside one scope that checks CSRF on every POST and
 * resolves the signed-in candidate. Health probes and assets stay outside that scope.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerErrorPages, sendFrameworkErrorPage } from './plugins/error-pages.js';
import { addSecurityHeaders, securityHeaders } from './plugins/security-headers.js';
import { CSRF_COOKIE, sessionResolver } from './plugins/page-context.js';
import { accountRoutes } from './routes/accounts/account.routes.js';
import { myAccountRoutes } from './routes/accounts/my-account.routes.js';
import { demoMailboxRoutes } from './routes/demo/mailbox.routes.js';
import { documentRoutes } from './routes/documents/documents.routes.js';
import { healthRoutes } from './routes/health/health.routes.js';
import { homeRoutes } from './routes/home/home.routes.js';
import { officeRoutes } from './routes/office/office.routes.js';
import { passwordRoutes } from './routes/password/password.routes.js';
import { publicRoutes } from './routes/public/public.routes.js';
import { receiptRoutes } from './routes/receipts/receipts.routes.js';
import { chooseExamRoutes } from './routes/registrations/choose-exam.routes.js';
import { requestRoutes } from './routes/registrations/requests.routes.js';
import { wizardRoutes } from './routes/registrations/wizard.routes.js';
import { sessionRoutes } from './routes/session/session.routes.js';
import { registrationMenuRoutes } from './routes/space/registration-menus.routes.js';
import { spaceRoutes } from './routes/space/space.routes.js';
import { personalDataRoutes } from './routes/space/personal-data.routes.js';
import { collectRoutes } from './route-list.js';
import type { WebDeps } from './web-deps.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const publicDir = path.resolve(here, '../../public');
const dsfrDir = path.dirname(
  createRequire(import.meta.url).resolve('@gouvfr/dsfr/dist/dsfr.min.css'),
);

/** Form posts are small; anything bigger is refused with 413 before it is read whole. */
const FORM_BODY_LIMIT = 32 * 1024;

export async function buildServer(
  deps: WebDeps,
  logger: FastifyServerOptions['logger'],
): Promise<FastifyInstance> {
  const { config } = deps;
  const headers = securityHeaders(config);
  const app = Fastify({
    logger,
    trustProxy: config.trustProxy,
    bodyLimit: FORM_BODY_LIMIT,
    return503OnClosing: true,
    // A URL the router cannot decode (e.g. "/compte/%E0") never reaches the error handler.
    frameworkErrors: (error, _request, reply) =>
      sendFrameworkErrorPage(deps, headers, error, reply),
  });
  collectRoutes(app); // before any route: the rights-matrix test lists them all
  // Pages only take urlencoded forms (@fastify/formbody below): without Fastify's built-in
  // JSON and plain-text parsers, any other body is refused with 415 before a route runs.
  app.removeAllContentTypeParsers();

  addSecurityHeaders(app, headers);
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secure, signed: true },
  });
  await app.register(fastifyFormbody, { bodyLimit: FORM_BODY_LIMIT });

  await app.register(fastifyStatic, {
    root: dsfrDir,
    prefix: '/dsfr/',
    maxAge: '1d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/static/',
    maxAge: '1d',
    index: false,
    decorateReply: false,
  });

  registerErrorPages(app, deps);
  await app.register(healthRoutes, { deps });

  await app.register(async (pages) => {
    pages.addHook('preHandler', (request, reply, done) => {
      if (request.method === 'GET' || request.method === 'HEAD') return done();
      pages.csrfProtection(request, reply, done);
    });
    await pages.register(sessionResolver, { deps });
    await pages.register(homeRoutes, { deps });
    await pages.register(publicRoutes, { deps });
    await pages.register(accountRoutes, { deps });
    await pages.register(myAccountRoutes, { deps });
    await pages.register(sessionRoutes, { deps });
    await pages.register(passwordRoutes, { deps });
    await pages.register(spaceRoutes, { deps });
    await pages.register(registrationMenuRoutes, { deps });
    await pages.register(personalDataRoutes, { deps });
    await pages.register(chooseExamRoutes, { deps });
    await pages.register(wizardRoutes, { deps });
    await pages.register(requestRoutes, { deps });
    await pages.register(documentRoutes, { deps });
    await pages.register(receiptRoutes, { deps });
    await pages.register(officeRoutes, { deps });
    if (config.demo) await pages.register(demoMailboxRoutes, { deps });
  });

  return app;
}
