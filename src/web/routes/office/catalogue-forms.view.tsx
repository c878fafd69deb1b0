/**
 * The catalogue's frequent edits, one form per entry: the registration windows (« ouverture »
 * and « clôture », Paris date and time) and the pôles (name, phones, email). A refused form
 * comes back with what was typed and the loader's reasons on its fields.
 */
import type { VNode } from 'preact';
import type { Catalogue, RegistrationWindow } from '../../../domain/catalogue/catalogue.js';
import { windowStamp } from '../../../domain/catalogue/edit-window.js';
import { windowState } from '../../../domain/catalogue/registration-window.js';
import type { Desk } from '../../../domain/desks/desk.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formatParisDateTime, parisWallClock } from '../../../domain/time/paris-time.js';
import { CsrfField, Field } from '../../views/forms.js';
import type { PageContext } from '../../views/page-context.js';
import { CATALOGUE_PATH, SavedNotice, WindowBadge, windowsOf } from './catalogue.view.js';
import { OfficeLayout } from './office-layout.js';

/** A refused form: which entry, what was typed, and why. */
export interface FailedForm<V, F extends string> {
  key: string;
  values: V;
  fieldErrors: Partial<Record<F, string>>;
  /** Errors not about one field (or a refusal such as a change made meanwhile). */
  alerts: string[];
}

export interface WindowValues {
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
}

export function windowValues(window: RegistrationWindow): WindowValues {
  const opens = parisWallClock(window.opensAt);
  const closes = parisWallClock(window.closesAt);
  return {
    opensDate: opens.date,
    opensTime: opens.time,
    closesDate: closes.date,
    closesTime: closes.time,
  };
}

function ErrorList({
  title,
  alerts,
  links,
}: {
  title: string;
  alerts: string[];
  links: { href: string; text: string }[];
}): VNode {
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert">
      <h2 class="fr-alert__title">{title}</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href}>{l.text}</a>
          </li>
        ))}
        {alerts.map((a) => (
          <li>{a}</li>
        ))}
      </ul>
    </div>
  );
}

function DateTimeFieldset({
  id,
  legend,
  name,
  date,
  time,
  error,
}: {
  id: string;
  legend: string;
  /** `ouverture` or `cloture`: the fields are NAME_date and NAME_heure. */
  name: string;
  date: string;
  time: string;
  error: string | undefined;
}): VNode {
  return (
    <fieldset
      id={id}
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      aria-labelledby={`${id}-legende${error ? ` ${id}-erreur` : ''}`}
      role={error ? 'group' : undefined}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legende`}>
        {legend}
        <span class="fr-hint-text">Heure de Paris</span>
      </legend>
      <div class="fr-fieldset__element fr-fieldset__element--inline">
        <div class="fr-input-group">
          <label class="fr-label" for={`${id}-date`}>
            Date
            <span class="fr-hint-text">Format attendu : AAAA-MM-JJ</span>
          </label>
          <input
            class={`fr-input${error ? ' fr-input--error' : ''}`}
            type="date"
            id={`${id}-date`}
            name={`${name}_date`}
            value={date}
            required
          />
        </div>
      </div>
      <div class="fr-fieldset__element fr-fieldset__element--inline">
        <div class="fr-input-group">
          <label class="fr-label" for={`${id}-heure`}>
            Heure
            <span class="fr-hint-text">Format attendu : HH:MM</span>
          </label>
          <input
            class={`fr-input${error ? ' fr-input--error' : ''}`}
            type="time"
            id={`${id}-heure`}
            name={`${name}_heure`}
            value={time}
            required
          />
        </div>
      </div>
      {error && (
        <div class="fr-messages-group" id={`${id}-erreur`} aria-live="assertive">
          <p class="fr-message fr-message--error">{error}</p>
        </div>
      )}
    </fieldset>
  );
}

const windowAnchor = (w: Pick<RegistrationWindow, 'sessionCode' | 'examCode'>): string =>
  `fenetre-${w.sessionCode}-${w.examCode}`;

export function WindowsPage({
  ctx,
  staff,
  catalogue,
  now,
  notice,
  failed,
}: {
  ctx: PageContext;
  staff: StaffMember;
  catalogue: Catalogue;
  now: Date;
  notice?: 'saved' | 'unchanged' | undefined;
  failed?: FailedForm<WindowValues, 'opens' | 'closes'> | undefined;
}): VNode {
  const examOf = (code: string) => catalogue.exams.find((e) => e.code === code);
  const failedWindow = failed && catalogue.windows.find((w) => windowAnchor(w) === failed.key);
  return (
    <OfficeLayout
      ctx={ctx}
      staff={staff}
      title={failed ? 'Erreur – Dates d’inscription' : 'Dates d’inscription'}
    >
      <h1>Dates d’inscription</h1>
      <p class="fr-text--lead">
        L’ouverture et la clôture du serveur pour chaque examen, en heure de Paris. Aucune
        inscription n’est reçue avant l’ouverture ni après la clôture.
      </p>
      <p>
        Changer les dates d’une fenêtre ouverte, ou un changement qui ouvre ou ferme une fenêtre dès
        maintenant, demande une confirmation. Chaque changement est inscrit au journal des actions.
      </p>
      <SavedNotice notice={notice} />
      {failed && failedWindow && (
        <ErrorList
          title={`Les dates de ${examOf(failedWindow.examCode)?.shortName ?? failedWindow.examCode} n’ont pas été enregistrées`}
          alerts={failed.alerts}
          links={(
            [
              ['opens', 'ouverture', 'Ouverture'],
              ['closes', 'cloture', 'Clôture'],
            ] as const
          ).flatMap(([field, id, label]) => {
            const error = failed.fieldErrors[field];
            return error ? [{ href: `#${failed.key}-${id}`, text: `${label} : ${error}` }] : [];
          })}
        />
      )}
      {catalogue.sessions.map((session) => (
        <section class="fr-mb-6w" aria-labelledby={`session-${session.code}`}>
          <h2 id={`session-${session.code}`}>{session.name}</h2>
          {windowsOf(catalogue, session.code).map((w) => {
            const anchor = windowAnchor(w);
            const exam = examOf(w.examCode);
            const mine = failed?.key === anchor ? failed : undefined;
            const values = mine?.values ?? windowValues(w);
            return (
              <div class="fr-card fr-card--no-arrow fr-mb-3w" id={anchor}>
                <div class="fr-card__body">
                  <div class="fr-card__content">
                    <h3 class="fr-card__title">
                      {exam?.shortName ?? w.examCode}
                      <span class="fr-hint-text">{exam?.name}</span>
                    </h3>
                    <WindowBadge state={windowState(w, now)} />
                    <p class="fr-card__desc">
                      Enregistré : du {formatParisDateTime(w.opensAt)} au{' '}
                      {formatParisDateTime(w.closesAt)}.
                    </p>
                    <form
                      method="post"
                      action={`${CATALOGUE_PATH}/fenetres/${w.sessionCode}/${w.examCode}`}
                      novalidate
                    >
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="avant" value={windowStamp(w)} />
                      <DateTimeFieldset
                        id={`${anchor}-ouverture`}
                        legend="Ouverture"
                        name="ouverture"
                        date={values.opensDate}
                        time={values.opensTime}
                        error={mine?.fieldErrors.opens}
                      />
                      <DateTimeFieldset
                        id={`${anchor}-cloture`}
                        legend="Clôture"
                        name="cloture"
                        date={values.closesDate}
                        time={values.closesTime}
                        error={mine?.fieldErrors.closes}
                      />
                      <button type="submit" class="fr-btn">
                        Enregistrer
                        <span class="fr-sr-only">
                          {' '}
                          les dates de {exam?.shortName ?? w.examCode} ({session.name})
                        </span>
                      </button>
                    </form>
                  </div>
                </div>
              </div>
            );
          })}
        </section>
      ))}
    </OfficeLayout>
  );
}

