/**
 * « Mon compte »: the account's address, « Modifier mon mot de passe » and « Modifier mon
 * adresse électronique », each its own form; and the pages of the link that confirms a new
 * address. Field names differ between the two forms (both ask for the current password), so
 * each error summary's links lead to the right field.
 */
import type { VNode } from 'preact';
import { PASSWORD_MIN_LENGTH } from '../../../domain/accounts/password-policy.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Alert, CsrfField, ErrorSummary, Field } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import { MessagePage } from '../../views/message-page.js';
import type { PageContext } from '../../views/page-context.js';

export const MY_ACCOUNT_PATH = '/compte';
export const CHANGE_PASSWORD_PATH = '/compte/mot-de-passe';
export const CHANGE_EMAIL_PATH = '/compte/adresse';
export const CONFIRM_EMAIL_PATH = '/compte/adresse/confirmer';

export const PASSWORD_LABELS = {
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe',
  newPasswordConfirmation: 'Confirmation du nouveau mot de passe',
};

export const EMAIL_LABELS = {
  email: 'Nouvelle adresse électronique',
  password: 'Mot de passe actuel',
};

/** What a refused form shows again: its errors, an alert (too many attempts), what was typed. */
export interface FormOutcome {
  fieldErrors: Record<string, string>;
  alert: string | undefined;
}

export interface MyAccountPageProps {
  ctx: PageContext;
  email: string;
  notice?: string | undefined;
  passwordForm?: FormOutcome;
  emailForm?: FormOutcome & { email: string };
}

