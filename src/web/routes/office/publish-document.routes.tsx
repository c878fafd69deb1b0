/**
 * « Publier un document » (POST /gestion/inscriptions/:number/documents-publies): a title and a
 * PDF, streamed to the file store like the candidates' uploads (web/streamed-upload.ts:
 * multipart is accepted in this scope alone, the CSRF token is checked before anything is
 * read, the title comes before the file). A refusal shows the review page again with its
 * message; rights and an unknown number are answered by the office's error pages.
 */
import type { FastifyPluginAsync } from 'fastify';
import { FILE_FIELD, fileTooLarge, noFileChosen } from '../../../domain/documents/checked-file.js';
import { TITLE_FIELD, publishDocument } from '../../../domain/documents/review/publish-document.js';
import { formFailure } from '../../form-handling.js';
import {
  acceptStreamedUploads,
  announcedTooLarge,
  readStreamedUpload,
} from '../../streamed-upload.js';
import type { WebDeps } from '../../web-deps.js';
import { renderReview, reviewParams } from './document-review.page.js';
import { reviewPath } from './document-review.view.js';
import { requireStaff } from './staff-guard.js';

export const publishDocumentRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (
  app,
  { deps },
) => {
  const maxBytes = deps.review.maxUploadBytes;
  await acceptStreamedUploads(app, { maxBytes, textFields: 1 });

  app.post('/gestion/inscriptions/:number/documents-publies', async (request, reply) => {
    const p = reviewParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const staff = requireStaff(request);
    const { number } = p.data;

    let title = '';
    const refuse = (error: unknown): Promise<unknown> => {
      const failure = formFailure(error, reply, deps.review.clock.now());
      if (failure.status === 404 || failure.status === 403) throw error;
      // A file over the limit or of another type is a refusal of the file field too.
      const fieldErrors =
        failure.alert === undefined ? failure.fieldErrors : { [FILE_FIELD]: failure.alert };
      return renderReview(deps, request, reply, staff, number, failure.status, {
        publish: { title, fieldErrors },
      });
    };

    if (announcedTooLarge(request, maxBytes)) {
      reply.header('connection', 'close');
      return refuse(fileTooLarge(maxBytes));
    }
    const upload = await readStreamedUpload(request, FILE_FIELD, [TITLE_FIELD]);
    title = upload.fields[TITLE_FIELD] ?? '';
    if (!upload.file) return refuse(noFileChosen());
    try {
      await publishDocument(deps.review, {
        staff,
        registrationNumber: number,
        title,
        originalName: upload.file.filename,
        source: upload.file.source,
        clientAddress: request.ip,
      });
    } catch (error) {
      await upload.finish();
      return refuse(error);
    }
    await upload.finish();
    return reply.redirect(`${reviewPath(number)}?publie=1`, 303);
  });
};
