/**
 * Logger settings (pino, Fastify's own). Secrets and personal data never reach the logs:
 * request lines keep the path only (the query string carries activation and reset tokens),
 * and cookies, authorization headers and set-cookie are never logged.
 */
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

interface RequestLike {
  method: string;
  url: string;
  id?: string;
}

export function loggerOptions(config: Pick<Config, 'logLevel'>): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.email',
      ],
      censor: '[masqué]',
    },
    serializers: {
      req: (req: RequestLike) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
    },
  };
}
