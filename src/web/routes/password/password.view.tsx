import type { VNode } from 'preact';
import { PASSWORD_MIN_LENGTH } from '../../../domain/accounts/password-policy.js';
import { CsrfField, ErrorSummary, Field } from '../../views/forms.js';
import { MessagePage } from '../../views/message-page.js';
import type { PageContext } from '../../views/page-context.js';

const NEW_PASSWORD_LABELS = {
  password: 'Nouveau mot de passe',
  passwordConfirmation: 'Confirmation du nouveau mot de passe',
};

export function NewPasswordPage({
  ctx,
  token,
  email,
  fieldErrors = {},
}: {
  ctx: PageContext;
  token: string;
  email: string;
  fieldErrors?: Record<string, string>;
}): VNode {
  return (
    <MessagePage ctx={ctx} title="Choisir un nouveau mot de passe" lead={`Compte : ${email}`}>
      <ErrorSummary errors={fieldErrors} labels={NEW_PASSWORD_LABELS} />
      <form method="post" action="/mot-de-passe/nouveau" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <Field
          name="password"
          type="password"
          label={NEW_PASSWORD_LABELS.password}
          hint={`Au moins ${PASSWORD_MIN_LENGTH} caractères.`}
          autocomplete="new-password"
          error={fieldErrors.password}
        />
        <Field
          name="passwordConfirmation"
          type="password"
          label={NEW_PASSWORD_LABELS.passwordConfirmation}
          autocomplete="new-password"
          error={fieldErrors.passwordConfirmation}
        />
        <p>Toutes les autres connexions à votre compte seront fermées.</p>
        <button type="submit" class="fr-btn">
          Enregistrer le nouveau mot de passe
        </button>
      </form>
    </MessagePage>
  );
}

export function BadResetLinkPage({ ctx, expired }: { ctx: PageContext; expired: boolean }): VNode {
  return (
    <MessagePage ctx={ctx} title={expired ? 'Ce lien a expiré' : 'Ce lien n’est pas valide'}>
      <p>
        {expired
          ? 'Un lien de réinitialisation n’est valable qu’une heure.'
          : 'Ce lien de réinitialisation est incomplet, a déjà servi, ou a été remplacé par un lien plus récent.'}{' '}
        Vous pouvez en demander un nouveau.
      </p>
      <a class="fr-btn" href="/mot-de-passe/oublie">
        Recevoir un nouveau lien
      </a>
    </MessagePage>
  );
}
