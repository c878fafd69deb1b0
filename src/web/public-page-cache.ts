/**
 * A memory of the public pages as an anonymous visitor sees them, for the rush: the calendar is
 * the page everybody reloads on the last day. A page is kept only when it set no cookie (no
 * form, hence no CSRF secret) and was built for nobody in particular (no candidate signed in),
 * and only for the second of the server's clock it was built in: a window that closes at
 * 19:00:00 is never shown open from memory at 19:00:00, and a reloaded catalogue (another
 * object) is never served stale. The reply stays `no-store` for browsers and proxies: the
 * same URL shows a signed-in candidate their own header.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Catalogue } from '../domain/catalogue/catalogue.js';

interface Kept {
  second: number;
  catalogue: Catalogue | undefined;
  html: string;
}

export class PublicPageCache {
  readonly #pages = new Map<string, Kept>();

  send(
    request: FastifyRequest,
    reply: FastifyReply,
    at: { now: Date; catalogue: Catalogue | undefined },
    render: () => VNode,
  ): FastifyReply {
    const key = request.url;
    const second = Math.floor(at.now.getTime() / 1000);
    const anonymous = request.account === undefined;
    const kept = this.#pages.get(key);
    let html: string;
    if (anonymous && kept && kept.second === second && kept.catalogue === at.catalogue) {
      html = kept.html;
    } else {
      html = '<!doctype html>' + renderToString(render());
      // Query strings are the visitor's to choose: keep only the bare paths, a fixed few.
      if (anonymous && !reply.hasHeader('set-cookie') && !key.includes('?'))
        this.#pages.set(key, { second, catalogue: at.catalogue, html });
    }
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);
  }
}
