/**
 * Probes for the orchestrator: /healthz says the process answers; /readyz says the database
 * answers and its schema is current, so a load balancer sends no traffic to a node that
 * would fail it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { isReachable } from '../../../infra/db/database.js';
import { pendingMigrations } from '../../../infra/db/migrate.js';
import type { WebDeps } from '../../web-deps.js';

export const healthRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  app.get('/healthz', (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );

  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const pending = (await isReachable(deps.database.db))
      ? await pendingMigrations(deps.database.db).catch(() => null)
      : null;
    if (pending === null)
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    if (pending.length > 0)
      return reply.code(503).send({ status: 'unavailable', database: 'migrations pending' });
    return reply.send({ status: 'ready' });
  });
  return Promise.resolve();
};
