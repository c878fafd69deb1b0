import type { VNode } from 'preact';
import { Alert, CsrfField, Field } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

export interface SignInPageProps {
  ctx: PageContext;
  email?: string;
  alert?: string | undefined;
  notActive?: boolean;
  notice?: string | undefined;
}

export function SignInPage({
  ctx,
  email = '',
  alert,
  notActive = false,
  notice,
}: SignInPageProps): VNode {
  return (
    <Layout ctx={ctx} title={alert ? 'Erreur – Se connecter' : 'Se connecter'}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Se connecter</h1>
          {notice && <Alert kind="success" title={notice} />}
          {alert && (
            <Alert kind="error" title={alert}>
              {notActive && (
                <p>
                  Cliquez sur le lien « Activer mon compte » du courriel reçu, ou{' '}
                  <a href="/compte/activation">demandez un nouveau lien d’activation</a>.
                </p>
              )}
            </Alert>
          )}
          <form method="post" action="/connexion" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend">Vos identifiants</legend>
              <div class="fr-fieldset__element">
                <Field
                  name="email"
                  type="email"
                  label="Adresse électronique"
                  hint="Format attendu : prenom.nom@exemple.fr"
                  autocomplete="email"
                  value={email}
                />
              </div>
              <div class="fr-fieldset__element">
                <Field
                  name="password"
                  type="password"
                  label="Mot de passe"
                  autocomplete="current-password"
                />
                <p>
                  <a href="/mot-de-passe/oublie">Mot de passe oublié ?</a>
                </p>
              </div>
            </fieldset>
            <button type="submit" class="fr-btn">
              Se connecter
            </button>
          </form>
          <hr class="fr-mt-4w" />
          <h2 class="fr-h4">Vous n’avez pas de compte ?</h2>
          <a class="fr-btn fr-btn--secondary" href="/compte/creer">
            Créer votre compte
          </a>
        </div>
      </div>
    </Layout>
  );
}