export interface DeskValues {
  name: string;
  phones: string;
  email: string;
}

function deskValues(desk: Desk): DeskValues {
  return { name: desk.name, phones: desk.phones.join(', '), email: desk.email };
}

const deskAnchor = (code: string): string => `pole-${code}`;

export function DesksPage({
  ctx,
  staff,
  catalogue,
  notice,
  failed,
}: {
  ctx: PageContext;
  staff: StaffMember;
  catalogue: Catalogue;
  notice?: 'saved' | 'unchanged' | undefined;
  failed?: FailedForm<DeskValues, 'name' | 'phones' | 'email'> | undefined;
}): VNode {
  const failedDesk = failed && catalogue.desks.find((d) => deskAnchor(d.code) === failed.key);
  return (
    <OfficeLayout ctx={ctx} staff={staff} title={failed ? 'Erreur – Pôles' : 'Pôles'}>
      <h1>Pôles</h1>
      <p class="fr-text--lead">
        Les coordonnées des pôles figurent en pied de chaque page, dans les courriels et sur la page
        publique des pôles.
      </p>
      <SavedNotice notice={notice} />
      {failed && failedDesk && (
        <ErrorList
          title={`Le pôle « ${failedDesk.name} » n’a pas été enregistré`}
          alerts={failed.alerts}
          links={(
            [
              ['name', 'nom', 'Nom'],
              ['phones', 'telephones', 'Téléphones'],
              ['email', 'courriel', 'Adresse électronique'],
            ] as const
          ).flatMap(([field, id, label]) => {
            const error = failed.fieldErrors[field];
            return error ? [{ href: `#${failed.key}-${id}`, text: `${label} : ${error}` }] : [];
          })}
        />
      )}
      {catalogue.desks.map((desk) => {
        const anchor = deskAnchor(desk.code);
        const mine = failed?.key === anchor ? failed : undefined;
        const values = mine?.values ?? deskValues(desk);
        return (
          <section class="fr-mb-6w" id={anchor} aria-labelledby={`${anchor}-titre`}>
            <h2 id={`${anchor}-titre`}>
              {desk.name} <span class="fr-hint-text">code {desk.code}</span>
            </h2>
            <form method="post" action={`${CATALOGUE_PATH}/poles/${desk.code}`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <Field
                id={`${anchor}-nom`}
                name="nom"
                label="Nom du pôle"
                value={values.name}
                error={mine?.fieldErrors.name}
                autocomplete="off"
                required={false}
              />
              <Field
                id={`${anchor}-telephones`}
                name="telephones"
                label="Téléphones"
                hint="Séparés par des virgules, par exemple : 05.16.52.64.55, 05.16.52.64.56"
                value={values.phones}
                error={mine?.fieldErrors.phones}
                autocomplete="off"
                required={false}
              />
              <Field
                id={`${anchor}-courriel`}
                name="courriel"
                type="email"
                label="Adresse électronique"
                value={values.email}
                error={mine?.fieldErrors.email}
                autocomplete="off"
                required={false}
              />
              <button type="submit" class="fr-btn">
                Enregistrer<span class="fr-sr-only"> le pôle {desk.name}</span>
              </button>
            </form>
          </section>
        );
      })}
    </OfficeLayout>
  );
}
