/**
 * The catalogue for administrators: the overview of what is stored (académie, sessions and
 * their windows with their state, exams and specialties with their pôle, pôles, document
 * rules), the page editing the whole catalogue as YAML, and the confirmation asked before a
 * change candidates would feel at once.
 */
import type { VNode } from 'preact';
import type { CatalogueError } from '../../../domain/catalogue/catalogue-file.js';
import type { Catalogue, RegistrationWindow } from '../../../domain/catalogue/catalogue.js';
import { type WindowState, windowState } from '../../../domain/catalogue/registration-window.js';
import type { DocumentCondition } from '../../../domain/documents/document-rules.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Alert, CsrfField } from '../../views/forms.js';
import type { PageContext } from '../../views/page-context.js';
import { Table } from '../../views/table.js';
import { OfficeLayout } from './office-layout.js';

export const CATALOGUE_PATH = '/gestion/catalogue';

/** The state in words; the badge's colour only repeats them. */
export const WINDOW_BADGES: Record<
  WindowState,
  { kind: 'success' | 'info' | 'error'; label: string }
> = {
  open: { kind: 'success', label: 'Ouverte' },
  upcoming: { kind: 'info', label: 'À venir' },
  closed: { kind: 'error', label: 'Close' },
};

export function WindowBadge({ state }: { state: WindowState }): VNode {
  const badge = WINDOW_BADGES[state];
  return <p class={`fr-badge fr-badge--${badge.kind} fr-mb-0`}>{badge.label}</p>;
}

/** The notice shown after a redirect: saved, or nothing to save. */
export function SavedNotice({
  notice,
}: {
  notice: 'saved' | 'unchanged' | undefined;
}): VNode | null {
  if (notice === 'saved')
    return (
      <Alert kind="success" title="Les changements ont été enregistrés.">
        <p>Les pages du portail les montrent dès maintenant.</p>
      </Alert>
    );
  if (notice === 'unchanged')
    return <Alert kind="info" title="Aucun changement : le catalogue était déjà ainsi." />;
  return null;
}

function EditLinks(): VNode {
  return (
    <ul class="fr-btns-group fr-btns-group--inline-md fr-mb-4w">
      <li>
        <a class="fr-btn" href={`${CATALOGUE_PATH}/fenetres`}>
          Modifier les dates d’inscription
        </a>
      </li>
      <li>
        <a class="fr-btn fr-btn--secondary" href={`${CATALOGUE_PATH}/poles`}>
          Modifier les pôles
        </a>
      </li>
      <li>
        <a class="fr-btn fr-btn--secondary" href={`${CATALOGUE_PATH}/yaml`}>
          Modifier tout le catalogue (YAML)
        </a>
      </li>
      <li>
        <a
          class="fr-btn fr-btn--tertiary fr-icon-download-line fr-btn--icon-left"
          href={`${CATALOGUE_PATH}/export`}
        >
          Exporter (catalogue.yaml)
        </a>
      </li>
    </ul>
  );
}

const STATUS_LABELS: Record<'individuel' | 'distance', string> = {
  individuel: 'candidat individuel',
  distance: 'inscrit à une formation à distance',
};

/** When a document is asked, in words, for the overview. */
function describeCondition(
  condition: DocumentCondition,
  routes: ReadonlyMap<string, string>,
): string {
  if ('always' in condition) return 'Toujours';
  if ('any' in condition)
    return `L’une de ces conditions : ${condition.any.map((c) => describeCondition(c, routes).toLowerCase()).join(' ; ')}`;
  if ('ageFrom' in condition)
    return `De ${condition.ageFrom} à ${condition.ageBelow - 1} ans le premier jour des épreuves`;
  if ('ageBelow' in condition)
    return `Moins de ${condition.ageBelow} ans le premier jour des épreuves`;
  if ('eligibilityRoutes' in condition)
    return `Voie d’accès : ${condition.eligibilityRoutes.map((r) => routes.get(r) ?? r).join(' ; ')}`;
  if ('keptMarks' in condition) return 'Notes conservées d’une session antérieure';
  if ('status' in condition) return `Statut : ${STATUS_LABELS[condition.status]}`;
  return 'Aménagement des épreuves demandé';
}

