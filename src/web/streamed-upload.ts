/**
 * Multipart forms whose file is STREAMED to the file store, never buffered: the candidates'
 * « Ajouter » and the office's « Publier un document ». Each registers @fastify/multipart in its
 * own scope through `acceptStreamedUploads` (no other route accepts multipart): one file per
 * request, at most the upload limit plus one byte read from it (the byte that proves it is
 * over), a small CSRF field, the form's few short text fields, nothing else.
 *
 * CSRF: the page's form sends its `_csrf` field BEFORE anything else. A preValidation hook
 * reads that first part and sets `request.body = { _csrf }`, so the pages' usual preHandler
 * (`csrfProtection`, reading `body._csrf` or a `csrf-token` header) decides as for every other
 * form, before the file is read. A request whose token does not come first gets 403 unless it
 * carries the header.
 *
 * After a refusal the rest of the request is read and discarded (busboy drops what is past the
 * limit), so the browser receives the page with its message instead of a reset connection; a
 * body left unread closes the connection.
 */
import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import fastifyMultipart, { type Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MalformedForm } from './form-handling.js';

/** Room for the multipart framing and the fields around the file. */
export const FRAMING_ALLOWANCE = 1024 * 1024;

/** A text field's longest value, in bytes: titles and tokens, not prose. */
const FIELD_BYTES = 1024;

export interface PendingParts {
  iterator: AsyncIterator<Multipart>;
  /** A part read by the CSRF hook that was not the token (the file, sent first). */
  first: Multipart | undefined;
}

const pending = new WeakMap<FastifyRequest, PendingParts>();

/** Makes the routes of `app`'s scope accept one streamed file after `textFields` short fields. */
export async function acceptStreamedUploads(
  app: FastifyInstance,
  options: { maxBytes: number; textFields: number },
): Promise<void> {
  await app.register(fastifyMultipart, {
    // Our own counter refuses the file (FileTooLarge) once it sees byte maxBytes + 1.
    throwFileSizeLimit: false,
    limits: {
      fileSize: options.maxBytes + 1,
      files: 1,
      fields: 1 + options.textFields,
      parts: 2 + options.textFields,
      fieldNameSize: 100,
      fieldSize: FIELD_BYTES,
      headerPairs: 20,
    },
  });

  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const iterator = request.parts()[Symbol.asyncIterator]();
    const next = await iterator.next().catch((error: unknown) => {
      // A multipart type without its boundary: busboy throws a plain error (a 500 otherwise).
      if (error instanceof Error && !('statusCode' in error)) throw new MalformedForm();
      throw error;
    });
    const part = next.done ? undefined : next.value;
    if (part?.type === 'field' && part.fieldname === '_csrf' && typeof part.value === 'string') {
      request.body = { _csrf: part.value };
      pending.set(request, { iterator, first: undefined });
    } else {
      pending.set(request, { iterator, first: part });
    }
  });

  // A multipart body left unread (refused before its file was read): close the connection
  // rather than leave the rest of the upload in it.
  app.addHook('onSend', async (request, reply) => {
    if (request.isMultipart() && !request.raw.complete) reply.header('connection', 'close');
  });
}

/** Whether the request announces a body far over the limit: refused at once, connection closed. */
export function announcedTooLarge(request: FastifyRequest, maxBytes: number): boolean {
  const announced = Number(request.headers['content-length']);
  return announced > Math.max(4 * maxBytes, maxBytes + FRAMING_ALLOWANCE);
}

export interface StreamedUpload {
  /** The text fields sent before the file, by name. */
  fields: Record<string, string>;
  /** The chosen file; undefined when the form was sent without one. */
  file: { filename: string; source: Readable } | undefined;
  /** Reads and discards what is left of the file and of the request. */
  finish(): Promise<void>;
}

/**
 * Reads the parts after the CSRF token: the text fields named in `textFields` (each at most
 * once), then the file field `fileField`. Anything else is a malformed request (400), answered
 * after the rest is discarded. The file's bytes are handed over as `source`; the part itself
 * stays here, so that after a refusal the rest of the request can still be read to its end.
 */
export async function readStreamedUpload(
  request: FastifyRequest,
  fileField: string,
  textFields: readonly string[] = [],
): Promise<StreamedUpload> {
  const parts = pending.get(request);
  if (!parts) throw new MalformedForm();
  const fields: Record<string, string> = {};
  let part = parts.first ?? (await nextPart(parts.iterator));
  while (part?.type === 'field') {
    const name = part.fieldname;
    if (
      !textFields.includes(name) ||
      name in fields ||
      typeof part.value !== 'string' ||
      part.valueTruncated
    ) {
      await drainParts(parts.iterator);
      throw new MalformedForm();
    }
    fields[name] = part.value;
    part = await nextPart(parts.iterator);
  }
  if (part?.type !== 'file' || part.fieldname !== fileField) {
    if (part?.type === 'file') part.file.resume();
    await drainParts(parts.iterator);
    throw new MalformedForm();
  }
  const file = part.file;
  // A body cut inside the file (no closing boundary): when the parser saw its end before this
  // handler ran, the part was destroyed already and would never end nor fail again.
  if (file.destroyed) {
    await drainParts(parts.iterator);
    throw new MalformedForm();
  }
  if (!part.filename) {
    await drain(file, undefined, parts.iterator);
    return { fields, file: undefined, finish: () => Promise.resolve() };
  }
  // Cut or interrupted while it is read: a malformed request (400), not a failure of ours.
  const source = new PassThrough();
  file.on('error', () => source.destroy(new MalformedForm()));
  file.on('close', () => {
    if (!file.readableEnded) source.destroy(new MalformedForm());
  });
  file.pipe(source);
  return {
    fields,
    file: { filename: part.filename, source },
    finish: () => drain(file, source, parts.iterator),
  };
}

async function nextPart(iterator: AsyncIterator<Multipart>): Promise<Multipart | undefined> {
  const next = await iterator.next();
  return next.done ? undefined : next.value;
}

/** Reads what is left of the file part and of the request, discarding it. */
async function drain(
  file: Readable,
  source: PassThrough | undefined,
  iterator: AsyncIterator<Multipart>,
): Promise<void> {
  if (source) file.unpipe(source);
  if (!file.readableEnded && !file.destroyed) {
    file.resume();
    await finished(file).catch(() => undefined);
  }
  await drainParts(iterator);
}

async function drainParts(iterator: AsyncIterator<Multipart>): Promise<void> {
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.type === 'file') next.value.file.resume();
    }
  } catch {
    // A limit or a malformed end after the file: the answer is already decided.
  }
}
