/**
 * « Mes justificatifs »: for each document the registration requires, what it is, why it is
 * asked, its state, its files (« Voir », « Supprimer ») and « Ajouter » (a DSFR upload group).
 * Every form is a plain POST that works without JavaScript; public/upload-progress.js, when
 * it runs, sends the file with XMLHttpRequest to show the upload's progress.
 */
import type { VNode } from 'preact';
import {
  type Catalogue,
  findExam,
  findSession,
  findSpecialty,
} from '../../../domain/catalogue/catalogue.js';
import { windowState } from '../../../domain/catalogue/registration-window.js';
import { FILE_FIELD } from '../../../domain/documents/checked-file.js';
import { formatSize } from '../../../domain/documents/file-size.js';
import type { Justificatif, MyJustificatifs } from '../../../domain/documents/my-justificatifs.js';
import type { DocumentState, Upload } from '../../../domain/documents/ports.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { DeskContact } from '../../views/desk-contact.js';
import { Alert, CsrfField } from '../../views/forms.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

export const justificatifsPath = (number: string): string =>
  `/inscriptions/${encodeURIComponent(number)}/justificatifs`;
export const uploadPath = (number: string, documentKey: string): string =>
  `${justificatifsPath(number)}/pieces/${encodeURIComponent(documentKey)}`;
export const declarePath = (number: string): string => `${justificatifsPath(number)}/complet`;
export const filePath = (uploadId: string): string => `/justificatifs/${uploadId}`;

/** The files a browser offers in its file picker; the server decides on the content anyway. */
export const ACCEPTED_EXTENSIONS = '.pdf,.jpg,.jpeg,.png';

const STATES: Record<DocumentState, { text: string; badge: string }> = {
  attendu: { text: 'Attendu', badge: 'fr-badge--warning' },
  transmis: { text: 'Transmis', badge: 'fr-badge--info' },
  valide: { text: 'Validé', badge: 'fr-badge--success' },
  refuse: { text: 'Refusé', badge: 'fr-badge--error' },
  non_concerne: { text: 'Non concerné', badge: '' },
};

const KINDS: Record<Upload['mediaType'], string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

export function StateBadge({ state }: { state: DocumentState }): VNode {
  const s = STATES[state];
  return <span class={`fr-badge fr-badge--sm fr-badge--no-icon ${s.badge}`.trim()}>{s.text}</span>;
}

export interface JustificatifsPageProps {
  ctx: PageContext;
  mine: MyJustificatifs;
  catalogue: Catalogue | undefined;
  now: Date;
  notices: string[];
  /** A refusal that concerns the whole page (« J'ai fourni toutes mes pièces » refused). */
  alert?: string | undefined;
  /** A refused file's message, by document key, shown in that document's upload group. */
  fileErrors: Record<string, string>;
}

