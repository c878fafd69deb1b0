import type { VNode } from 'preact';
import { PASSWORD_MIN_LENGTH } from '../../../domain/accounts/password-policy.js';
import { Alert, CsrfField, ErrorSummary, Field } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

export const CREATE_ACCOUNT_LABELS = {
  email: 'Adresse électronique',
  password: 'Mot de passe',
  passwordConfirmation: 'Confirmation du mot de passe',
};

export interface CreateAccountFormProps {
  ctx: PageContext;
  email?: string;
  fieldErrors?: Record<string, string>;
  alert?: string | undefined;
}

export function CreateAccountPage({
  ctx,
  email = '',
  fieldErrors = {},
  alert,
}: CreateAccountFormProps): VNode {
  return (
    <Layout
      ctx={ctx}
      title={
        Object.keys(fieldErrors).length > 0 ? 'Erreur – Créer votre compte' : 'Créer votre compte'
      }
    >
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Créer votre compte</h1>
          <p>
            Ce compte vous sert pour vous inscrire, puis tout au long de la session. Votre adresse
            électronique doit être valide et personnelle. Après la création du compte, vous recevrez
            un courriel : vous aurez <strong>48 heures</strong> pour cliquer sur le lien « Activer
            mon compte », sinon le compte sera supprimé.
          </p>
          <p>
            Vous vous êtes déjà présenté à une session précédente ? Vous avez déjà un compte :{' '}
            <a href="/connexion">connectez-vous</a>.
          </p>
          {alert && <Alert kind="error" title={alert} />}
          <ErrorSummary errors={fieldErrors} labels={CREATE_ACCOUNT_LABELS} />
          <form method="post" action="/compte/creer" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend">
                Vos identifiants (tous les champs sont obligatoires)
              </legend>
              <div class="fr-fieldset__element">
                <Field
                  name="email"
                  type="email"
                  label={CREATE_ACCOUNT_LABELS.email}
                  hint="Format attendu : prenom.nom@exemple.fr"
                  autocomplete="email"
                  value={email}
                  error={fieldErrors.email}
                />
              </div>
              <div class="fr-fieldset__element">
                <Field
                  name="password"
                  type="password"
                  label={CREATE_ACCOUNT_LABELS.password}
                  hint={`Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
                  autocomplete="new-password"
                  error={fieldErrors.password}
                />
              </div>
              <div class="fr-fieldset__element">
                <Field
                  name="passwordConfirmation"
                  type="password"
                  label={CREATE_ACCOUNT_LABELS.passwordConfirmation}
                  hint="Saisissez le même mot de passe une seconde fois."
                  autocomplete="new-password"
                  error={fieldErrors.passwordConfirmation}
                />
              </div>
            </fieldset>
            <button type="submit" class="fr-btn">
              Créer mon compte
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