export function CatalogueOverviewPage({
  ctx,
  staff,
  catalogue,
  now,
  notice,
}: {
  ctx: PageContext;
  staff: StaffMember;
  catalogue: Catalogue | undefined;
  now: Date;
  notice?: 'saved' | 'unchanged' | undefined;
}): VNode {
  if (!catalogue)
    return (
      <OfficeLayout ctx={ctx} staff={staff} title="Catalogue">
        <h1>Catalogue</h1>
        <p>
          Aucun catalogue n’est enregistré. Importez-en un depuis le serveur :{' '}
          <code>candidat catalogue import catalogues/poitiers-2025.yaml</code>.
        </p>
      </OfficeLayout>
    );
  const deskName = (code: string): string =>
    catalogue.desks.find((d) => d.code === code)?.name ?? code;
  const examName = (code: string): string =>
    catalogue.exams.find((e) => e.code === code)?.shortName ?? code;
  const routes = new Map(
    catalogue.exams.flatMap((e) =>
      e.options.eligibilityRoutes.map((r) => [r.code, r.label] as const),
    ),
  );
  return (
    <OfficeLayout ctx={ctx} staff={staff} title="Catalogue">
      <h1>Catalogue – {catalogue.academy.name}</h1>
      <p class="fr-text--lead">
        Ce que le portail propose aux candidats, tel qu’il est enregistré. Heures de Paris ;
        situation au {formatParisDateTime(now)}.
      </p>
      <SavedNotice notice={notice} />
      <EditLinks />

      <h2 id="sessions">Sessions et dates d’inscription</h2>
      {catalogue.sessions.map((session) => (
        <section class="fr-mb-4w" aria-labelledby={`session-${session.code}`}>
          <h3 id={`session-${session.code}`}>
            {session.name} <span class="fr-hint-text">code {session.code}</span>
          </h3>
          <p>
            Premier jour des épreuves (les âges s’y comptent) : {formatDay(session.firstExamDay)}
          </p>
          <Table caption={`Ouverture du serveur – ${session.name}`}>
            <thead>
              <tr>
                <th scope="col">Examen</th>
                <th scope="col">Ouverture</th>
                <th scope="col">Clôture</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {windowsOf(catalogue, session.code).map((w) => (
                <tr data-fenetre={`${w.sessionCode}/${w.examCode}`}>
                  <th scope="row">{examName(w.examCode)}</th>
                  <td>{formatParisDateTime(w.opensAt)}</td>
                  <td>{formatParisDateTime(w.closesAt)}</td>
                  <td>
                    <WindowBadge state={windowState(w, now)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      ))}

      <h2 id="examens">Examens et spécialités</h2>
      {catalogue.exams.map((exam) => (
        <section class="fr-mb-4w" aria-labelledby={`examen-${exam.code}`}>
          <h3 id={`examen-${exam.code}`}>
            {exam.shortName} – {exam.name} <span class="fr-hint-text">code {exam.code}</span>
          </h3>
          <p>Pôle : {deskName(exam.deskCode)}</p>
          <Table caption={`Spécialités – ${exam.shortName}`}>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Spécialité</th>
                <th scope="col">Pôle</th>
              </tr>
            </thead>
            <tbody>
              {catalogue.specialties
                .filter((s) => s.examCode === exam.code)
                .map((s) => (
                  <tr>
                    <td>{s.code}</td>
                    <td>{s.name}</td>
                    <td>{deskName(s.deskCode)}</td>
                  </tr>
                ))}
            </tbody>
          </Table>
        </section>
      ))}

      <h2 id="poles">Pôles</h2>
      <Table caption="Pôles et leurs coordonnées">
        <thead>
          <tr>
            <th scope="col">Pôle</th>
            <th scope="col">Téléphones</th>
            <th scope="col">Adresse électronique</th>
          </tr>
        </thead>
        <tbody>
          {catalogue.desks.map((d) => (
            <tr>
              <th scope="row">
                {d.name} <span class="fr-hint-text">code {d.code}</span>
              </th>
              <td>{d.phones.join(', ')}</td>
              <td>{d.email}</td>
            </tr>
          ))}
        </tbody>
      </Table>

      <h2 id="pieces">Pièces justificatives</h2>
      <Table caption="Règles des pièces justificatives">
        <thead>
          <tr>
            <th scope="col">Pièce</th>
            <th scope="col">Demandée quand</th>
            <th scope="col">Motif montré au candidat</th>
            <th scope="col">Examens</th>
          </tr>
        </thead>
        <tbody>
          {catalogue.documentRules.map((rule) => (
            <tr>
              <th scope="row">
                {rule.label} <span class="fr-hint-text">code {rule.code}</span>
              </th>
              <td>
                {describeCondition(rule.when, routes)}
                {rule.perExemption && <>, une pièce par dispense demandée</>}
                {rule.multipleFiles && <>, en plusieurs fichiers si besoin</>}
              </td>
              <td>{rule.reason}</td>
              <td>{rule.exams ? rule.exams.map(examName).join(', ') : 'Tous'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </OfficeLayout>
  );
}

/** A session's windows in the exams' order, as the calendar lists them. */
export function windowsOf(catalogue: Catalogue, sessionCode: string): RegistrationWindow[] {
  const rank = new Map(catalogue.exams.map((e, i) => [e.code, i]));
  const of = (w: RegistrationWindow): number => rank.get(w.examCode) ?? rank.size;
  return catalogue.windows
    .filter((w) => w.sessionCode === sessionCode)
    .sort((a, b) => of(a) - of(b) || a.examCode.localeCompare(b.examCode));
}

const DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "2025-06-10" → « 10 juin 2025 ». */
function formatDay(day: string): string {
  return DAY.format(new Date(`${day}T00:00:00Z`));
}

/**
 * The page that asks for confirmation: what will change, in French, and a button that posts
 * the same fields again with `confirmer=1`.
 */
export function ConfirmationPage({
  ctx,
  staff,
  action,
  fields,
  confirmations,
  cancelHref,
  back,
}: {
  ctx: PageContext;
  staff: StaffMember;
  action: string;
  /** The fields as posted, sent again with the confirmation. */
  fields: Record<string, string>;
  confirmations: string[];
  cancelHref: string;
  /** A button that posts the fields back with `revenir=1`, to the form they came from. */
  back?: string;
}): VNode {
  return (
    <OfficeLayout ctx={ctx} staff={staff} title="Confirmer le changement – Catalogue">
      <h1>Confirmer le changement</h1>
      <div class="fr-alert fr-alert--warning fr-mb-4w">
        <h2 class="fr-alert__title">Ce changement s’applique tout de suite aux candidats</h2>
        <ul>
          {confirmations.map((c) => (
            <li>{c}</li>
          ))}
        </ul>
      </div>
      <p>
        Rien n’est encore enregistré. Le changement sera inscrit au journal des actions, avec votre
        confirmation.
      </p>
      <form method="post" action={action}>
        <CsrfField token={ctx.csrfToken} />
        {Object.entries(fields).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn" name="confirmer" value="1">
              Confirmer et enregistrer
            </button>
          </li>
          {back && (
            <li>
              <button type="submit" class="fr-btn fr-btn--secondary" name="revenir" value="1">
                {back}
              </button>
            </li>
          )}
          <li>
            <a class="fr-btn fr-btn--tertiary" href={cancelHref}>
              Annuler
            </a>
          </li>
        </ul>
      </form>
    </OfficeLayout>
  );
}

/** The whole catalogue as YAML in a text area, with the loader's errors by line. */
export function CatalogueYamlPage({
  ctx,
  staff,
  text,
  revision,
  errors = [],
  alert,
}: {
  ctx: PageContext;
  staff: StaffMember;
  text: string;
  revision: string;
  errors?: readonly CatalogueError[];
  alert?: string | undefined;
}): VNode {
  const failed = errors.length > 0 || alert !== undefined;
  const errorId = 'champ-texte-erreurs';
  return (
    <OfficeLayout
      ctx={ctx}
      staff={staff}
      title={failed ? 'Erreur – Catalogue (YAML)' : 'Catalogue (YAML)'}
    >
      <h1>Modifier tout le catalogue (YAML)</h1>
      <p>
        Le catalogue complet, dans le format des fichiers importés par{' '}
        <code>candidat catalogue import</code> : académie, pôles, examens et spécialités avec leurs
        options, sessions et dates d’inscription, pièces justificatives. Les instants sont des
        heures de Paris, « AAAA-MM-JJ HH:MM ». Le texte est vérifié en entier, comme à l’import :
        s’il contient une erreur, rien n’est enregistré.
      </p>
      <p>
        Un code (session, examen, spécialité, pôle) utilisé par des inscriptions ne peut être ni
        retiré ni renommé. Un changement de dates d’une fenêtre ouverte est à confirmer.
      </p>
      {alert && <Alert kind="error" title={alert} />}
      {errors.length > 0 && (
        <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" id={errorId}>
          <h2 class="fr-alert__title">
            {errors.length === 1
              ? 'Le catalogue contient une erreur : rien n’a été enregistré'
              : `Le catalogue contient ${errors.length} erreurs : rien n’a été enregistré`}
          </h2>
          <ul>
            {errors.map((e) => (
              <li>
                <a href="#champ-texte">Ligne {e.line}</a> : {e.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action={`${CATALOGUE_PATH}/yaml`}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="revision" value={revision} />
        <div class={`fr-input-group${errors.length > 0 ? ' fr-input-group--error' : ''}`}>
          <label class="fr-label" for="champ-texte">
            Catalogue (YAML)
            <span class="fr-hint-text">
              Indentation par espaces ; les lignes commençant par « # » sont des commentaires, qui
              ne sont pas conservés.
            </span>
          </label>
          <textarea
            class={`fr-input candidat-yaml${errors.length > 0 ? ' fr-input--error' : ''}`}
            id="champ-texte"
            name="texte"
            rows={40}
            spellcheck={false}
            aria-invalid={errors.length > 0 ? 'true' : undefined}
            aria-describedby={errors.length > 0 ? errorId : undefined}
          >
            {text}
          </textarea>
        </div>
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button type="submit" class="fr-btn">
              Vérifier et enregistrer
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={CATALOGUE_PATH}>
              Annuler
            </a>
          </li>
        </ul>
      </form>
    </OfficeLayout>
  );
}
