/** The home page: what the portal is for, and the steps of the notice in order. */
import type { FastifyPluginAsync } from 'fastify';
import { Layout } from '../../views/layout.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';

export const homeRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  app.get('/', (request, reply) => {
    const ctx = pageContext(deps, request, reply);
    return sendPage(
      reply,
      200,
      <Layout ctx={ctx} title="Accueil">
        <h1>Inscriptions aux examens – {ctx.academyName}</h1>
        <p class="fr-text--lead">
          Baccalauréat professionnel, certificat de spécialisation, brevet professionnel : candidats
          individuels ou inscrits à une formation d’enseignement à distance.
        </p>
        <p>
          Les inscriptions se font uniquement par internet. Aucune inscription n’est reçue après la
          date de clôture.
        </p>
        <h2>Les étapes</h2>
        <ol>
          <li>
            <strong>Créer votre compte</strong> puis cliquer sur le lien « Activer mon compte » reçu
            par courriel, dans les 48 heures. Si vous vous êtes déjà présenté à une session
            précédente, vous avez déjà un compte.
          </li>
          <li>
            <strong>Vous inscrire</strong> avec l’onglet « M’inscrire », puis enregistrer.
          </li>
          <li>
            Dans « Mes documents », télécharger votre confirmation d’inscription et la liste des
            pièces justificatives.
          </li>
          <li>
            Dans « Mes justificatifs », déposer chaque pièce avec « Ajouter », puis valider avec «
            J’ai fourni toutes mes pièces », avant la clôture.
          </li>
        </ol>
        <p>Inscrivez-vous sans attendre les derniers jours avant la clôture.</p>
        <ul class="fr-links-group fr-mb-4w">
          <li>
            <a class="fr-link fr-icon-calendar-line fr-link--icon-left" href="/calendrier">
              Calendrier des inscriptions
            </a>
          </li>
          <li>
            <a class="fr-link fr-icon-phone-line fr-link--icon-left" href="/poles">
              Contacter les pôles
            </a>
          </li>
        </ul>
        {ctx.accountEmail ? (
          <a class="fr-btn" href="/espace">
            Aller à mon espace
          </a>
        ) : (
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href="/compte/creer">
                Créer votre compte
              </a>
            </li>
            <li>
              <a class="fr-btn fr-btn--secondary" href="/connexion">
                Se connecter
              </a>
            </li>
          </ul>
        )}
      </Layout>,
    );
  });
  return Promise.resolve();
};
