/** « Mes inscriptions »: each registration with its state and what is left to do. */
import type { VNode } from 'preact';
import { type Catalogue, findSpecialty, findWindow } from '../../../domain/catalogue/catalogue.js';
import { windowState } from '../../../domain/catalogue/registration-window.js';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATE_FOR_CANDIDATE,
} from '../../../domain/office-requests/request-labels.js';
import type { JustificatifsSummary } from '../../../domain/documents/justificatifs-summary.js';
import type { Desk } from '../../../domain/desks/desk.js';
import type { MyRegistrations } from '../../../domain/registrations/my-registrations.js';
import type { SetAside } from '../../../domain/registrations/registration.js';
import type { PendingActions } from '../../../domain/registrations/pending-actions.js';
import { registrationTitle } from '../../../domain/registrations/registration-title.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { DeskContact } from '../../views/desk-contact.js';
import { Alert, CsrfField } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';
import { justificatifsPath } from '../documents/justificatifs.view.js';
import { documentsPath } from '../receipts/my-documents.view.js';
import { myRequestPath } from '../registrations/my-request.view.js';
import { basePath } from '../registrations/wizard.routes.js';
import { PendingActionItems } from './pending-actions.view.js';
import { PERSONAL_DATA_PATH } from './personal-data.view.js';

export interface MyRegistrationsPageProps {
  ctx: PageContext;
  email: string;
  mine: MyRegistrations;
  catalogue: Catalogue | undefined;
  now: Date;
  notices: string[];
  /** What is left to provide, by registration id. */
  justificatifs: ReadonlyMap<string, JustificatifsSummary>;
  /** What the office asks the candidate to look at, by registration id. */
  pending: ReadonlyMap<string, PendingActions>;
}

