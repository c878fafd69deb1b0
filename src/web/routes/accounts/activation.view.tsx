import type { VNode } from 'preact';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Alert, CsrfField } from '../../views/forms.js';
import { MessagePage } from '../../views/message-page.js';
import type { PageContext } from '../../views/page-context.js';

export function CheckYourMailPage({ ctx, email }: { ctx: PageContext; email: string }): VNode {
  return (
    <MessagePage
      ctx={ctx}
      title="Consultez votre messagerie"
      lead={`Un courriel vient d’être envoyé à ${email}.`}
    >
      <p>
        Cliquez sur le lien « Activer mon compte » qu’il contient dans les{' '}
        <strong>48 heures</strong>. Passé ce délai, le compte est supprimé.
      </p>
      <p>
        Si cette adresse a déjà un compte, le courriel vous le rappelle et vous indique comment vous
        connecter.
      </p>
      <p>
        Rien reçu après quelques minutes ? Regardez dans les indésirables, puis{' '}
        <a href="/compte/activation">demandez un nouveau lien d’activation</a>.
      </p>
    </MessagePage>
  );
}

export function ConfirmActivationPage({
  ctx,
  token,
  email,
  deadline,
}: {
  ctx: PageContext;
  token: string;
  email: string;
  deadline: Date;
}): VNode {
  return (
    <MessagePage ctx={ctx} title="Activer mon compte" lead={`Compte : ${email}`}>
      <p>Ce lien est valable jusqu’au {formatParisDateTime(deadline)} (heure de Paris).</p>
      <form method="post" action="/compte/activer">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="jeton" value={token} />
        <button type="submit" class="fr-btn">
          Activer mon compte
        </button>
      </form>
    </MessagePage>
  );
}

export function ExpiredActivationPage({
  ctx,
  deadline,
}: {
  ctx: PageContext;
  deadline: Date | undefined;
}): VNode {
  return (
    <MessagePage ctx={ctx} title="Ce lien d’activation a expiré">
      <Alert kind="warning" title="Le délai de 48 heures est dépassé">
        <p>
          {deadline
            ? `Ce lien était valable jusqu’au ${formatParisDateTime(deadline)} (heure de Paris). `
            : ''}
          Un compte qui n’est pas activé dans les 48 heures suivant sa création est supprimé : le
          vôtre a été ou va être supprimé.
        </p>
      </Alert>
      <p>Vous pouvez recommencer avec la même adresse électronique.</p>
      <a class="fr-btn" href="/compte/creer">
        Créer un nouveau compte
      </a>
    </MessagePage>
  );
}

export function UnknownActivationPage({ ctx, used }: { ctx: PageContext; used: boolean }): VNode {
  return used ? (
    <MessagePage ctx={ctx} title="Ce lien a déjà servi" lead="Votre compte est déjà activé.">
      <a class="fr-btn" href="/connexion">
        Se connecter
      </a>
    </MessagePage>
  ) : (
    <MessagePage ctx={ctx} title="Ce lien d’activation n’est pas valide">
      <p>
        Vérifiez que l’adresse copiée depuis le courriel est complète. Si votre compte n’a pas été
        activé dans les 48 heures suivant sa création, il a été supprimé : vous pouvez en créer un
        nouveau.
      </p>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn" href="/compte/activation">
            Recevoir un nouveau lien
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/compte/creer">
            Créer votre compte
          </a>
        </li>
      </ul>
    </MessagePage>
  );
}
