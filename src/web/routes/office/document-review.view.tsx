/**
 * The office's review page of a registration's supporting documents
 * (/gestion/inscriptions/:number/pieces): each document with its state, its last review and its
 * files (opened in the browser through /gestion/justificatifs/:id), « Valider » and « Refuser »
 * (a reason from the list, the office's text, the date until which the candidate may upload it
 * again), « Réclamer la pièce » for one without a file (a message and the same date),
 * « Non concerné » (with the office's reason) and its cancellation, then the documents
 * published to the candidate and « Publier un document ».
 */
import type { ComponentChildren, VNode } from 'preact';
import type { Catalogue } from '../../../domain/catalogue/catalogue.js';
import { FILE_FIELD } from '../../../domain/documents/checked-file.js';
import { formatSize } from '../../../domain/documents/file-size.js';
import type {
  DocumentForReview,
  RegistrationReview,
} from '../../../domain/documents/review/documents-for-review.js';
import {
  MAX_TITLE_LENGTH,
  TITLE_FIELD,
} from '../../../domain/documents/review/publish-document.js';
import {
  MAX_REFUSAL_TEXT,
  REFUSAL_REASONS,
} from '../../../domain/documents/review/refusal-reasons.js';
import { REFUSAL_FIELDS } from '../../../domain/documents/review/refuse-document.js';
import { OFFICE_TEXT_FIELD } from '../../../domain/documents/review/reopening-form.js';
import {
  DEADLINE_FIELDS,
  type WallClockDeadline,
} from '../../../domain/documents/review/reopening-deadline.js';
import { versionOf } from '../../../domain/documents/review/review-rules.js';
import { MAX_WAIVER_TEXT, WAIVER_FIELD } from '../../../domain/documents/review/waive-document.js';
import { registrationNames } from '../../../domain/receipts/receipt.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Alert, CsrfField } from '../../views/forms.js';
import type { PageContext } from '../../views/page-context.js';
import { StateBadge } from '../documents/justificatifs.view.js';
import { OfficeLayout } from './office-layout.js';

/** The review page of registration `number`, and its forms' addresses. */
export const reviewPath = (number: string): string =>
  `/gestion/inscriptions/${encodeURIComponent(number)}/pieces`;
export const acceptPath = (number: string, key: string): string =>
  `${reviewPath(number)}/${encodeURIComponent(key)}/valider`;
export const refusePath = (number: string, key: string): string =>
  `${reviewPath(number)}/${encodeURIComponent(key)}/refuser`;
export const claimPath = (number: string, key: string): string =>
  `${reviewPath(number)}/${encodeURIComponent(key)}/reclamer`;
export const waivePath = (number: string, key: string): string =>
  `${reviewPath(number)}/${encodeURIComponent(key)}/non-concerne`;
export const cancelWaiverPath = (number: string, key: string): string =>
  `${reviewPath(number)}/${encodeURIComponent(key)}/annuler-non-concerne`;
export const publishPath = (number: string): string =>
  `/gestion/inscriptions/${encodeURIComponent(number)}/documents-publies`;

/** The id of a field of « Publier un document ». */
const publishFieldId = (name: string): string => `publier-${name}`;

/** The field carrying the document's version the page showed (see review-rules.ts). */
export const SEEN_FIELD = 'depuis';

/** What the refusal form of one document shows: what was typed, and what is wrong. */
export interface RefusalFormState {
  reason: string;
  text: string;
  deadline: WallClockDeadline;
  fieldErrors: Record<string, string>;
}

/** What the « Réclamer la pièce » form of one document shows: what was typed, and what is wrong. */
export interface ClaimFormState {
  text: string;
  deadline: WallClockDeadline;
  fieldErrors: Record<string, string>;
}

/** What the « Non concerné » form of one document shows: what was typed, and what is wrong. */
export interface WaiverFormState {
  reason: string;
  fieldErrors: Record<string, string>;
}

