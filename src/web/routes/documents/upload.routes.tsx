/**
 * « Ajouter »: the only route that accepts multipart bodies (@fastify/multipart is registered
 * in this scope alone). The file is STREAMED to the file store, never buffered: one file per
 * request, at most the upload limit plus one byte read from it (the byte that proves it is
 * over), a small CSRF field and nothing else.
 *
 * CSRF: the page's form sends its `_csrf` field BEFORE the file. A preValidation hook reads
 * that first part and sets `request.body = { _csrf }`, so the pages' usual preHandler
 * (`csrfProtection`, reading `body._csrf` or a `csrf-token` header) decides as for every other
 * form, before the file is read. A request whose file comes first gets 403 unless it carries
 * the header.
 *
 * After a refusal the rest of the request is read and discarded (busboy drops what is past the
 * limit), so the browser receives the page with its message instead of a reset connection. A
 * request announcing far more than the limit is refused at once, and its connection closed.
 */
import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import fastifyMultipart, { type Multipart } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  FILE_FIELD,
  addUpload,
  fileTooLarge,
  noFileChosen,
} from '../../../domain/documents/add-upload.js';
import { MalformedForm, formFailure } from '../../form-handling.js';
import type { WebDeps } from '../../web-deps.js';
import { requireAccount } from '../registrations/wizard.routes.js';
import { registrationParams, renderJustificatifs } from './justificatifs.page.js';
import { justificatifsPath } from './justificatifs.view.js';

const params = registrationParams.extend({
  document: z.string().regex(/^[A-Za-z0-9:._-]{1,120}$/),
});

/** Room for the multipart framing and the CSRF field around the file. */
const FRAMING_ALLOWANCE = 1024 * 1024;

interface PendingParts {
  iterator: AsyncIterator<Multipart>;
  /** A part read by the CSRF hook that was not the token (the file, sent first). */
  first: Multipart | undefined;
}

const pending = new WeakMap<FastifyRequest, PendingParts>();

export const uploadRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  const maxBytes = deps.documents.maxUploadBytes;
  await app.register(fastifyMultipart, {
    // Our own counter refuses the file (FileTooLarge) once it sees byte maxBytes + 1.
    throwFileSizeLimit: false,
    limits: {
      fileSize: maxBytes + 1,
      files: 1,
      fields: 1,
      parts: 2,
      fieldNameSize: 100,
      fieldSize: 1024,
      headerPairs: 20,
    },
  });

  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const iterator = request.parts()[Symbol.asyncIterator]();
    const next = await iterator.next();
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

  app.post('/inscriptions/:number/justificatifs/pieces/:document', async (request, reply) => {
    const p = params.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const { number, document } = p.data;
    const account = requireAccount(request);
    const parts = pending.get(request);
    if (!parts) throw new MalformedForm();

    const refuse = (error: unknown): Promise<unknown> => {
      const failure = formFailure(error, reply, deps.documents.clock.now());
      if (failure.status === 404) throw error;
      const message = failure.fieldErrors[FILE_FIELD] ?? failure.alert ?? '';
      return renderJustificatifs(deps, request, reply, number, failure.status, {
        fileErrors: { [document]: message },
      });
    };

    const announced = Number(request.headers['content-length']);
    if (announced > Math.max(4 * maxBytes, maxBytes + FRAMING_ALLOWANCE)) {
      reply.header('connection', 'close');
      return refuse(fileTooLarge(maxBytes));
    }

    const part = parts.first ?? (await nextPart(parts.iterator));
    if (part?.type !== 'file' || part.fieldname !== FILE_FIELD) {
      if (part?.type === 'file') part.file.resume();
      await drainParts(parts.iterator);
      throw new MalformedForm();
    }
    if (!part.filename) {
      await drain(part.file, undefined, parts.iterator);
      return refuse(noFileChosen());
    }

    // The use case reads `source`; the part itself stays ours, so that after a refusal the
    // rest of the request can still be read to its end.
    const source = new PassThrough();
    part.file.on('error', (error) => source.destroy(error));
    part.file.on('close', () => {
      if (!part.file.readableEnded) source.destroy(new Error('upload interrupted'));
    });
    part.file.pipe(source);
    try {
      await addUpload(deps.documents, {
        accountId: account.id,
        registrationNumber: number,
        documentKey: document,
        originalName: part.filename,
        source,
      });
    } catch (error) {
      await drain(part.file, source, parts.iterator);
      return refuse(error);
    }
    await drain(part.file, source, parts.iterator);
    return reply.redirect(`${justificatifsPath(number)}?ajout=1`, 303);
  });
};

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
