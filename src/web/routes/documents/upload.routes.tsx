/**
 * « Ajouter »: the candidate's file for one document, streamed to the file store (see
 * web/streamed-upload.ts: multipart is accepted in this scope alone, the CSRF token is checked
 * before the file is read, what is left of a refused request is discarded). A request
 * announcing far more than the limit is refused at once, and its connection closed.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { addUpload } from '../../../domain/documents/add-upload.js';
import { FILE_FIELD, fileTooLarge, noFileChosen } from '../../../domain/documents/checked-file.js';
import { formFailure } from '../../form-handling.js';
import {
  acceptStreamedUploads,
  announcedTooLarge,
  readStreamedUpload,
} from '../../streamed-upload.js';
import type { WebDeps } from '../../web-deps.js';
import { requireAccount } from '../registrations/wizard.routes.js';
import { registrationParams, renderJustificatifs } from './justificatifs.page.js';
import { justificatifsPath } from './justificatifs.view.js';

const params = registrationParams.extend({
  document: z.string().regex(/^[A-Za-z0-9:._-]{1,120}$/),
});

export const uploadRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  const maxBytes = deps.documents.maxUploadBytes;
  await acceptStreamedUploads(app, { maxBytes, textFields: 0 });

  app.post('/inscriptions/:number/justificatifs/pieces/:document', async (request, reply) => {
    const p = params.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const { number, document } = p.data;
    const account = requireAccount(request);

    const refuse = (error: unknown): Promise<unknown> => {
      const failure = formFailure(error, reply, deps.documents.clock.now());
      if (failure.status === 404) throw error;
      const message = failure.fieldErrors[FILE_FIELD] ?? failure.alert ?? '';
      return renderJustificatifs(deps, request, reply, number, failure.status, {
        fileErrors: { [document]: message },
      });
    };

    if (announcedTooLarge(request, maxBytes)) {
      reply.header('connection', 'close');
      return refuse(fileTooLarge(maxBytes));
    }

    const upload = await readStreamedUpload(request, FILE_FIELD);
    if (!upload.file) return refuse(noFileChosen());
    try {
      await addUpload(deps.documents, {
        accountId: account.id,
        registrationNumber: number,
        documentKey: document,
        originalName: upload.file.filename,
        source: upload.file.source,
        clientAddress: request.ip,
      });
    } catch (error) {
      await upload.finish();
      return refuse(error);
    }
    await upload.finish();
    return reply.redirect(`${justificatifsPath(number)}?ajout=1`, 303);
  });
};