export function MyRegistrationsPage({
  ctx,
  email,
  mine,
  catalogue,
  now,
  notices,
  justificatifs,
  pending,
}: MyRegistrationsPageProps): VNode {
  const open = catalogue?.windows.some((w) => windowState(w, now) === 'open') ?? false;
  return (
    <Layout ctx={ctx} title="Mes inscriptions">
      {notices.map((n) => (
        <Alert kind="success" title={n} />
      ))}
      <h1>Mes inscriptions</h1>
      <p>Compte : {email}</p>
      <p>
        <a href={PERSONAL_DATA_PATH}>Mes données personnelles</a> : les télécharger, savoir combien
        de temps elles sont conservées.
      </p>
      {open && (
        <a class="fr-btn fr-icon-add-line fr-btn--icon-left fr-mb-4w" href="/inscription/nouvelle">
          M’inscrire
        </a>
      )}
      {mine.drafts.map((d) => (
        <div class="fr-callout fr-mb-3w">
          <h2 class="fr-callout__title">{registrationTitle(catalogue, d)}</h2>
          <p class="fr-callout__text">
            <span class="fr-badge fr-badge--warning fr-badge--no-icon">Non enregistrée</span> Votre
            saisie est conservée, mais l’inscription n’existe qu’après « Enregistrer ».
          </p>
          <a
            class="fr-btn fr-btn--secondary"
            href={`${basePath(d.sessionCode, d.examCode)}/${d.conditionsAccepted ? 'recapitulatif' : 'conditions'}`}
          >
            Reprendre mon inscription
          </a>
        </div>
      ))}
      {mine.registrations.length === 0 && mine.drafts.length === 0 && (
        <p>Vous n’avez encore aucune inscription.</p>
      )}
      {mine.registrations.map((r) => {
        const window = catalogue && findWindow(catalogue, r.sessionCode, r.examCode);
        const state = window ? windowState(window, now) : 'closed';
        const requests = mine.requests.filter((q) => q.registrationId === r.id);
        return (
          <div class="fr-card fr-mb-3w">
            <div class="fr-card__body">
              <div class="fr-card__content">
                <h2 class="fr-card__title">{registrationTitle(catalogue, r)}</h2>
                <p class="fr-card__desc">
                  {r.setAside ? (
                    <span class="fr-badge fr-badge--error fr-badge--no-icon">Écartée</span>
                  ) : (
                    <span class="fr-badge fr-badge--success fr-badge--no-icon">Enregistrée</span>
                  )}{' '}
                  Inscription n° {r.number}, version {r.version} du {formatParisDateTime(r.savedAt)}
                  .
                </p>
                {r.setAside && (
                  <SetAsideNotice
                    setAside={r.setAside}
                    desks={ctx.desks}
                    deskCode={
                      catalogue && findSpecialty(catalogue, r.examCode, r.specialtyCode)?.deskCode
                    }
                  />
                )}
                <p class="fr-card__desc">
                  {window && state === 'open' ? (
                    `Modifiable jusqu’au ${formatParisDateTime(window.closesAt)} (heure de Paris).`
                  ) : window ? (
                    <>
                      Inscriptions closes depuis le {formatParisDateTime(window.closesAt)} : pour un
                      changement d’adresse ou d’état civil, faites une demande au pôle qui gère
                      votre examen :{' '}
                      <DeskContact
                        desks={ctx.desks}
                        code={
                          catalogue &&
                          findSpecialty(catalogue, r.examCode, r.specialtyCode)?.deskCode
                        }
                      />
                      .
                    </>
                  ) : (
                    ''
                  )}
                </p>
                <h3 class="fr-h6 fr-mb-1w">À faire</h3>
                <ul>
                  <li>
                    Télécharger votre confirmation d’inscription et la liste des pièces
                    justificatives : <a href={documentsPath(r.number)}>Mes documents</a>.
                  </li>
                  <JustificatifsItem
                    number={r.number}
                    summary={justificatifs.get(r.id)}
                    closed={state === 'closed'}
                    desk={
                      <DeskContact
                        desks={ctx.desks}
                        code={
                          catalogue &&
                          findSpecialty(catalogue, r.examCode, r.specialtyCode)?.deskCode
                        }
                      />
                    }
                  />
                  <PendingActionItems number={r.number} actions={pending.get(r.id)} now={now} />
                </ul>
                {requests.length > 0 && (
                  <>
                    <h3 class="fr-h6 fr-mb-1w">Mes demandes</h3>
                    <ul>
                      {requests.map((q) => (
                        <li>
                          <a href={myRequestPath(q.id)}>
                            {REQUEST_KIND_LABELS[q.kind]} du {formatParisDateTime(q.createdAt)}
                          </a>{' '}
                          :{' '}
                          <span
                            class={`fr-badge fr-badge--sm fr-badge--no-icon ${q.state === 'open' ? 'fr-badge--info' : 'fr-badge--success'}`}
                          >
                            {REQUEST_STATE_FOR_CANDIDATE[q.state]}
                          </span>
                          {q.answeredAt && (
                            <> (dernière réponse le {formatParisDateTime(q.answeredAt)})</>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
              <div class="fr-card__footer">
                <ul class="fr-btns-group fr-btns-group--inline-md">
                  {state === 'open' ? (
                    <li>
                      <form
                        method="post"
                        action={`${basePath(r.sessionCode, r.examCode)}/modifier`}
                      >
                        <CsrfField token={ctx.csrfToken} />
                        <button type="submit" class="fr-btn">
                          Modifier
                        </button>
                      </form>
                    </li>
                  ) : (
                    <li>
                      <a class="fr-btn" href={`/demandes/${encodeURIComponent(r.number)}/adresse`}>
                        Signaler un changement d’adresse
                      </a>
                    </li>
                  )}
                  <li>
                    <a
                      class="fr-btn fr-btn--secondary"
                      href={`/demandes/${encodeURIComponent(r.number)}/etat-civil`}
                    >
                      Demander une correction d’état civil
                    </a>
                  </li>
                  <li>
                    <a
                      class="fr-btn fr-btn--tertiary"
                      href={`/demandes/${encodeURIComponent(r.number)}/question`}
                    >
                      Poser une question au pôle
                    </a>
                  </li>
                </ul>
              </div>
            </div>
          </div>
        );
      })}
    </Layout>
  );
}

/**
 * « Écartée par le service des examens »: when, the office's reason as it typed it, and the pôle
 * to contact. The candidate may still modify, upload and write to the pôle (set-aside.ts), so
 * the rest of the card stays as it is.
 */
function SetAsideNotice({
  setAside,
  desks,
  deskCode,
}: {
  setAside: SetAside;
  desks: readonly Desk[];
  deskCode: string | undefined;
}): VNode {
  return (
    <div class="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
      <p>
        <strong>Écartée par le service des examens</strong> le {formatParisDateTime(setAside.at)}.
        Motif : {setAside.reason}
      </p>
      <p>
        Votre inscription reste enregistrée et peut être réintégrée. Pour en savoir plus, contactez
        le pôle qui gère votre examen : <DeskContact desks={desks} code={deskCode} />.
      </p>
    </div>
  );
}

/**
 * The « À faire » line about supporting documents: a link to « Mes justificatifs », and how many
 * are left. Once the window is closed nothing can be added any more, except a document the
 * pôle reopened (a refusal, « Réclamer la pièce »: the pending actions below name it), so it
 * says that and whom to contact instead of « avant la clôture ».
 */
function JustificatifsItem({
  number,
  summary,
  closed,
  desk,
}: {
  number: string;
  summary: JustificatifsSummary | undefined;
  /** The registration's window is closed. */
  closed: boolean;
  /** The pôle that handles the exam, with its contacts. */
  desk: VNode;
}): VNode {
  const link = <a href={justificatifsPath(number)}>Mes justificatifs</a>;
  const left = summary?.toProvide ?? 0;
  const count = left === 1 ? '1 pièce à fournir.' : `${left} pièces à fournir.`;
  if (summary?.completeDeclaredAt)
    return (
      <li>
        Pièces justificatives : dossier déclaré complet le{' '}
        {formatParisDateTime(summary.completeDeclaredAt)} ({link}).
      </li>
    );
  if (closed)
    return (
      <li data-justificatifs="clos">
        Pièces justificatives : les inscriptions sont closes, vous ne pouvez plus déposer de pièce
        ni déclarer votre dossier complet, sauf une pièce que le pôle vous demande de déposer (
        {link}).{left > 0 ? ` ${count}` : ''} Pour toute question, contactez le pôle qui gère votre
        examen : {desk}.
      </li>
    );
  if (summary?.declarationLiftedAt)
    return (
      <li data-justificatifs="declaration-levee">
        Votre inscription modifiée le {formatParisDateTime(summary.declarationLiftedAt)} demande une
        nouvelle pièce justificative : votre dossier n’est plus déclaré complet. Déposez-la dans{' '}
        {link}, puis cliquez à nouveau sur « J’ai fourni toutes mes pièces », avant la clôture :{' '}
        {left === 0 ? 'toutes les pièces demandées ont un fichier.' : count}
      </li>
    );
  // Nothing asked (no rule applies, or the office marked each document « Non concerné »):
  // nothing to upload, only the declaration is left.
  if (summary?.required === 0)
    return (
      <li>
        Aucune pièce justificative n’est demandée pour cette inscription : cliquer sur « J’ai fourni
        toutes mes pièces » dans {link} avant la clôture.
      </li>
    );
  return (
    <li>
      Déposer vos pièces justificatives dans {link}, puis cliquer sur « J’ai fourni toutes mes
      pièces », avant la clôture :{' '}
      {left === 0 ? 'toutes les pièces demandées ont un fichier.' : count}
    </li>
  );
}