export interface PublishFormState {
  title: string;
  fieldErrors: Record<string, string>;
}

export interface ReviewPageProps {
  ctx: PageContext;
  staff: StaffMember;
  review: RegistrationReview;
  catalogue: Catalogue | undefined;
  /** The deadline the refusal and claim forms offer (15 days later at 23 h 59). */
  defaultDeadline: WallClockDeadline;
  maxUploadBytes: number;
  notices?: string[];
  alert?: string | undefined;
  /** A refused refusal form, by document key. */
  refusal?: { key: string; form: RefusalFormState } | undefined;
  /** A refused « Réclamer la pièce » form, by document key. */
  claim?: { key: string; form: ClaimFormState } | undefined;
  /** A refused « Non concerné » form, by document key. */
  waiver?: { key: string; form: WaiverFormState } | undefined;
  publish?: PublishFormState | undefined;
}

export function ReviewPage({
  ctx,
  staff,
  review,
  catalogue,
  defaultDeadline,
  maxUploadBytes,
  notices = [],
  alert,
  refusal,
  claim,
  waiver,
  publish,
}: ReviewPageProps): VNode {
  const r = review.registration;
  const names = catalogue
    ? registrationNames(catalogue, r.sessionCode, r.examCode, r.specialtyCode)
    : { sessionName: r.sessionCode, examName: r.examCode, specialtyName: r.specialtyCode };
  const identity = r.data.identity;
  const failed =
    alert !== undefined ||
    refusal !== undefined ||
    claim !== undefined ||
    waiver !== undefined ||
    publish !== undefined;
  return (
    <OfficeLayout
      ctx={ctx}
      staff={staff}
      title={`${failed ? 'Erreur – ' : ''}Pièces justificatives – inscription n° ${r.number}`}
    >
      <p>
        <a
          class="fr-link fr-icon-arrow-left-line fr-link--icon-left"
          href={`/gestion/inscriptions/${encodeURIComponent(r.number)}`}
        >
          Dossier de l’inscription
        </a>
      </p>
      {notices.map((n) => (
        <Alert kind="success" title={n} />
      ))}
      {alert && <Alert kind="error" title={alert} />}
      <FormErrors
        review={review}
        refusal={refusal}
        claim={claim}
        waiver={waiver}
        publish={publish}
      />
      <h1>Pièces justificatives</h1>
      <p class="fr-text--lead">
        Inscription n° {r.number} : {identity.birthName.toUpperCase()}
        {identity.usageName ? ` (${identity.usageName.toUpperCase()})` : ''} {identity.firstNames}
      </p>
      <p>
        {names.examName}, {names.specialtyName} – {names.sessionName}.
        {review.desk ? ` ${review.desk.name}.` : ''}
        {review.candidateEmail ? ` Courriel du candidat : ${review.candidateEmail}.` : ''}
      </p>

      {review.documents.length === 0 && (
        <p>Aucune pièce justificative n’est demandée pour cette inscription.</p>
      )}
      {review.documents.map((item, index) => (
        <DocumentReview
          ctx={ctx}
          number={r.number}
          item={item}
          index={index}
          form={
            refusal?.key === item.document.key
              ? refusal.form
              : { reason: '', text: '', deadline: defaultDeadline, fieldErrors: {} }
          }
          claimForm={
            claim?.key === item.document.key
              ? claim.form
              : { text: '', deadline: defaultDeadline, fieldErrors: {} }
          }
          waiverForm={
            waiver?.key === item.document.key ? waiver.form : { reason: '', fieldErrors: {} }
          }
        />
      ))}

      <Published
        ctx={ctx}
        number={r.number}
        review={review}
        maxUploadBytes={maxUploadBytes}
        form={publish ?? { title: '', fieldErrors: {} }}
      />
    </OfficeLayout>
  );
}

