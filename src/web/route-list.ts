/**
 * Every route the server registers, as method and URL pattern, collected by an `onRoute`
 * hook added before anything else: the rights-matrix test reads it to fail on a route that
 * has no entry. HEAD routes Fastify derives from GET ones are left out.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

const lists = new WeakMap<FastifyInstance, RouteEntry[]>();

export function collectRoutes(app: FastifyInstance): void {
  const list: RouteEntry[] = [];
  lists.set(app, list);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) list.push({ method, url: route.url });
  });
}

/** The routes registered on `app` (built by buildServer), GET-derived HEAD routes excluded. */
export function registeredRoutes(app: FastifyInstance): RouteEntry[] {
  const list = lists.get(app) ?? [];
  const gets = new Set(list.filter((r) => r.method === 'GET').map((r) => r.url));
  const seen = new Set<string>();
  return list.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (seen.has(key) || (r.method === 'HEAD' && gets.has(r.url))) return false;
    seen.add(key);
    return true;
  });
}
