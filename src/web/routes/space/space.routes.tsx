/**
 * « Mon espace »: the signed-in candidate's home. It lists « Mes inscriptions »; registering
 * itself (« M'inscrire ») arrives with the catalogue of exams and their windows.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { Alert } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';

export const spaceRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  app.get('/espace', (request, reply) => {
    if (!request.account) return reply.redirect('/connexion', 303);
    const query =
      z
        .object({ bienvenue: z.string().optional(), 'mot-de-passe': z.string().optional() })
        .safeParse(request.query).data ?? {};
    const ctx = pageContext(deps, request, reply);
    return sendPage(
      reply,
      200,
      <Layout ctx={ctx} title="Mon espace">
        {query.bienvenue && (
          <Alert kind="success" title="Votre compte est activé. Vous êtes connecté." />
        )}
        {query['mot-de-passe'] && (
          <Alert
            kind="success"
            title="Votre mot de passe a été modifié. Vos autres connexions ont été fermées."
          />
        )}
        <h1>Mon espace</h1>
        <p>Compte : {request.account.email}</p>
        <h2>Mes inscriptions</h2>
        <p>Vous n’avez encore aucune inscription.</p>
      </Layout>,
    );
  });
  return Promise.resolve();
};
