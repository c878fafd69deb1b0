/**
 * The lines of « À faire » on « Mes inscriptions » that come from the office: a refused
 * document to upload again (its reason and deadline), a document it claims (« Réclamer la
 * pièce »: its message and deadline), a document published and not yet opened, an answer to a
 * request.
 */
import type { VNode } from 'preact';
import type { RequestKind } from '../../../domain/registrations/ports.js';
import type { PendingActions } from '../../../domain/registrations/pending-actions.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { justificatifsPath } from '../documents/justificatifs.view.js';
import { documentsPath } from '../receipts/my-documents.view.js';

const REQUEST_NAMES: Record<RequestKind, string> = {
  identity: 'votre demande de correction d’état civil',
  address: 'votre demande de changement d’adresse',
  question: 'votre question',
};

/** The office's text as a sentence: a full stop added unless it ends with one already. */
function sentence(text: string): string {
  return /[.!?…]$/u.test(text) ? text : `${text}.`;
}

export function PendingActionItems({
  number,
  actions,
  now,
}: {
  number: string;
  actions: PendingActions | undefined;
  now: Date;
}): VNode | null {
  if (!actions) return null;
  return (
    <>
      {actions.refused.map((d) => (
        <li data-action={d.state === 'refuse' ? 'piece-refusee' : 'piece-reclamee'}>
          {d.state === 'refuse' ? (
            <>
              <span class="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">
                Pièce refusée
              </span>{' '}
              « {d.label} »{d.refusalReason ? ` – motif : ${sentence(d.refusalReason)}` : '.'}
            </>
          ) : (
            <>
              <span class="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">
                Pièce demandée par le pôle
              </span>{' '}
              « {d.label} »{d.refusalReason ? ` – message : ${sentence(d.refusalReason)}` : '.'}
            </>
          )}{' '}
          {d.reopenedUntil && d.reopenedUntil.getTime() > now.getTime() ? (
            <>
              {d.state === 'refuse' ? 'Déposez-en une nouvelle' : 'Déposez-la'} avant le{' '}
              {formatParisDateTime(d.reopenedUntil)} (heure de Paris) dans{' '}
              <a href={justificatifsPath(number)}>Mes justificatifs</a>.
            </>
          ) : (
            <>
              Le délai pour la déposer{d.state === 'refuse' ? ' à nouveau' : ''} est passé :
              contactez le pôle qui gère votre examen (
              <a href={justificatifsPath(number)}>Mes justificatifs</a>).
            </>
          )}
        </li>
      ))}
      {actions.unseen.map((p) => (
        <li data-action="document-publie">
          <span class="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon">Nouveau</span> Le pôle
          vous a transmis le document « {p.title} » le {formatParisDateTime(p.publishedAt)} : à lire
          dans <a href={documentsPath(number)}>Mes documents</a>.
        </li>
      ))}
      {actions.answers.map((a) => (
        <li data-action="reponse">
          <span class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">
            Réponse du pôle
          </span>{' '}
          Le pôle a répondu{a.answeredAt ? ` le ${formatParisDateTime(a.answeredAt)}` : ''} à{' '}
          {REQUEST_NAMES[a.kind]} du {formatParisDateTime(a.createdAt)} : « {a.answer} »
        </li>
      ))}
    </>
  );
}
