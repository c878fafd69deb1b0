/**
 * The pôles' pages for candidates' requests: the inbox (filters in the query string, so a
 * list can be bookmarked and works without JavaScript) and one request with what can be done
 * on it: answer, apply the change (side by side with what the registration holds now), close.
 */
import type { VNode } from 'preact';
import {
  type Catalogue,
  findExam,
  findSession,
  findSpecialty,
} from '../../../domain/catalogue/catalogue.js';
import { MAX_ANSWER } from '../../../domain/office-requests/answer-request.js';
import { requestedAddress } from '../../../domain/office-requests/apply-address-change.js';
import type { InboxOrder, InboxLine } from '../../../domain/office-requests/ports.js';
import type { RequestDetail } from '../../../domain/office-requests/request-detail.js';
import type { InboxPage } from '../../../domain/office-requests/request-inbox.js';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATE_LABELS,
} from '../../../domain/office-requests/request-labels.js';
import type { RequestState } from '../../../domain/registrations/ports.js';
import { summarizeIdentity } from '../../../domain/registrations/registration-summary.js';
import type { Identity, PostalAddress } from '../../../domain/registrations/registration.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formatFrenchDuration } from '../../../domain/time/french-duration.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { RadioGroup, Select, TextArea } from '../../views/choices.js';
import { Alert, CsrfField, ErrorSummary, Field } from '../../views/forms.js';
import { MultilineText } from '../../views/multiline-text.js';
import type { PageContext } from '../../views/page-context.js';
import { Pagination } from '../../views/pagination.js';
import { IDENTITY_LABELS } from '../registrations/wizard-labels.js';
import { OfficeLayout } from './office-layout.js';

export const INBOX_PATH = '/gestion/demandes';

export const requestPath = (id: string): string => `${INBOX_PATH}/${id}`;

/** The office's page of a registration. */
const registrationPath = (number: string): string =>
  `/gestion/inscriptions/${encodeURIComponent(number)}`;

/** The states and orders as the query string names them. */
export const STATE_PARAMS = {
  'a-traiter': 'open',
  repondues: 'answered',
  closes: 'closed',
} as const satisfies Record<string, RequestState>;
export const ORDER_PARAMS = {
  anciennes: 'oldest',
  recentes: 'newest',
} as const satisfies Record<string, InboxOrder>;

const STATE_CAPTIONS: Record<RequestState, string> = {
  open: 'à traiter',
  answered: 'répondues',
  closed: 'closes',
};

const STATE_BADGES: Record<RequestState, string> = {
  open: 'fr-badge--new',
  answered: 'fr-badge--info',
  closed: 'fr-badge--success',
};

interface InboxFilters {
  state: RequestState;
  order: InboxOrder;
  desk: string | undefined;
}

function paramOf<T extends string>(params: Record<string, T>, value: T): string {
  return Object.entries(params).find(([, v]) => v === value)?.[0] ?? '';
}

function inboxHref(filters: InboxFilters, page: number): string {
  const query = new URLSearchParams({
    etat: paramOf(STATE_PARAMS, filters.state),
    ordre: paramOf(ORDER_PARAMS, filters.order),
  });
  if (filters.desk) query.set('pole', filters.desk);
  if (page > 1) query.set('page', String(page));
  return `${INBOX_PATH}?${query.toString()}`;
}

/** « DUPONT (MARTIN) Camille Marie »: the birth name first, as the office files them. */
function candidateName(c: Pick<Identity, 'birthName' | 'usageName' | 'firstNames'>): string {
  const usage = c.usageName ? ` (${c.usageName.toUpperCase()})` : '';
  return `${c.birthName.toUpperCase()}${usage} ${c.firstNames}`;
}

function deskName(ctx: PageContext, code: string): string {
  return ctx.desks.find((d) => d.code === code)?.name ?? code;
}

function StateBadge({ state }: { state: RequestState }): VNode {
  return (
    <p class={`fr-badge fr-badge--sm fr-badge--no-icon ${STATE_BADGES[state]}`}>
      {REQUEST_STATE_LABELS[state]}
    </p>
  );
}