const FIELD_LABELS: Record<string, string> = {
  [REFUSAL_FIELDS.reason]: 'Motif du refus',
  [REFUSAL_FIELDS.text]: 'Précision pour le candidat',
  [DEADLINE_FIELDS.date]: 'Pièce à redéposer avant le',
  [DEADLINE_FIELDS.time]: 'Heure limite',
  [WAIVER_FIELD]: 'Raison pour le candidat',
  [TITLE_FIELD]: 'Titre du document',
  [FILE_FIELD]: 'Fichier',
};

const CLAIM_TEXT_LABEL = 'Message pour le candidat';

/** The summary of a refused form's errors, each a link to its field. */
function FormErrors({
  review,
  refusal,
  claim,
  waiver,
  publish,
}: Pick<ReviewPageProps, 'review' | 'refusal' | 'claim' | 'waiver' | 'publish'>): VNode | null {
  const decided = refusal ?? claim ?? waiver;
  const index = decided ? review.documents.findIndex((d) => d.document.key === decided.key) : -1;
  // The claim's text is a message, not a refusal's precision.
  const labels = claim ? { ...FIELD_LABELS, [OFFICE_TEXT_FIELD]: CLAIM_TEXT_LABEL } : FIELD_LABELS;
  const errors = [
    ...Object.entries(decided?.form.fieldErrors ?? {}).map(([name, message]) => ({
      href: `#piece-${index + 1}-${name}`,
      label: labels[name] ?? name,
      message,
    })),
    ...Object.entries(publish?.fieldErrors ?? {}).map(([name, message]) => ({
      href: `#${publishFieldId(name)}`,
      label: FIELD_LABELS[name] ?? name,
      message,
    })),
  ];
  if (errors.length === 0) return null;
  const what = refusal
    ? 'Le refus n’a pas été enregistré'
    : claim
      ? 'La pièce n’a pas été réclamée'
      : waiver
        ? '« Non concerné » n’a pas été enregistré'
        : 'Le document n’a pas été publié';
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">
        {what} : {errors.length === 1 ? 'une erreur' : `${errors.length} erreurs`} à corriger
      </h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={e.href}>
              {e.label} : {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DocumentReview({
  ctx,
  number,
  item,
  index,
  form,
  claimForm,
  waiverForm,
}: {
  ctx: PageContext;
  number: string;
  item: DocumentForReview;
  index: number;
  form: RefusalFormState;
  claimForm: ClaimFormState;
  waiverForm: WaiverFormState;
}): VNode {
  const d = item.document;
  const id = `piece-${index + 1}`;
  return (
    <section class="fr-mb-6w" id={id} aria-labelledby={`${id}-titre`} data-piece={d.key}>
      <h2 class="fr-h4 fr-mb-1w" id={`${id}-titre`}>
        {d.label}
      </h2>
      <p class="fr-mb-1w">
        <StateBadge state={d.state} />
        {d.reviewedAt && (
          <span class="fr-text--sm">
            {' '}
            Dernière décision le {formatParisDateTime(d.reviewedAt)}
            {d.reviewerName ? ` par ${d.reviewerName}` : ''}.
          </span>
        )}
      </p>
      <p class="fr-text--sm fr-mb-1w">Pourquoi cette pièce : {d.reason}</p>
      {d.state === 'refuse' && (
        <p class="fr-text--sm fr-mb-1w">
          Motif du refus : {d.refusalReason ?? '—'}
          {d.reopenedUntil &&
            ` Pièce à redéposer avant le ${formatParisDateTime(d.reopenedUntil)} (heure de Paris).`}
        </p>
      )}
      {d.state === 'attendu' && d.reopenedUntil && (
        <p class="fr-text--sm fr-mb-1w">
          Rouverte au candidat jusqu’au {formatParisDateTime(d.reopenedUntil)} (heure de Paris).
          {d.refusalReason && ` Message : ${d.refusalReason}`}
        </p>
      )}
      {d.state === 'non_concerne' && d.waiverReason !== null && (
        <p class="fr-text--sm fr-mb-1w">Non concerné : {d.waiverReason}</p>
      )}
      {item.files.length === 0 ? (
        <p class="fr-text--sm">Aucun fichier déposé.</p>
      ) : (
        <ul class="fr-mb-2w">
          {item.files.map((u) => (
            <li>
              <a href={`/gestion/justificatifs/${u.id}`}>{u.originalName}</a> (
              {u.mediaType === 'application/pdf'
                ? 'PDF'
                : u.mediaType === 'image/png'
                  ? 'PNG'
                  : 'JPEG'}
              , {formatSize(u.size)}, déposé le {formatParisDateTime(u.createdAt)})
            </li>
          ))}
        </ul>
      )}
      {!item.canAccept && !item.canRefuse && (
        <p class="fr-text--sm">
          {d.state === 'non_concerne'
            ? 'Le candidat n’a rien à fournir pour cette pièce.'
            : item.files.length === 0
              ? 'Rien à décider tant que le candidat n’a pas déposé de fichier.'
              : 'Aucune décision à prendre sur cette pièce pour le moment.'}
        </p>
      )}
      {item.canAccept && (
        <form method="post" action={acceptPath(number, d.key)} class="fr-mb-3w">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name={SEEN_FIELD} value={versionOf(d, item.files)} />
          <button type="submit" class="fr-btn fr-icon-check-line fr-btn--icon-left">
            Valider<span class="fr-sr-only"> : {d.label}</span>
          </button>
        </form>
      )}
      {item.canRefuse && <RefusalForm ctx={ctx} number={number} item={item} id={id} form={form} />}
      {item.canClaim && (
        <ClaimForm ctx={ctx} number={number} item={item} id={id} form={claimForm} />
      )}
      {item.canWaive && (
        <WaiverForm ctx={ctx} number={number} item={item} id={id} form={waiverForm} />
      )}
      {item.canCancelWaiver && <CancelWaiverForm ctx={ctx} number={number} item={item} />}
    </section>
  );
}

function RefusalForm({
  ctx,
  number,
  item,
  id,
  form,
}: {
  ctx: PageContext;
  number: string;
  item: DocumentForReview;
  id: string;
  form: RefusalFormState;
}): VNode {
  const d = item.document;
  const reason = fieldOf(id, REFUSAL_FIELDS.reason, form.fieldErrors);
  return (
    <DecisionForm
      ctx={ctx}
      item={item}
      action={refusePath(number, d.key)}
      legendId={`${id}-refus`}
      legend={`Refuser la pièce « ${d.label} »`}
    >
      <div class="fr-fieldset__element">
        <div class={`fr-select-group${reason.error ? ' fr-select-group--error' : ''}`}>
          <label class="fr-label" for={reason.id}>
            Motif du refus
          </label>
          <select
            class={`fr-select${reason.error ? ' fr-select--error' : ''}`}
            id={reason.id}
            name={REFUSAL_FIELDS.reason}
            aria-describedby={reason.error ? reason.errorId : undefined}
          >
            <option value="" selected={form.reason === ''} disabled hidden>
              Choisir un motif
            </option>
            {REFUSAL_REASONS.map((r) => (
              <option value={r.code} selected={form.reason === r.code}>
                {r.label}
              </option>
            ))}
          </select>
          {reason.error && (
            <p class="fr-error-text" id={reason.errorId}>
              {reason.error}
            </p>
          )}
        </div>
      </div>
      <ReopeningFields
        id={id}
        form={form}
        textLabel="Précision pour le candidat"
        textHint={`Obligatoire avec « Autre ». Le candidat la lit dans le courriel et dans « Mes justificatifs ». ${MAX_REFUSAL_TEXT} caractères au plus.`}
      />
      <div class="fr-fieldset__element">
        <p class="fr-text--sm">
          Le candidat reçoit un courriel avec le motif et la date limite ; il peut déposer un
          nouveau fichier pour cette pièce seule jusqu’à cette date, même après la clôture.
        </p>
        <button type="submit" class="fr-btn fr-btn--secondary fr-icon-close-line fr-btn--icon-left">
          Refuser<span class="fr-sr-only"> : {d.label}</span>
        </button>
      </div>
    </DecisionForm>
  );
}

/**
 * « Réclamer la pièce » (claim-document.ts): for a document without a file, the office's
 * message and the same deadline as a refusal's; the candidate is mailed.
 */
function ClaimForm({
  ctx,
  number,
  item,
  id,
  form,
}: {
  ctx: PageContext;
  number: string;
  item: DocumentForReview;
  id: string;
  form: ClaimFormState;
}): VNode {
  const d = item.document;
  return (
    <DecisionForm
      ctx={ctx}
      item={item}
      action={claimPath(number, d.key)}
      legendId={`${id}-reclamer`}
      legend={`Réclamer la pièce « ${d.label} »`}
      spaced
    >
      <div class="fr-fieldset__element">
        <p class="fr-text--sm">
          Une fois les inscriptions closes, ou le dossier déclaré complet, le candidat ne peut plus
          déposer cette pièce de lui-même : la réclamer la lui ouvre, seule, jusqu’à la date
          indiquée.
        </p>
      </div>
      <ReopeningFields
        id={id}
        form={form}
        textLabel={CLAIM_TEXT_LABEL}
        textHint={`Facultatif. Le candidat le lit dans le courriel et dans « Mes justificatifs ». ${MAX_REFUSAL_TEXT} caractères au plus.`}
      />
      <div class="fr-fieldset__element">
        <p class="fr-text--sm">
          Le candidat reçoit un courriel avec la pièce demandée, votre message et la date limite.
        </p>
        <button type="submit" class="fr-btn fr-btn--secondary fr-icon-mail-line fr-btn--icon-left">
          Réclamer la pièce<span class="fr-sr-only"> : {d.label}</span>
        </button>
      </div>
    </DecisionForm>
  );
}

/**
 * The shell of a decision's form on one document: CSRF, the document's version as the page
 * showed it (review-rules.ts refuses a form made from an older one), a fieldset named by its
 * legend.
 */
function DecisionForm({
  ctx,
  item,
  action,
  legendId,
  legend,
  spaced = false,
  children,
}: {
  ctx: PageContext;
  item: DocumentForReview;
  action: string;
  legendId: string;
  legend: string;
  /** Spaced from the form above it. */
  spaced?: boolean;
  children: ComponentChildren;
}): VNode {
  return (
    <form method="post" action={action} class={spaced ? 'fr-mt-3w' : undefined} novalidate>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name={SEEN_FIELD} value={versionOf(item.document, item.files)} />
      <fieldset class="fr-fieldset" aria-labelledby={legendId}>
        <legend class="fr-fieldset__legend fr-h6" id={legendId}>
          {legend}
        </legend>
        {children}
      </fieldset>
    </form>
  );
}

/** The office's words for the candidate: a textarea with its hint and its error. */
function OfficeTextArea({
  field,
  name,
  label,
  hint,
  rows,
  maxLength,
  value,
}: {
  field: FieldIds;
  name: string;
  label: string;
  hint: string;
  rows: number;
  maxLength: number;
  value: string;
}): VNode {
  const hintId = `${field.id}-aide`;
  return (
    <div class="fr-fieldset__element">
      <div class={`fr-input-group${field.error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label" for={field.id}>
          {label}
          <span class="fr-hint-text" id={hintId}>
            {hint}
          </span>
        </label>
        <textarea
          class={`fr-input${field.error ? ' fr-input--error' : ''}`}
          id={field.id}
          name={name}
          rows={rows}
          maxLength={maxLength}
          aria-describedby={field.error ? `${hintId} ${field.errorId}` : hintId}
        >
          {value}
        </textarea>
        {field.error && (
          <p class="fr-error-text" id={field.errorId}>
            {field.error}
          </p>
        )}
      </div>
    </div>
  );
}

interface FieldIds {
  id: string;
  error: string | undefined;
  errorId: string;
}

/** The ids of field `name` in the forms of document `id`, and its error. */
function fieldOf(id: string, name: string, errors: Record<string, string>): FieldIds {
  return { id: `${id}-${name}`, error: errors[name], errorId: `${id}-${name}-erreur` };
}

/** The office's words and the deadline of a reopening: a refusal's or a claim's. */
function ReopeningFields({
  id,
  form,
  textLabel,
  textHint,
}: {
  id: string;
  form: { text: string; deadline: WallClockDeadline; fieldErrors: Record<string, string> };
  textLabel: string;
  textHint: string;
}): VNode {
  return (
    <>
      <OfficeTextArea
        field={fieldOf(id, OFFICE_TEXT_FIELD, form.fieldErrors)}
        name={OFFICE_TEXT_FIELD}
        label={textLabel}
        hint={textHint}
        rows={3}
        maxLength={MAX_REFUSAL_TEXT}
        value={form.text}
      />
      <DeadlineInput
        field={fieldOf(id, DEADLINE_FIELDS.date, form.fieldErrors)}
        name={DEADLINE_FIELDS.date}
        type="date"
        label="Pièce à redéposer avant le"
        hint="Date (JJ/MM/AAAA)"
        value={form.deadline.date}
      />
      <DeadlineInput
        field={fieldOf(id, DEADLINE_FIELDS.time, form.fieldErrors)}
        name={DEADLINE_FIELDS.time}
        type="time"
        label="Heure limite"
        hint="Heure de Paris (HH:MM)"
        value={form.deadline.time}
      />
    </>
  );
}

function WaiverForm({
  ctx,
  number,
  item,
  id,
  form,
}: {
  ctx: PageContext;
  number: string;
  item: DocumentForReview;
  id: string;
  form: WaiverFormState;
}): VNode {
  const d = item.document;
  return (
    <DecisionForm
      ctx={ctx}
      item={item}
      action={waivePath(number, d.key)}
      legendId={`${id}-non-concerne`}
      legend={`Pièce « ${d.label} » : candidat non concerné`}
      spaced
    >
      <OfficeTextArea
        field={fieldOf(id, WAIVER_FIELD, form.fieldErrors)}
        name={WAIVER_FIELD}
        label="Raison pour le candidat"
        hint={`Obligatoire. Le candidat la lit dans « Mes justificatifs ». ${MAX_WAIVER_TEXT} caractères au plus.`}
        rows={2}
        maxLength={MAX_WAIVER_TEXT}
        value={form.reason}
      />
      <div class="fr-fieldset__element">
        <p class="fr-text--sm">
          La pièce ne fait plus partie de ce que le candidat doit fournir (plus de relance) ; aucun
          courriel n’est envoyé.
        </p>
        <button
          type="submit"
          class="fr-btn fr-btn--tertiary fr-icon-subtract-line fr-btn--icon-left"
        >
          Non concerné<span class="fr-sr-only"> : {d.label}</span>
        </button>
      </div>
    </DecisionForm>
  );
}

/** Takes a waiver back: the document is asked of the candidate again (cancel-waiver.ts). */
function CancelWaiverForm({
  ctx,
  number,
  item,
}: {
  ctx: PageContext;
  number: string;
  item: DocumentForReview;
}): VNode {
  const d = item.document;
  return (
    <form method="post" action={cancelWaiverPath(number, d.key)} class="fr-mb-3w">
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name={SEEN_FIELD} value={versionOf(d, item.files)} />
      <p class="fr-text--sm">
        Marquée « Non concerné » par erreur ? En annulant, la pièce est de nouveau demandée au
        candidat (relances comprises) et la raison indiquée est effacée ; aucun courriel n’est
        envoyé.
      </p>
      <button
        type="submit"
        class="fr-btn fr-btn--secondary fr-icon-arrow-go-back-line fr-btn--icon-left"
      >
        Annuler “Non concerné”<span class="fr-sr-only"> : {d.label}</span>
      </button>
    </form>
  );
}

function Published({
  ctx,
  number,
  review,
  maxUploadBytes,
  form,
}: {
  ctx: PageContext;
  number: string;
  review: RegistrationReview;
  maxUploadBytes: number;
  form: PublishFormState;
}): VNode {
  const title = { id: publishFieldId(TITLE_FIELD), error: form.fieldErrors[TITLE_FIELD] };
  const file = { id: publishFieldId(FILE_FIELD), error: form.fieldErrors[FILE_FIELD] };
  return (
    <section class="fr-mt-6w" aria-labelledby="titre-publies">
      <h2 id="titre-publies">Documents transmis au candidat</h2>
      {review.published.length === 0 ? (
        <p>Aucun document n’a été transmis au candidat.</p>
      ) : (
        <ul>
          {review.published.map((p) => (
            <li>
              {p.title} ({formatSize(p.size)}), publié le {formatParisDateTime(p.publishedAt)} :{' '}
              {p.seenAt
                ? `ouvert par le candidat le ${formatParisDateTime(p.seenAt)}.`
                : 'pas encore ouvert par le candidat.'}
            </li>
          ))}
        </ul>
      )}
      <h3 class="fr-h5 fr-mt-4w">Publier un document</h3>
      <p>
        Le document (un PDF) apparaît dans « Mes documents » du candidat, qui en est informé par
        courriel.
      </p>
      <form method="post" action={publishPath(number)} enctype="multipart/form-data" novalidate>
        {/* The token comes first and the file last: the server checks the token, then the title,
            before reading the file. */}
        <CsrfField token={ctx.csrfToken} />
        <div class={`fr-input-group${title.error ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for={title.id}>
            Titre du document
            <span class="fr-hint-text">Par exemple « Convocation aux épreuves écrites ».</span>
          </label>
          <input
            class={`fr-input${title.error ? ' fr-input--error' : ''}`}
            id={title.id}
            name={TITLE_FIELD}
            type="text"
            value={form.title}
            maxLength={MAX_TITLE_LENGTH}
            required
            aria-describedby={title.error ? `${title.id}-erreur` : undefined}
          />
          {title.error && (
            <p class="fr-error-text" id={`${title.id}-erreur`}>
              {title.error}
            </p>
          )}
        </div>
        <div class={`fr-upload-group${file.error ? ' fr-upload-group--error' : ''}`}>
          <label class="fr-label" for={file.id}>
            Fichier
            <span class="fr-hint-text">
              Format accepté : PDF. Taille maximale : {formatSize(maxUploadBytes)}.
            </span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id={file.id}
            name={FILE_FIELD}
            accept=".pdf"
            required
            aria-describedby={`${file.id}-messages`}
            aria-invalid={file.error ? 'true' : undefined}
          />
          <div class="fr-messages-group" id={`${file.id}-messages`} aria-live="polite">
            {file.error && <p class="fr-message fr-message--error">{file.error}</p>}
          </div>
        </div>
        <button type="submit" class="fr-btn fr-icon-upload-2-line fr-btn--icon-left fr-mt-2w">
          Publier le document
        </button>
      </form>
    </section>
  );
}

/** One half of the reopening deadline (its date or its time), side by side with the other. */
function DeadlineInput(props: {
  field: FieldIds;
  name: string;
  type: 'date' | 'time';
  label: string;
  hint: string;
  value: string;
}): VNode {
  const { field } = props;
  const error = field.error;
  return (
    <div class="fr-fieldset__element fr-fieldset__element--inline">
      <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label" for={field.id}>
          {props.label}
          <span class="fr-hint-text">{props.hint}</span>
        </label>
        <input
          class={`fr-input${error ? ' fr-input--error' : ''}`}
          type={props.type}
          id={field.id}
          name={props.name}
          value={props.value}
          aria-describedby={error ? field.errorId : undefined}
        />
        {error && (
          <p class="fr-error-text" id={field.errorId}>
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