export function MyAccountPage({
  ctx,
  email,
  notice,
  passwordForm,
  emailForm,
}: MyAccountPageProps): VNode {
  const passwordErrors = passwordForm?.fieldErrors ?? {};
  const emailErrors = emailForm?.fieldErrors ?? {};
  const hasErrors = Object.keys({ ...passwordErrors, ...emailErrors }).length > 0;
  return (
    <Layout ctx={ctx} title={hasErrors ? 'Erreur – Mon compte' : 'Mon compte'}>
      <nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol class="fr-breadcrumb__list">
          <li>
            <a class="fr-breadcrumb__link" href="/espace">
              Mes inscriptions
            </a>
          </li>
          <li>
            <a class="fr-breadcrumb__link" aria-current="page">
              Mon compte
            </a>
          </li>
        </ol>
      </nav>
      <h1>Mon compte</h1>
      {notice && <Alert kind="success" title={notice} />}
      <p>
        Adresse électronique du compte : <strong>{email}</strong>
      </p>
      <p>
        Ce compte vous sert tout au long de la session et pour les sessions suivantes : gardez une
        adresse électronique valide et personnelle, et un mot de passe que vous seul connaissez.
      </p>

      <div class="fr-grid-row fr-grid-row--gutters fr-mt-4w">
        <section class="fr-col-12 fr-col-lg-6" aria-labelledby="titre-mot-de-passe">
          <h2 id="titre-mot-de-passe" class="fr-h4">
            Modifier mon mot de passe
          </h2>
          {passwordForm?.alert && <Alert kind="error" title={passwordForm.alert} />}
          <ErrorSummary errors={passwordErrors} labels={PASSWORD_LABELS} />
          <form method="post" action={CHANGE_PASSWORD_PATH} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Field
              name="currentPassword"
              type="password"
              label={PASSWORD_LABELS.currentPassword}
              autocomplete="current-password"
              error={passwordErrors.currentPassword}
            />
            <Field
              name="newPassword"
              type="password"
              label={PASSWORD_LABELS.newPassword}
              hint={`Au moins ${PASSWORD_MIN_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
              autocomplete="new-password"
              error={passwordErrors.newPassword}
            />
            <Field
              name="newPasswordConfirmation"
              type="password"
              label={PASSWORD_LABELS.newPasswordConfirmation}
              hint="Saisissez le même mot de passe une seconde fois."
              autocomplete="new-password"
              error={passwordErrors.newPasswordConfirmation}
            />
            <p>Toutes les autres connexions à votre compte seront fermées.</p>
            <button type="submit" class="fr-btn">
              Modifier mon mot de passe
            </button>
          </form>
        </section>

        <section class="fr-col-12 fr-col-lg-6" aria-labelledby="titre-adresse">
          <h2 id="titre-adresse" class="fr-h4">
            Modifier mon adresse électronique
          </h2>
          <p>
            Un lien, valable 48 heures, sera envoyé à la nouvelle adresse : elle ne remplacera
            l’actuelle qu’une fois ce lien ouvert. Votre adresse actuelle sera prévenue de la
            demande.
          </p>
          {emailForm?.alert && <Alert kind="error" title={emailForm.alert} />}
          <ErrorSummary errors={emailErrors} labels={EMAIL_LABELS} />
          <form method="post" action={CHANGE_EMAIL_PATH} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Field
              name="email"
              type="email"
              label={EMAIL_LABELS.email}
              hint="Format attendu : prenom.nom@exemple.fr"
              autocomplete="email"
              value={emailForm?.email}
              error={emailErrors.email}
            />
            <Field
              name="password"
              type="password"
              label={EMAIL_LABELS.password}
              hint="Pour vérifier que c’est bien vous."
              autocomplete="current-password"
              error={emailErrors.password}
            />
            <button type="submit" class="fr-btn">
              Modifier mon adresse électronique
            </button>
          </form>
        </section>
      </div>
    </Layout>
  );
}

/** The answer to a change of address asked: the same whether the address is free or not. */
export function EmailChangeSentPage({
  ctx,
  email,
  expiresAt,
}: {
  ctx: PageContext;
  email: string;
  expiresAt: Date;
}): VNode {
  return (
    <MessagePage
      ctx={ctx}
      title="Consultez votre messagerie"
      lead={`Un courriel vient d’être envoyé à ${email}.`}
    >
      <p>
        Cliquez sur le lien « Confirmer ma nouvelle adresse » qu’il contient avant le{' '}
        {formatParisDateTime(expiresAt)} (heure de Paris). D’ici là, votre compte garde son adresse
        actuelle.
      </p>
      <p>
        Si cette adresse a déjà un compte, le courriel le rappelle à son propriétaire et l’adresse
        de votre compte ne change pas.
      </p>
      <a class="fr-btn fr-btn--secondary" href={MY_ACCOUNT_PATH}>
        Revenir à mon compte
      </a>
    </MessagePage>
  );
}

export function ConfirmEmailPage({
  ctx,
  token,
  email,
  expiresAt,
}: {
  ctx: PageContext;
  token: string;
  email: string;
  expiresAt: Date;
}): VNode {
  return (
    <MessagePage
      ctx={ctx}
      title="Confirmer ma nouvelle adresse"
      lead={`Nouvelle adresse électronique du compte : ${email}`}
    >
      <p>Ce lien est valable jusqu’au {formatParisDateTime(expiresAt)} (heure de Paris).</p>
      <p>
        Une fois l’adresse confirmée, vous vous connecterez avec elle, et toutes les autres
        connexions à votre compte seront fermées.
      </p>
      <form method="post" action={CONFIRM_EMAIL_PATH}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <button type="submit" class="fr-btn">
          Confirmer ma nouvelle adresse
        </button>
      </form>
    </MessagePage>
  );
}

/** The change made, in a browser that was not signed in to the account. */
export function EmailChangedPage({ ctx, email }: { ctx: PageContext; email: string }): VNode {
  return (
    <MessagePage
      ctx={ctx}
      title="Adresse électronique modifiée"
      lead={`L’adresse électronique de votre compte est désormais ${email}.`}
    >
      <p>Connectez-vous avec cette adresse et votre mot de passe habituel.</p>
      <a class="fr-btn" href="/connexion">
        Se connecter
      </a>
    </MessagePage>
  );
}

export type RefusedEmailLink = 'unknown' | 'used' | 'expired' | 'taken';

const REFUSALS: Record<RefusedEmailLink, { title: string; text: string }> = {
  unknown: {
    title: 'Ce lien n’est pas valide',
    text: 'Vérifiez que l’adresse copiée depuis le courriel est complète.',
  },
  used: {
    title: 'Ce lien a déjà servi',
    text: 'Ce lien de confirmation a déjà servi, ou a été remplacé par un lien plus récent. Un changement de mot de passe annule aussi les demandes en cours.',
  },
  expired: {
    title: 'Ce lien a expiré',
    text: 'Un lien de confirmation d’adresse n’est valable que 48 heures : l’adresse de votre compte n’a pas été modifiée.',
  },
  taken: {
    title: 'Cette adresse a déjà un compte',
    text: 'Cette adresse électronique est devenue, depuis votre demande, celle d’un autre compte : l’adresse de votre compte n’a pas été modifiée.',
  },
};

export function RefusedEmailLinkPage({
  ctx,
  reason,
}: {
  ctx: PageContext;
  reason: RefusedEmailLink;
}): VNode {
  const { title, text } = REFUSALS[reason];
  return (
    <MessagePage ctx={ctx} title={title}>
      <p>{text}</p>
      <p>Vous pouvez faire une nouvelle demande depuis « Mon compte ».</p>
      <a class="fr-btn" href={MY_ACCOUNT_PATH}>
        Mon compte
      </a>
    </MessagePage>
  );
}