export function JustificatifsPage({
  ctx,
  mine,
  catalogue,
  now,
  notices,
  alert,
  fileErrors,
}: JustificatifsPageProps): VNode {
  const r = mine.registration;
  const exam = catalogue && findExam(catalogue, r.examCode);
  const specialty = catalogue && findSpecialty(catalogue, r.examCode, r.specialtyCode);
  const session = catalogue && findSession(catalogue, r.sessionCode);
  const title = `${exam?.shortName ?? r.examCode} ${specialty?.name ?? r.specialtyCode} – ${session?.name ?? r.sessionCode}`;
  const open = mine.window !== undefined && windowState(mine.window, now) === 'open';
  const closes = mine.window && formatParisDateTime(mine.window.closesAt);
  const sizeLimit = formatSize(mine.maxUploadBytes);
  // A document the office refused and reopened stays open when everything else is locked.
  const except = mine.documents.some((j) => j.reopened)
    ? ', sauf les pièces que le pôle vous demande de déposer à nouveau (ci-dessous)'
    : '';
  // A refused file for a document without its « Ajouter » (locked meanwhile) shows at the top.
  const otherErrors = Object.entries(fileErrors)
    .filter(([key]) => !mine.documents.some((j) => j.document.key === key && j.canAdd))
    .map(([, message]) => message);

  return (
    <Layout ctx={ctx} title="Mes justificatifs">
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">
          Retour à mes inscriptions
        </a>
      </p>
      {notices.map((n) => (
        <Alert kind="success" title={n} />
      ))}
      {[alert, ...otherErrors].map((message) => message && <Alert kind="error" title={message} />)}
      <h1>Mes justificatifs</h1>
      <p class="fr-text--lead">
        Inscription n° {r.number} : {title}
      </p>
      {specialty && (
        <p>
          Pôle qui gère votre examen : <DeskContact desks={ctx.desks} code={specialty.deskCode} />.
        </p>
      )}
      {mine.completeDeclaredAt ? (
        <div class="fr-callout fr-mb-4w">
          <h2 class="fr-callout__title fr-h5">
            Dossier déclaré complet le {formatParisDateTime(mine.completeDeclaredAt)} (heure de
            Paris)
          </h2>
          <p class="fr-callout__text">
            Vous avez déclaré avoir fourni toutes vos pièces : vos justificatifs ne peuvent plus
            être modifiés{except}. Le pôle qui gère votre examen les examine ; si une pièce ne
            convient pas, vous pourrez en déposer une nouvelle.
          </p>
        </div>
      ) : open ? (
        <>
          {mine.declarationLiftedAt && (
            <div
              class="fr-callout fr-callout--orange-terre-battue fr-mb-4w"
              data-declaration-levee=""
            >
              <h2 class="fr-callout__title fr-h5">Déclarez à nouveau votre dossier complet</h2>
              <p class="fr-callout__text">
                Depuis la modification de votre inscription du{' '}
                {formatParisDateTime(mine.declarationLiftedAt)}, une nouvelle pièce justificative
                est demandée : votre déclaration « J’ai fourni toutes mes pièces » est levée.
                Déposez cette pièce, puis cliquez à nouveau sur « J’ai fourni toutes mes pièces »
                avant le {closes} (heure de Paris).
              </p>
            </div>
          )}
          <p>
            Déposez chaque pièce demandée avec « Ajouter », puis cliquez sur « J’ai fourni toutes
            mes pièces », avant le {closes} (heure de Paris). Un document de plusieurs pages peut
            être déposé en un seul PDF ou en plusieurs fichiers.
          </p>
        </>
      ) : (
        <p>
          {closes
            ? `Les inscriptions pour cet examen sont closes depuis le ${closes} : vos justificatifs ne peuvent plus être modifiés${except}.`
            : `Les inscriptions pour cet examen sont closes : vos justificatifs ne peuvent plus être modifiés${except}.`}
        </p>
      )}

      {mine.documents.length === 0 && (
        <p>Aucune pièce justificative n’est demandée pour cette inscription.</p>
      )}
      {mine.documents.map((j, index) => (
        <DocumentSection
          ctx={ctx}
          number={r.number}
          j={j}
          index={index}
          sizeLimit={sizeLimit}
          maxBytes={mine.maxUploadBytes}
          error={fileErrors[j.document.key]}
        />
      ))}

      {mine.canDeclare && (
        <form method="post" action={declarePath(r.number)} class="fr-mt-4w">
          <CsrfField token={ctx.csrfToken} />
          <p>
            Toutes les pièces demandées ont un fichier, et aucune n’est refusée. Quand votre dossier
            est complet, déclarez-le : vos justificatifs ne pourront plus être modifiés ensuite.
          </p>
          <button type="submit" class="fr-btn fr-icon-check-line fr-btn--icon-left">
            J’ai fourni toutes mes pièces
          </button>
        </form>
      )}
      {!mine.completeDeclaredAt && open && !mine.allProvided && (
        <div class="fr-mt-4w" data-pieces-manquantes="">
          <p class="fr-mb-1w">
            Le bouton « J’ai fourni toutes mes pièces » apparaîtra quand il ne manquera plus rien.{' '}
            {mine.missing.length === 1
              ? 'Il manque une pièce :'
              : `Il manque ${mine.missing.length} pièces :`}
          </p>
          <ul>
            {mine.missing.map((d) => (
              <li>
                « {d.label} » :{' '}
                {d.state === 'refuse'
                  ? `refusée par le pôle${d.refusalReason ? ` (motif : ${d.refusalReason})` : ''} ; déposez un nouveau fichier.`
                  : 'aucun fichier déposé.'}
              </li>
            ))}
          </ul>
        </div>
      )}
      <script src="/static/upload-progress.js" defer></script>
    </Layout>
  );
}

