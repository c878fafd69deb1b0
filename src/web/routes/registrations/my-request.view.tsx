/**
 * A request as its candidate follows it (/demandes/:id): what they sent, where it went (the
 * pôle, with its contacts), its state, the pôle's answers, and whether the change was applied.
 */
import type { VNode } from 'preact';
import {
  type Catalogue,
  findExam,
  findSession,
  findSpecialty,
} from '../../../domain/catalogue/catalogue.js';
import { requestedAddress } from '../../../domain/office-requests/apply-address-change.js';
import type { CandidateRequest } from '../../../domain/office-requests/candidate-request.js';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATE_FOR_CANDIDATE,
} from '../../../domain/office-requests/request-labels.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { DeskContact } from '../../views/desk-contact.js';
import { Layout } from '../../views/layout.js';
import { MultilineText } from '../../views/multiline-text.js';
import type { PageContext } from '../../views/page-context.js';
import { documentsPath } from '../receipts/my-documents.view.js';

export const myRequestPath = (id: string): string => `/demandes/${id}`;

export function MyRequestPage({
  ctx,
  mine,
  catalogue,
}: {
  ctx: PageContext;
  mine: CandidateRequest;
  catalogue: Catalogue | undefined;
}): VNode {
  const { request, registration, answers } = mine;
  const exam = catalogue && findExam(catalogue, registration.examCode);
  const specialty =
    catalogue && findSpecialty(catalogue, registration.examCode, registration.specialtyCode);
  const session = catalogue && findSession(catalogue, registration.sessionCode);
  const title = `Ma demande : ${REQUEST_KIND_LABELS[request.kind].toLowerCase()}`;
  const address = request.kind === 'address' ? requestedAddress(request.payload) : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <p class="fr-mb-2w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">
          Mes inscriptions
        </a>
      </p>
      <h1>{title}</h1>
      <p>
        Inscription n° {registration.number} ({exam?.shortName ?? registration.examCode}{' '}
        {specialty?.name ?? registration.specialtyCode} –{' '}
        {session?.name ?? registration.sessionCode}).
      </p>
      <p>
        <span
          class={`fr-badge fr-badge--no-icon ${request.state === 'open' ? 'fr-badge--info' : 'fr-badge--success'}`}
        >
          {REQUEST_STATE_FOR_CANDIDATE[request.state]}
        </span>
      </p>
      <p>
        Envoyée le {formatParisDateTime(request.createdAt)} (heure de Paris) au pôle qui gère votre
        examen : <DeskContact desks={ctx.desks} code={request.deskCode} />.
      </p>

      {answers.length > 0 && (
        <>
          <h2 class="fr-h4">{answers.length > 1 ? 'Réponses du pôle' : 'Réponse du pôle'}</h2>
          {[...answers].reverse().map((a) => (
            <div class="fr-callout fr-mb-2w">
              <p class="fr-callout__title fr-text--md">Le {formatParisDateTime(a.answeredAt)}</p>
              <MultilineText class="fr-callout__text fr-text--md" text={a.answer} />
            </div>
          ))}
        </>
      )}
      {request.appliedAt && (
        <p>
          Le pôle a appliqué le changement demandé le {formatParisDateTime(request.appliedAt)} :
          votre nouvelle confirmation d’inscription est dans{' '}
          <a href={documentsPath(registration.number)}>Mes documents</a>.
        </p>
      )}

      <h2 class="fr-h4">Ma demande</h2>
      {address && (
        <>
          <h3 class="fr-h6">Nouvelle adresse</h3>
          <p>
            {[
              address.line1,
              address.line2,
              `${address.postalCode} ${address.city}`,
              address.country,
            ]
              .filter((line) => line.trim())
              .map((line, i) => (
                <>
                  {i > 0 && <br />}
                  {line}
                </>
              ))}
          </p>
        </>
      )}
      {request.message ? (
        <MultilineText text={request.message} />
      ) : (
        !address && <p>Aucun message.</p>
      )}
      {request.state !== 'closed' && answers.length === 0 && (
        <p>Vous recevrez un courriel quand le pôle vous aura répondu.</p>
      )}
    </Layout>
  );
}
