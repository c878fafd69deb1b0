/**
 * A virtual candidate's browser over undici: it keeps its cookies (HttpOnly ones included),
 * reads the CSRF token and form actions from the pages it gets, posts urlencoded forms and
 * multipart uploads the way the pages' forms do, and records the time of every request under
 * a step name. Each browser has its own client address, sent as X-Forwarded-For (the portal
 * runs with TRUST_PROXY=true, as behind its reverse proxy), so the per-address rate limits
 * count each candidate apart, as they would in production.
 */
import { randomBytes } from 'node:crypto';
import { type Dispatcher, request } from 'undici';
import type { StepRecorder } from './stats.js';

export interface Reply {
  status: number;
  location: string | undefined;
  contentType: string;
  text: string;
  bytes: Buffer;
}

/** A request whose answer was not the one the journey needs: an error of that step. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`${step}: ${detail}`);
    this.name = 'StepError';
  }
}

/** Told of every answer (or failure to get one) of a browser, e.g. to check each status. */
export type ReplyObserver = (step: string, outcome: Reply | Error) => void;

let addressCounter = 0;

/** A distinct client address per virtual candidate, in the benchmarking range 198.18.0.0/15. */
export function nextAddress(): string {
  addressCounter += 1;
  const n = addressCounter;
  return `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`;
}

export class Browser {
  readonly cookies = new Map<string, string>();
  private turn = 0;

  constructor(
    /** The server's base URLs; with several (app nodes), requests alternate between them. */
    private readonly bases: readonly string[],
    private readonly dispatcher: Dispatcher,
    readonly address: string = nextAddress(),
    private readonly recorder?: StepRecorder,
    private readonly observer?: ReplyObserver,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  forgetCookies(): void {
    this.cookies.clear();
  }

  /** Records the time of something the bench did for this candidate (not a request). */
  recordBench(step: string, ms: number): void {
    this.recorder?.record(step, ms);
  }

  async get(step: string, path: string, binary = false): Promise<Reply> {
    return this.send(step, 'GET', path, undefined, undefined, binary);
  }

  async postForm(step: string, path: string, fields: Record<string, string>): Promise<Reply> {
    return this.send(
      step,
      'POST',
      path,
      new URLSearchParams(fields).toString(),
      'application/x-www-form-urlencoded',
    );
  }

  /** Posts a file as the « Ajouter » form does: the CSRF field first, then the file. */
  async postFile(
    step: string,
    path: string,
    csrf: string,
    file: { name: string; type: string; bytes: Buffer },
  ): Promise<Reply> {
    const boundary = `----candidat-bench-${randomBytes(12).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.send(step, 'POST', path, body, `multipart/form-data; boundary=${boundary}`);
  }

  private async send(
    step: string,
    method: 'GET' | 'POST',
    path: string,
    body: string | Buffer | undefined,
    contentType: string | undefined,
    binary = false,
  ): Promise<Reply> {
    const base = this.bases[this.turn++ % this.bases.length] ?? '';
    const headers: Record<string, string> = { 'x-forwarded-for': this.address };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (contentType) headers['content-type'] = contentType;
    const started = performance.now();
    let res: Dispatcher.ResponseData;
    let bytes: Buffer;
    try {
      res = await request(base + path, {
        dispatcher: this.dispatcher,
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        headersTimeout: 120_000,
        bodyTimeout: 120_000,
      });
      bytes = Buffer.from(await res.body.arrayBuffer());
    } catch (error) {
      const failure = new StepError(step, error instanceof Error ? error.message : String(error));
      this.observer?.(step, failure);
      throw failure;
    }
    this.recorder?.record(step, performance.now() - started);
    this.keepCookies(res.headers['set-cookie']);
    const location = res.headers.location;
    const type = res.headers['content-type'];
    const reply: Reply = {
      status: res.statusCode,
      location: typeof location === 'string' ? location : undefined,
      contentType: typeof type === 'string' ? type : '',
      text: binary ? '' : bytes.toString('utf8'),
      bytes,
    };
    this.observer?.(step, reply);
    return reply;
  }

  private keepCookies(header: string | string[] | undefined): void {
    if (header === undefined) return;
    for (const line of Array.isArray(header) ? header : [header]) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired =
        value === '' ||
        attributes.some((a) => {
          const [k = '', v = ''] = a.split('=').map((s) => s.trim());
          if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
          if (k.toLowerCase() === 'expires') return Date.parse(v) <= Date.now();
          return false;
        });
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** Throws a StepError unless `reply` has `status` (and, for a redirect, goes to `to`). */
export function expectStatus(
  step: string,
  reply: Reply,
  status: number,
  to?: string | RegExp,
): void {
  const where =
    to === undefined ||
    (typeof to === 'string' ? reply.location === to : to.test(reply.location ?? ''));
  if (reply.status !== status || !where) {
    const alert = /class="fr-alert__title">([^<]*)</.exec(reply.text)?.[1];
    throw new StepError(
      step,
      `expected ${status}${to ? ` to ${String(to)}` : ''}, got ${reply.status}` +
        `${reply.location ? ` to ${reply.location}` : ''}${alert ? ` (${alert})` : ''}`,
    );
  }
}

/** The CSRF token of the page's forms. */
export function csrfOf(step: string, reply: Reply): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(reply.text)?.[1];
  if (!token) throw new StepError(step, `no CSRF token on the page (status ${reply.status})`);
  return token;
}

/** The value of the hidden input `name` on the page. */
export function hiddenOf(step: string, reply: Reply, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(reply.text)?.[1];
  if (value === undefined) throw new StepError(step, `no hidden field ${name} on the page`);
  return value;
}

/** Every form action on the page that starts with `prefix`, in page order. */
export function formActions(reply: Reply, prefix: string): string[] {
  const found: string[] = [];
  for (const match of reply.text.matchAll(/<form[^>]*\saction="([^"]+)"/g)) {
    const action = (match[1] ?? '').replaceAll('&amp;', '&');
    if (action.startsWith(prefix)) found.push(action);
  }
  return found;
}