function DocumentSection({
  ctx,
  number,
  j,
  index,
  sizeLimit,
  maxBytes,
  error,
}: {
  ctx: PageContext;
  number: string;
  j: Justificatif;
  index: number;
  sizeLimit: string;
  maxBytes: number;
  error: string | undefined;
}): VNode {
  const d = j.document;
  const id = `piece-${index + 1}`;
  const inputId = `${id}-${FILE_FIELD}`;
  return (
    <section class="fr-mb-6w" id={id} aria-labelledby={`${id}-titre`}>
      <h2 class="fr-h5 fr-mb-1w" id={`${id}-titre`}>
        {d.label}
      </h2>
      <p class="fr-mb-1w">
        <StateBadge state={d.state} />
      </p>
      <p class="fr-text--sm fr-mb-1w">Pourquoi cette pièce : {d.reason}</p>
      {d.state === 'refuse' && d.refusalReason && (
        <p class="fr-text--sm fr-mb-1w">Motif du refus : {d.refusalReason}</p>
      )}
      {d.state === 'non_concerne' && d.waiverReason && (
        <p class="fr-text--sm fr-mb-1w">
          Le pôle a indiqué que cette pièce ne vous concerne pas : {d.waiverReason} Vous n’avez rien
          à déposer.
        </p>
      )}
      {j.reopened && d.reopenedUntil && d.state === 'attendu' && (
        <p class="fr-text--sm fr-mb-1w">
          Le pôle vous demande cette pièce : vous pouvez la déposer jusqu’au{' '}
          {formatParisDateTime(d.reopenedUntil)} (heure de Paris).
          {d.refusalReason && ` Message du pôle : ${d.refusalReason}`}
        </p>
      )}
      {j.reopened && d.reopenedUntil && d.state !== 'attendu' && (
        <p class="fr-text--sm fr-mb-1w">
          Le pôle vous permet de déposer un nouveau fichier pour cette pièce jusqu’au{' '}
          {formatParisDateTime(d.reopenedUntil)} (heure de Paris).
          {d.state === 'refuse' &&
            !j.canAdd &&
            j.changeable &&
            ' Supprimez d’abord le fichier refusé, puis ajoutez le nouveau.'}
        </p>
      )}
      {j.uploads.length === 0 ? (
        <p class="fr-text--sm">Aucun fichier déposé.</p>
      ) : (
        <ul class="fr-mb-2w">
          {j.uploads.map((u) => (
            <li class="fr-mb-1w">
              <span class="fr-text--bold">{u.originalName}</span> ({KINDS[u.mediaType]},{' '}
              {formatSize(u.size)}, déposé le {formatParisDateTime(u.createdAt)}){' '}
              <a class="fr-link fr-link--sm" href={filePath(u.id)}>
                Voir<span class="fr-sr-only"> {u.originalName}</span>
              </a>
              {j.changeable && (
                <form method="post" action={`${filePath(u.id)}/supprimer`} class="candidat-inline">
                  <CsrfField token={ctx.csrfToken} />
                  <button
                    type="submit"
                    class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-delete-line fr-btn--icon-left"
                  >
                    Supprimer<span class="fr-sr-only"> {u.originalName}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {j.canAdd && (
        <form
          method="post"
          action={uploadPath(number, d.key)}
          enctype="multipart/form-data"
          data-upload-progress=""
          data-max-bytes={String(maxBytes)}
          data-too-large={`Le fichier dépasse la taille maximale de ${sizeLimit}. Réduisez-le (par exemple en le numérisant en noir et blanc ou à une résolution plus basse) puis recommencez.`}
        >
          {/* The token comes before the file: the server checks it before reading the file. */}
          <CsrfField token={ctx.csrfToken} />
          <div class={`fr-upload-group${error ? ' fr-upload-group--error' : ''}`}>
            <label class="fr-label" for={inputId}>
              {j.uploads.length > 0 ? 'Ajouter un autre fichier' : 'Ajouter un fichier'}
              <span class="fr-sr-only"> : {d.label}</span>
              <span class="fr-hint-text">
                Formats acceptés : PDF, JPEG, PNG. Taille maximale : {sizeLimit}.
              </span>
            </label>
            <input
              class="fr-upload"
              type="file"
              id={inputId}
              name={FILE_FIELD}
              accept={ACCEPTED_EXTENSIONS}
              required
              aria-describedby={`${id}-messages`}
              aria-invalid={error ? 'true' : undefined}
            />
            <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
              {error && (
                <p class="fr-message fr-message--error" id={`${id}-erreur`}>
                  {error}
                </p>
              )}
            </div>
          </div>
          <div class="fr-mt-2w" data-upload-status hidden>
            <label class="fr-label" for={`${id}-progression`}>
              Envoi du fichier
            </label>
            <progress id={`${id}-progression`} class="candidat-progress" max={100} value={0}>
              0 %
            </progress>
            <p class="fr-hint-text" data-upload-text></p>
          </div>
          <button
            type="submit"
            class="fr-btn fr-btn--secondary fr-icon-upload-2-line fr-btn--icon-left fr-mt-2w"
          >
            Ajouter<span class="fr-sr-only"> un fichier : {d.label}</span>
          </button>
        </form>
      )}
    </section>
  );
}
