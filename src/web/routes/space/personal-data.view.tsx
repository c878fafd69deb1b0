/** « Mes données personnelles »: what the portal keeps, for how long, and the download. */
import type { VNode } from 'preact';
import { CsrfField } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

export const PERSONAL_DATA_PATH = '/espace/donnees-personnelles';
export const ARCHIVE_PATH = `${PERSONAL_DATA_PATH}/archive`;

export function PersonalDataPage({
  ctx,
  email,
  retentionMonths,
}: {
  ctx: PageContext;
  email: string;
  retentionMonths: number;
}): VNode {
  return (
    <Layout ctx={ctx} title="Mes données personnelles">
      <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol class="fr-breadcrumb__list">
          <li>
            <a class="fr-breadcrumb__link" href="/espace">
              Mes inscriptions
            </a>
          </li>
          <li>
            <a class="fr-breadcrumb__link" aria-current="page">
              Mes données personnelles
            </a>
          </li>
        </ol>
      </nav>
      <h1>Mes données personnelles</h1>
      <p>Compte : {email}</p>
      <h2 class="fr-h4">Télécharger mes données</h2>
      <p>
        Vous pouvez télécharger tout ce que le portail conserve à votre sujet : votre compte, vos
        inscriptions et chacune de leurs versions, les pièces justificatives demandées et leur état,
        vos justificatifs, vos récapitulatifs, vos demandes aux pôles et leurs réponses, les
        courriels qui vous ont été envoyés, les documents transmis par le pôle et les actions
        enregistrées à votre sujet.
      </p>
      <p>
        Le fichier est une archive ZIP : vos données y sont au format JSON (lisible par un autre
        logiciel), accompagnées de vos fichiers au format PDF ou image. Votre mot de passe n’y
        figure pas.
      </p>
      <form method="post" action={ARCHIVE_PATH}>
        <CsrfField token={ctx.csrfToken} />
        <button type="submit" class="fr-btn fr-icon-download-line fr-btn--icon-left">
          Télécharger mes données (ZIP)
        </button>
      </form>
      <h2 class="fr-h4 fr-mt-6w">Durée de conservation</h2>
      <p>
        Vos données sont conservées {retentionMonths} mois après le premier jour des épreuves de la
        dernière session à laquelle vous vous êtes inscrit. Passé ce délai, le service des examens
        les supprime : votre compte, vos inscriptions, vos justificatifs et vos documents.
      </p>
    </Layout>
  );
}
