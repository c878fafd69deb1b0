/**
 * « Mes justificatifs » (/inscriptions/:number/justificatifs): the page, « Supprimer », « J'ai
 * fourni toutes mes pièces », and « Voir » (/justificatifs/:upload, the file itself, for its
 * owner only). « Ajouter » is in upload.routes.tsx, the only scope that accepts multipart.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { declareComplete } from '../../../domain/documents/declare-complete.js';
import { openUpload } from '../../../domain/documents/open-upload.js';
import { removeUpload } from '../../../domain/documents/remove-upload.js';
import { formFailure } from '../../form-handling.js';
import type { WebDeps } from '../../web-deps.js';
import { requireAccount } from '../registrations/wizard.routes.js';
import { registrationParams, renderJustificatifs } from './justificatifs.page.js';
import { justificatifsPath } from './justificatifs.view.js';
import { uploadRoutes } from './upload.routes.js';
import { sendUpload } from './upload-response.js';

const uploadParams = z.object({ upload: z.uuid() });
const noticesQuery = z.object({
  ajout: z.string().optional(),
  suppression: z.string().optional(),
  complet: z.string().optional(),
});

export const documentRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  app.get('/inscriptions/:number/justificatifs', async (request, reply) => {
    const p = registrationParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const query = noticesQuery.safeParse(request.query).data ?? {};
    const notices = [
      query.ajout !== undefined && 'Votre fichier a été ajouté.',
      query.suppression !== undefined && 'Le fichier a été supprimé.',
      query.complet !== undefined &&
        'Vous avez déclaré avoir fourni toutes vos pièces. Un courriel vous le confirme.',
    ].filter((n): n is string => typeof n === 'string');
    return renderJustificatifs(deps, request, reply, p.data.number, 200, { notices });
  });

  app.post('/inscriptions/:number/justificatifs/complet', async (request, reply) => {
    const p = registrationParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const account = requireAccount(request);
    try {
      await declareComplete(deps.documents, {
        accountId: account.id,
        accountEmail: account.email,
        registrationNumber: p.data.number,
        clientAddress: request.ip,
      });
      return await reply.redirect(`${justificatifsPath(p.data.number)}?complet=1`, 303);
    } catch (error) {
      const failure = formFailure(error, reply, deps.documents.clock.now());
      if (failure.status === 404) throw error;
      return renderJustificatifs(deps, request, reply, p.data.number, failure.status, {
        alert: failure.alert,
      });
    }
  });

  app.post('/justificatifs/:upload/supprimer', async (request, reply) => {
    const p = uploadParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const account = requireAccount(request);
    const removed = await removeUpload(deps.documents, {
      accountId: account.id,
      uploadId: p.data.upload,
      clientAddress: request.ip,
    });
    return reply.redirect(`${justificatifsPath(removed.registrationNumber)}?suppression=1`, 303);
  });

  app.get('/justificatifs/:upload', async (request, reply) => {
    const p = uploadParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    if (!request.account) return reply.redirect('/connexion', 303);
    const { upload, content } = await openUpload(deps.documents, {
      accountId: request.account.id,
      uploadId: p.data.upload,
    });
    return sendUpload(reply, upload, content);
  });

  await app.register(uploadRoutes, { deps });
};