export function RequestInboxPage({
  ctx,
  staff,
  inbox,
  filters,
  now,
}: {
  ctx: PageContext;
  staff: StaffMember;
  inbox: InboxPage;
  filters: InboxFilters;
  now: Date;
}): VNode {
  const deskChoices =
    staff.role === 'admin' ? ctx.desks : ctx.desks.filter((d) => staff.desks.includes(d.code));
  return (
    <OfficeLayout ctx={ctx} staff={staff} title="Demandes des candidats">
      <h1>Demandes des candidats</h1>
      <p>
        Corrections d’état civil, changements d’adresse et questions envoyés par les candidats
        depuis leur espace, adressés au pôle qui gère leur examen.
      </p>
      <form method="get" action={INBOX_PATH} class="fr-mb-4w">
        <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div class="fr-col-12 fr-col-md-4">
            <RadioGroup
              name="etat"
              legend="État"
              value={paramOf(STATE_PARAMS, filters.state)}
              options={Object.entries(STATE_PARAMS).map(([value, state]) => ({
                value,
                label: REQUEST_STATE_LABELS[state],
              }))}
            />
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <RadioGroup
              name="ordre"
              legend="Ordre"
              value={paramOf(ORDER_PARAMS, filters.order)}
              options={[
                { value: 'anciennes', label: 'Les plus anciennes d’abord' },
                { value: 'recentes', label: 'Les plus récentes d’abord' },
              ]}
            />
          </div>
          {deskChoices.length > 1 && (
            <div class="fr-col-12 fr-col-md-3">
              <Select
                name="pole"
                label="Pôle"
                placeholder={staff.role === 'admin' ? 'Tous les pôles' : 'Tous mes pôles'}
                value={filters.desk}
                options={deskChoices.map((d) => ({ value: d.code, label: d.name }))}
              />
            </div>
          )}
          <div class="fr-col-12 fr-col-md-2">
            <button type="submit" class="fr-btn fr-mb-3v">
              Afficher
            </button>
          </div>
        </div>
      </form>
      {inbox.total === 0 ? (
        <p>Aucune demande {STATE_CAPTIONS[filters.state]}.</p>
      ) : (
        <div class="fr-table fr-table--multiline">
          <div class="fr-table__wrapper">
            <div class="fr-table__container">
              <div class="fr-table__content">
                <table>
                  <caption>
                    {inbox.total} demande{inbox.total > 1 ? 's' : ''}{' '}
                    {STATE_CAPTIONS[filters.state]}
                    {filters.desk ? ` – ${deskName(ctx, filters.desk)}` : ''} – page {inbox.page}{' '}
                    sur {inbox.pageCount}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Demande</th>
                      <th scope="col">Inscription</th>
                      <th scope="col">Candidat</th>
                      <th scope="col">Pôle</th>
                      <th scope="col">Reçue le (heure de Paris)</th>
                      <th scope="col">Ancienneté</th>
                    </tr>
                  </thead>
                  <tbody>
                    {inbox.lines.map((line) => (
                      <InboxRow ctx={ctx} line={line} now={now} />
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {inbox.pageCount > 1 && (
        <Pagination
          label="Pagination des demandes"
          page={inbox.page}
          pageCount={inbox.pageCount}
          href={(n) => inboxHref(filters, n)}
        />
      )}
    </OfficeLayout>
  );
}

function InboxRow({ ctx, line, now }: { ctx: PageContext; line: InboxLine; now: Date }): VNode {
  const { request } = line;
  return (
    <tr>
      <td>
        <a href={requestPath(request.id)}>{REQUEST_KIND_LABELS[request.kind]}</a>
        {request.appliedAt && (
          <>
            <br />
            <span class="fr-text--sm">changement appliqué</span>
          </>
        )}
      </td>
      <td>
        <a href={registrationPath(line.registrationNumber)}>{line.registrationNumber}</a>
      </td>
      <td>{candidateName(line.candidate)}</td>
      <td>{deskName(ctx, request.deskCode)}</td>
      <td>{formatParisDateTime(request.createdAt)}</td>
      <td>{formatFrenchDuration(now.getTime() - request.createdAt.getTime())}</td>
    </tr>
  );
}

// ------------------------------------------------------------------ one request

const IDENTITY_FIELDS = [
  'birthName',
  'usageName',
  'firstNames',
  'birthDate',
  'birthCommune',
  'birthCountry',
  'nationality',
] as const;

/** The correction form's starting values: the identity as locked now. */
function identityFields(identity: Identity): Record<string, string> {
  return {
    ...Object.fromEntries(IDENTITY_FIELDS.map((name) => [name, identity[name]])),
    sex: identity.sex,
  };
}

const FORM_LABELS: Record<string, string> = {
  ...IDENTITY_LABELS,
  answer: 'Votre réponse',
  finalAnswer: 'Dernière réponse',
};

export interface RequestPageProps {
  ctx: PageContext;
  staff: StaffMember;
  detail: RequestDetail;
  catalogue: Catalogue | undefined;
  notices: string[];
  alert?: string | undefined;
  /** Field errors of the form that was posted, and what it held. */
  errors?: Record<string, string>;
  values?: Record<string, string>;
}

export function RequestPage({
  ctx,
  staff,
  detail,
  catalogue,
  notices,
  alert,
  errors = {},
  values = {},
}: RequestPageProps): VNode {
  const { request, registration } = detail;
  const exam = catalogue && findExam(catalogue, registration.examCode);
  const specialty =
    catalogue && findSpecialty(catalogue, registration.examCode, registration.specialtyCode);
  const session = catalogue && findSession(catalogue, registration.sessionCode);
  const title = `${REQUEST_KIND_LABELS[request.kind]} – inscription n° ${registration.number}`;
  const open = request.state !== 'closed';
  const action = (verb: string): string => `${requestPath(request.id)}/${verb}`;
  return (
    <OfficeLayout
      ctx={ctx}
      staff={staff}
      title={`${Object.keys(errors).length > 0 ? 'Erreur – ' : ''}${title}`}
    >
      <p class="fr-mb-2w">
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={INBOX_PATH}>
          Demandes des candidats
        </a>
      </p>
      <h1>{title}</h1>
      {notices.map((n) => (
        <Alert kind="success" title={n} />
      ))}
      {alert && <Alert kind="error" title={alert} />}
      <ErrorSummary errors={errors} labels={FORM_LABELS} />
      <StateBadge state={request.state} />
      <dl class="fr-mt-2w">
        <dt class="fr-text--bold">Reçue le</dt>
        <dd>{formatParisDateTime(request.createdAt)} (heure de Paris)</dd>
        <dt class="fr-text--bold">Pôle</dt>
        <dd>{deskName(ctx, request.deskCode)}</dd>
        <dt class="fr-text--bold">Candidat</dt>
        <dd>
          {candidateName(registration.data.identity)}
          {detail.accountEmail && (
            <>
              {' – '}
              <a href={`mailto:${detail.accountEmail}`}>{detail.accountEmail}</a>
            </>
          )}
        </dd>
        <dt class="fr-text--bold">Inscription</dt>
        <dd>
          <a href={registrationPath(registration.number)}>n° {registration.number}</a>, version{' '}
          {registration.version} du {formatParisDateTime(registration.savedAt)}
        </dd>
        <dt class="fr-text--bold">Examen et spécialité</dt>
        <dd>
          {exam ? `${exam.shortName} – ${exam.name}` : registration.examCode},{' '}
          {specialty ? `${specialty.name} (${specialty.code})` : registration.specialtyCode},{' '}
          {session?.name ?? registration.sessionCode}
        </dd>
        {request.appliedAt && (
          <>
            <dt class="fr-text--bold">Changement appliqué le</dt>
            <dd>{formatParisDateTime(request.appliedAt)}</dd>
          </>
        )}
        {request.closedAt && (
          <>
            <dt class="fr-text--bold">Close le</dt>
            <dd>{formatParisDateTime(request.closedAt)}</dd>
          </>
        )}
      </dl>

      <h2 class="fr-h4 fr-mt-4w">Message du candidat</h2>
      {request.message ? (
        <MultilineText text={request.message} />
      ) : (
        <p>Aucun message : la demande se limite au changement ci-dessous.</p>
      )}

      {request.kind === 'address' && (
        <AddressChange
          current={registration.data.contact.address}
          version={registration.version}
          requested={requestedAddress(request.payload)}
          canApply={open && !request.appliedAt}
          action={action('appliquer')}
          csrfToken={ctx.csrfToken}
        />
      )}
      {request.kind === 'identity' && (
        <IdentityCorrection
          identity={detail.identity}
          canApply={open && !request.appliedAt}
          action={action('appliquer')}
          csrfToken={ctx.csrfToken}
          values={values.birthName !== undefined ? values : identityFields(detail.identity)}
          errors={errors}
        />
      )}

      <h2 class="fr-h4 fr-mt-4w">Réponses du pôle</h2>
      {detail.answers.length === 0 ? (
        <p>Aucune réponse pour le moment.</p>
      ) : (
        detail.answers.map((a) => (
          <div class="fr-callout fr-mb-2w">
            <p class="fr-callout__title fr-text--md">
              Le {formatParisDateTime(a.answeredAt)}, par {a.answeredByName ?? 'un gestionnaire'}
            </p>
            <MultilineText class="fr-callout__text fr-text--md" text={a.answer} />
          </div>
        ))
      )}

      {open ? (
        <>
          <h2 class="fr-h4 fr-mt-4w">Répondre</h2>
          <form method="post" action={action('repondre')} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextArea
              name="answer"
              label={FORM_LABELS.answer ?? ''}
              hint={`Envoyée au candidat par courriel et affichée dans son espace. ${MAX_ANSWER} caractères au plus.`}
              value={values.answer}
              error={errors.answer}
            />
            <button type="submit" class="fr-btn">
              Répondre
            </button>
          </form>

          <h2 class="fr-h4 fr-mt-4w">Clore la demande</h2>
          <p>
            Une demande close sort de la liste « À traiter » : elle ne peut plus recevoir de réponse
            ni de modification.
          </p>
          <form method="post" action={action('clore')} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextArea
              name="finalAnswer"
              label={FORM_LABELS.finalAnswer ?? ''}
              hint="Facultatif : envoyée au candidat comme une réponse."
              value={values.finalAnswer}
              error={errors.finalAnswer}
            />
            <button type="submit" class="fr-btn fr-btn--secondary">
              Clore
            </button>
          </form>
        </>
      ) : (
        <p class="fr-mt-4w">Cette demande est close : elle ne peut plus être modifiée.</p>
      )}
    </OfficeLayout>
  );
}

function AddressLines({ address }: { address: PostalAddress }): VNode {
  return (
    <p>
      {[address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country]
        .filter((line) => line.trim())
        .map((line, i) => (
          <>
            {i > 0 && <br />}
            {line}
          </>
        ))}
    </p>
  );
}

function AddressChange({
  current,
  version,
  requested,
  canApply,
  action,
  csrfToken,
}: {
  current: PostalAddress;
  version: number;
  requested: PostalAddress;
  canApply: boolean;
  action: string;
  csrfToken: string;
}): VNode {
  return (
    <>
      <h2 class="fr-h4 fr-mt-4w">Changement d’adresse</h2>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <h3 class="fr-h6">Adresse de l’inscription (version {version})</h3>
          <AddressLines address={current} />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <h3 class="fr-h6">Adresse demandée</h3>
          <AddressLines address={requested} />
        </div>
      </div>
      {canApply && (
        <form method="post" action={action}>
          <CsrfField token={csrfToken} />
          <p class="fr-hint-text">
            L’adresse demandée devient l’adresse de l’inscription, dans une nouvelle version ; le
            candidat en est averti par courriel.
          </p>
          <button type="submit" class="fr-btn">
            Appliquer le changement
          </button>
        </form>
      )}
    </>
  );
}

function IdentityCorrection({
  identity,
  canApply,
  action,
  csrfToken,
  values,
  errors,
}: {
  identity: Identity;
  canApply: boolean;
  action: string;
  csrfToken: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}): VNode {
  const field = (name: (typeof IDENTITY_FIELDS)[number], hint?: string): VNode => (
    <div class="fr-fieldset__element">
      <Field
        name={name}
        label={IDENTITY_LABELS[name] ?? name}
        type={name === 'birthDate' ? 'date' : 'text'}
        value={values[name] ?? ''}
        error={errors[name]}
        required={name !== 'usageName'}
        {...(hint ? { hint } : {})}
      />
    </div>
  );
  return (
    <>
      <h2 class="fr-h4 fr-mt-4w">État civil enregistré</h2>
      <dl>
        {summarizeIdentity(identity).map((line) => (
          <>
            <dt class="fr-text--bold">{line.label}</dt>
            <dd>{line.value}</dd>
          </>
        ))}
      </dl>
      {canApply && (
        <form method="post" action={action} novalidate>
          <CsrfField token={csrfToken} />
          <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">Corriger l’état civil</legend>
            <p class="fr-hint-text fr-fieldset__element">
              La correction remplace l’état civil du candidat et s’applique à toutes ses
              inscriptions, chacune dans une nouvelle version ; le candidat en est averti par
              courriel.
            </p>
            {field('birthName')}
            {field('usageName', 'Facultatif')}
            {field('firstNames')}
            <div class="fr-fieldset__element">
              <RadioGroup
                name="sex"
                legend="Sexe"
                inline
                value={values.sex}
                error={errors.sex}
                options={[
                  { value: 'F', label: 'Féminin' },
                  { value: 'M', label: 'Masculin' },
                ]}
              />
            </div>
            {field('birthDate', 'Format attendu : JJ/MM/AAAA')}
            {field('birthCommune')}
            {field('birthCountry')}
            {field('nationality')}
          </fieldset>
          <button type="submit" class="fr-btn">
            Appliquer la correction
          </button>
        </form>
      )}
    </>
  );
}
