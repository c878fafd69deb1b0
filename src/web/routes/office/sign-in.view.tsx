/** The office's sign-in pages: email and password, then the TOTP code (or its first setup). */
import type { VNode } from 'preact';
import { Alert, CsrfField, ErrorSummary, Field } from '../../views/forms.js';
import type { PageContext } from '../../views/page-context.js';
import { OfficeLayout } from './office-layout.js';

export function StaffSignInPage({
  ctx,
  email = '',
  alert,
  notice,
}: {
  ctx: PageContext;
  email?: string;
  alert?: string | undefined;
  notice?: string | undefined;
}): VNode {
  return (
    <OfficeLayout ctx={ctx} staff={undefined} title={alert ? 'Erreur – Connexion' : 'Connexion'}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion à l’espace gestionnaire</h1>
          <p>Réservé au personnel du service des examens.</p>
          {notice && <Alert kind="success" title={notice} />}
          {alert && <Alert kind="error" title={alert} />}
          <form method="post" action="/gestion/connexion" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <fieldset class="fr-fieldset">
              <legend class="fr-fieldset__legend">Vos identifiants</legend>
              <div class="fr-fieldset__element">
                <Field
                  name="email"
                  type="email"
                  label="Adresse électronique"
                  hint="Format attendu : prenom.nom@ac-academie.fr"
                  autocomplete="username"
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
              </div>
            </fieldset>
            <button type="submit" class="fr-btn">
              Continuer
            </button>
          </form>
        </div>
      </div>
    </OfficeLayout>
  );
}

export interface TotpSetup {
  secret: string;
  /** The QR code of the otpauth:// URI, as SVG markup made by the `qrcode` package. */
  qrSvg: string;
}

export function SecondFactorPage({
  ctx,
  setup,
  alert,
}: {
  ctx: PageContext;
  setup: TotpSetup | null;
  alert?: string | undefined;
}): VNode {
  const title = setup ? 'Configurer la double authentification' : 'Code de vérification';
  const errors: Record<string, string> = alert ? { code: alert } : {};
  return (
    <OfficeLayout ctx={ctx} staff={undefined} title={alert ? `Erreur – ${title}` : title}>
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>{title}</h1>
          <ErrorSummary errors={errors} labels={{ code: 'Code à 6 chiffres' }} />
          {setup ? (
            <>
              <p>
                L’espace gestionnaire demande, à chaque connexion, un code à 6 chiffres donné par
                une application d’authentification installée sur votre téléphone (par exemple
                FreeOTP, Aegis, Google Authenticator ou Microsoft Authenticator).
              </p>
              <ol>
                <li>Dans l’application, ajoutez un compte en scannant ce QR code :</li>
              </ol>
              <div
                class="fr-mb-2w"
                role="img"
                aria-label="QR code à scanner avec votre application d’authentification"
                // The markup comes from the qrcode package, drawn from our own URI: no user text.
                dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
              />
              <p>
                Si vous ne pouvez pas scanner, saisissez cette clé dans l’application (type « basé
                sur le temps ») :{' '}
                <code id="cle-totp">{setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
              </p>
              <p>Puis saisissez ci-dessous le code affiché par l’application pour confirmer.</p>
            </>
          ) : (
            <p>Saisissez le code à 6 chiffres affiché par votre application d’authentification.</p>
          )}
          <form method="post" action="/gestion/connexion/code" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Field
              name="code"
              label="Code à 6 chiffres"
              hint="Exemple : 123456"
              autocomplete="one-time-code"
              error={alert}
            />
            <button type="submit" class="fr-btn">
              {setup ? 'Confirmer et se connecter' : 'Se connecter'}
            </button>
          </form>
          <p class="fr-mt-4w">
            <a href="/gestion/connexion">Recommencer la connexion</a>
          </p>
        </div>
      </div>
    </OfficeLayout>
  );
}

export function SetupPasswordPage({
  ctx,
  token,
  name,
  email,
  expiresAt,
  fieldErrors = {},
}: {
  ctx: PageContext;
  token: string;
  name: string;
  email: string;
  expiresAt: string;
  fieldErrors?: Record<string, string>;
}): VNode {
  const failed = Object.keys(fieldErrors).length > 0;
  return (
    <OfficeLayout
      ctx={ctx}
      staff={undefined}
      title={failed ? 'Erreur – Activer mon accès' : 'Activer mon accès'}
    >
      <div class="fr-grid-row fr-grid-row--center">
        <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Activer mon accès</h1>
          <p>
            {name} ({email}) : choisissez votre mot de passe. Ce lien est valable jusqu’au{' '}
            {expiresAt} (heure de Paris) et ne sert qu’une fois.
          </p>
          <ErrorSummary
            errors={fieldErrors}
            labels={{ password: 'Mot de passe', passwordConfirmation: 'Confirmation' }}
          />
          <form method="post" action="/gestion/activation" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="jeton" value={token} />
            <Field
              name="password"
              type="password"
              label="Mot de passe"
              hint="12 caractères au moins. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
              autocomplete="new-password"
              error={fieldErrors.password}
            />
            <Field
              name="passwordConfirmation"
              type="password"
              label="Confirmation du mot de passe"
              autocomplete="new-password"
              error={fieldErrors.passwordConfirmation}
            />
            <button type="submit" class="fr-btn">
              Choisir ce mot de passe
            </button>
          </form>
        </div>
      </div>
    </OfficeLayout>
  );
}
