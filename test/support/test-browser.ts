/**
 * A minimal browser over Fastify's inject: it keeps cookies like a browser would (HttpOnly
 * included), reads forms from the pages it got, and posts them back with their CSRF token
 * and hidden fields. Each instance has its own client address (random unless given), so rate
 * limits do not mix.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type HTMLElement, parse } from 'node-html-parser';

export interface Page {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  html: HTMLElement;
  /** The visible text of <main>, white space folded. */
  text: string;
  location: string | undefined;
  setCookies: string[];
}

type Fields = Record<string, string | string[]>;

export class TestBrowser {
  readonly cookies = new Map<string, string>();
  readonly address: string;

  /** `address` is the client address the server sees; a random one by default. */
  constructor(
    private readonly server: FastifyInstance,
    address?: string,
  ) {
    this.address = address ?? `203.0.113.${randomInt(1, 254)}`;
  }

  async get(url: string): Promise<Page> {
    return this.request('GET', url);
  }

  /** Posts urlencoded fields; `csrf` is added unless given as null. */
  async post(url: string, fields: Fields, csrf: string | null): Promise<Page> {
    const all: Fields = csrf === null ? fields : { _csrf: csrf, ...fields };
    return this.request('POST', url, encode(all), 'application/x-www-form-urlencoded');
  }

  async raw(
    method: 'POST' | 'GET',
    url: string,
    payload: string | Buffer,
    contentType: string,
  ): Promise<Page> {
    return this.request(method, url, payload, contentType);
  }

  /** Fills the form posting to `action` on `page` (hidden fields kept) and submits it. */
  async submit(page: Page, action: string, fields: Fields): Promise<Page> {
    const form = page.html
      .querySelectorAll('form')
      .find((f) => f.getAttribute('action') === action);
    if (!form) throw new Error(`no form posting to ${action} on this page (status ${page.status})`);
    const hidden: Fields = {};
    for (const input of form.querySelectorAll('input[type=hidden]')) {
      hidden[input.getAttribute('name') ?? ''] = input.getAttribute('value') ?? '';
    }
    return this.post(action, { ...hidden, ...fields }, null);
  }

  /** Follows a 303 redirect once. */
  async follow(page: Page): Promise<Page> {
    if (!page.location) throw new Error(`not a redirect: ${page.status}`);
    return this.get(page.location);
  }

  private async request(
    method: 'GET' | 'POST',
    url: string,
    payload?: string | Buffer,
    contentType?: string,
  ): Promise<Page> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.server.inject({
      method,
      url,
      remoteAddress: this.address,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });
    for (const c of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const expired =
        c.maxAge === 0 ||
        (c.expires !== undefined && c.expires.getTime() <= Date.now()) ||
        c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const html = parse(response.body);
    const setCookie = response.headers['set-cookie'];
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      html,
      text: (html.querySelector('main')?.textContent ?? response.body).replace(/\s+/g, ' ').trim(),
      location:
        typeof response.headers.location === 'string' ? response.headers.location : undefined,
      setCookies: setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie],
    };
  }
}

export function encode(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

/** The CSRF token of the first form on the page. */
export function csrfOf(page: Page): string {
  const token = page.html.querySelector('input[name=_csrf]')?.getAttribute('value');
  if (!token) throw new Error('no CSRF token on this page');
  return token;
}
