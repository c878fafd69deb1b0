/** « Mes inscriptions », the signed-in candidate's home (at /espace). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { justificatifsSummary } from '../../../domain/documents/justificatifs-summary.js';
import { myRegistrations } from '../../../domain/registrations/my-registrations.js';
import { pendingActions } from '../../../domain/registrations/pending-actions.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { MyRegistrationsPage } from './my-registrations.view.js';

const noticesQuery = z.object({
  bienvenue: z.string().optional(),
  'mot-de-passe': z.string().optional(),
  enregistree: z.string().max(40).optional(),
  demande: z.string().optional(),
  'deja-inscrit': z.string().optional(),
});

export const spaceRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  app.get('/espace', async (request, reply) => {
    if (!request.account) return reply.redirect('/connexion', 303);
    const query = noticesQuery.safeParse(request.query).data ?? {};
    const mine = await myRegistrations(deps.registrations, request.account.id);
    const justificatifs = await justificatifsSummary(deps.documents, {
      accountId: request.account.id,
      registrationIds: mine.registrations.map((r) => r.id),
    });
    const pending = await pendingActions(deps.review, request.account.id);
    const saved =
      query.enregistree && mine.registrations.find((r) => r.number === query.enregistree);
    const notices = [
      query.bienvenue && 'Votre compte est activé. Vous êtes connecté.',
      query['mot-de-passe'] &&
        'Votre mot de passe a été modifié. Vos autres connexions ont été fermées.',
      saved &&
        `Votre inscription n° ${saved.number} est enregistrée (version ${saved.version}). Un courriel de confirmation vous a été envoyé.`,
      // This very save asked for a document with no file and lifted the declaration.
      saved &&
        justificatifs.get(saved.id)?.declarationLiftedAt?.getTime() === saved.savedAt.getTime() &&
        'Cette modification demande une nouvelle pièce justificative : votre dossier n’est plus déclaré complet. Déposez la pièce dans « Mes justificatifs », puis cliquez à nouveau sur « J’ai fourni toutes mes pièces » avant la clôture.',
      query.demande &&
        'Votre demande a été transmise au pôle qui gère votre examen. Un courriel vous le confirme.',
      query['deja-inscrit'] &&
        'Vous êtes déjà inscrit à cet examen pour cette session : utilisez « Modifier ».',
    ].filter((n): n is string => typeof n === 'string');
    return sendPage(
      reply,
      200,
      <MyRegistrationsPage
        ctx={pageContext(deps, request, reply)}
        email={request.account.email}
        mine={mine}
        catalogue={deps.catalogue.current()}
        now={deps.registrations.clock.now()}
        notices={notices}
        justificatifs={justificatifs}
        pending={pending}
      />,
    );
  });
  return Promise.resolve();
};
