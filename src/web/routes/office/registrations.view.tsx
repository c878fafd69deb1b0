/**
 * « Inscriptions »: the office's list of registrations, with its filters (a GET form of DSFR
 * selects, usable without JavaScript), the count that matches, the export link carrying the
 * same filters, the table, and a pagination that keeps the filters.
 */
import type { VNode } from 'preact';
import { type Catalogue, findExam, findSpecialty } from '../../../domain/catalogue/catalogue.js';
import type { RegistrationListPage } from '../../../domain/office/list-registrations.js';
import type { ListFilters } from '../../../domain/office/registration-criteria.js';
import type {
  ListedRegistration,
  ListState,
} from '../../../domain/office/registration-list-ports.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import type { PageContext } from '../../views/page-context.js';
import { Pagination } from '../../views/pagination.js';
import { OfficeLayout } from './office-layout.js';

export const LIST_PATH = '/gestion/inscriptions';
export const EXPORT_PATH = '/gestion/inscriptions.csv';

export const STATE_LABELS: Record<ListState, string> = {
  enregistree: 'Enregistrée, dossier non déclaré complet',
  complete: 'Dossier complet (« J’ai fourni toutes mes pièces »)',
  'a-verifier': 'Pièces à vérifier',
  refusee: 'Pièce refusée',
  ecartee: 'Écartée',
};

/** The filters as the address carries them (the form's field names), empty ones left out. */
export function filterParams(filters: ListFilters, page?: number): URLSearchParams {
  const params = new URLSearchParams();
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined && value.trim() !== '') params.set(name, value);
  };
  add('session', filters.session);
  add('examen', filters.exam);
  add('specialite', filters.specialty);
  add('pole', filters.desk);
  add('etat', filters.state);
  add('q', filters.q);
  if (page !== undefined && page > 1) params.set('page', String(page));
  return params;
}

function withParams(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

const count = (n: number): string => n.toLocaleString('fr-FR');

function FilterSelect({
  name,
  label,
  value,
  all,
  children,
}: {
  name: string;
  label: string;
  value: string | undefined;
  /** The first option, « Tous » or « Toutes »: not filtered. */
  all: string;
  children: preact.ComponentChildren;
}): VNode {
  const id = `filtre-${name}`;
  return (
    <div class="fr-select-group">
      <label class="fr-label" for={id}>
        {label}
      </label>
      <select class="fr-select" id={id} name={name}>
        <option value="" selected={!value}>
          {all}
        </option>
        {children}
      </select>
    </div>
  );
}

function Filters({
  catalogue,
  staff,
  filters,
}: {
  catalogue: Catalogue;
  staff: StaffMember;
  filters: ListFilters;
}): VNode {
  const desks =
    staff.role === 'admin'
      ? catalogue.desks
      : catalogue.desks.filter((d) => staff.desks.includes(d.code));
  return (
    <form method="get" action={LIST_PATH} class="fr-mb-4w" aria-label="Filtrer les inscriptions">
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-4">
          <FilterSelect name="session" label="Session" value={filters.session} all="Toutes">
            {catalogue.sessions.map((s) => (
              <option value={s.code} selected={filters.session === s.code}>
                {s.name}
              </option>
            ))}
          </FilterSelect>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <FilterSelect name="examen" label="Examen" value={filters.exam} all="Tous">
            {catalogue.exams.map((e) => (
              <option value={e.code} selected={filters.exam === e.code}>
                {e.shortName} – {e.name}
              </option>
            ))}
          </FilterSelect>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <FilterSelect name="specialite" label="Spécialité" value={filters.specialty} all="Toutes">
            {catalogue.exams.map((e) => (
              <optgroup label={e.shortName}>
                {catalogue.specialties
                  .filter((s) => s.examCode === e.code)
                  .map((s) => (
                    <option value={s.code} selected={filters.specialty === s.code}>
                      {s.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </FilterSelect>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <FilterSelect name="pole" label="Pôle" value={filters.desk} all="Tous">
            {desks.map((d) => (
              <option value={d.code} selected={filters.desk === d.code}>
                {d.name}
              </option>
            ))}
          </FilterSelect>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <FilterSelect name="etat" label="État" value={filters.state} all="Tous">
            {Object.entries(STATE_LABELS).map(([code, label]) => (
              <option value={code} selected={filters.state === code}>
                {label}
              </option>
            ))}
          </FilterSelect>
        </div>
        <div class="fr-col-12 fr-col-md-4">
          <div class="fr-input-group">
            <label class="fr-label" for="filtre-q">
              Rechercher
              <span class="fr-hint-text" id="filtre-q-aide">
                Numéro d’inscription, adresse électronique ou début du nom
              </span>
            </label>
            <input
              class="fr-input"
              id="filtre-q"
              name="q"
              type="search"
              value={filters.q ?? ''}
              autocomplete="off"
              spellcheck={false}
              aria-describedby="filtre-q-aide"
            />
          </div>
        </div>
      </div>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="submit" class="fr-btn fr-icon-search-line fr-btn--icon-left">
            Afficher les inscriptions
          </button>
        </li>
        <li>
          <a class="fr-btn fr-btn--tertiary" href={LIST_PATH}>
            Effacer les filtres
          </a>
        </li>
      </ul>
    </form>
  );
}

/** The badges of a line: what the office has to do with it, at a glance. */
function StateBadges({ r }: { r: ListedRegistration }): VNode {
  const badges: { label: string; kind: string }[] = [];
  if (r.setAsideAt) badges.push({ label: 'Écartée', kind: 'fr-badge--new' });
  if (r.documentsRefused > 0) badges.push({ label: 'Pièce refusée', kind: 'fr-badge--error' });
  if (r.documentsToCheck > 0)
    badges.push({ label: 'Pièces à vérifier', kind: 'fr-badge--warning' });
  badges.push(
    r.completeDeclaredAt
      ? { label: 'Dossier complet', kind: 'fr-badge--success' }
      : { label: 'Enregistrée', kind: 'fr-badge--info' },
  );
  return (
    <ul class="fr-badges-group">
      {badges.map((b) => (
        <li>
          <p class={`fr-badge fr-badge--sm fr-badge--no-icon ${b.kind}`}>{b.label}</p>
        </li>
      ))}
    </ul>
  );
}

export function RegistrationListView({
  ctx,
  staff,
  list,
  filters,
}: {
  ctx: PageContext;
  staff: StaffMember;
  list: RegistrationListPage;
  filters: ListFilters;
}): VNode {
  const { catalogue } = list;
  const exportHref = withParams(EXPORT_PATH, filterParams(filters));
  return (
    <OfficeLayout ctx={ctx} staff={staff} title="Inscriptions">
      <h1>Inscriptions</h1>
      <p>
        {staff.role === 'admin'
          ? 'Toutes les inscriptions, de tous les pôles.'
          : 'Les inscriptions des examens et spécialités de vos pôles.'}{' '}
        Le nom se cherche sans accents ni majuscules : « le gall » trouve « Le Gall-Hervé ».
      </p>
      <Filters catalogue={catalogue} staff={staff} filters={filters} />
      <div class="fr-grid-row fr-grid-row--middle fr-mb-2w">
        <p class="fr-col fr-mb-0">
          <strong>
            {list.total === 0
              ? 'Aucune inscription ne correspond.'
              : list.total === 1
                ? '1 inscription correspond.'
                : `${count(list.total)} inscriptions correspondent.`}
          </strong>
        </p>
        {list.total > 0 && (
          <p class="fr-mb-0">
            <a
              class="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left"
              href={exportHref}
              download
            >
              Exporter la liste (CSV)
            </a>
          </p>
        )}
      </div>
      {list.total > 0 && (
        <div class="fr-table fr-table--multiline">
          <div class="fr-table__wrapper">
            <div class="fr-table__container">
              <div class="fr-table__content">
                <table>
                  <caption>
                    Inscriptions, par numéro – page {list.page} sur {list.pageCount}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Numéro</th>
                      <th scope="col">Candidat</th>
                      <th scope="col">Examen et spécialité</th>
                      <th scope="col">État</th>
                      <th scope="col">Version</th>
                      <th scope="col">Enregistrée le (heure de Paris)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.rows.map((r) => (
                      <tr>
                        <th scope="row">
                          <a href={`${LIST_PATH}/${encodeURIComponent(r.number)}`}>{r.number}</a>
                        </th>
                        <td>
                          <span class="nom-naissance">{r.identity.birthName.toUpperCase()}</span>{' '}
                          <span class="prenoms">{r.identity.firstNames}</span>
                          {r.identity.usageName && (
                            <>
                              <br />
                              <span class="fr-text--sm">
                                nom d’usage :{' '}
                                <span class="nom-usage">{r.identity.usageName.toUpperCase()}</span>
                              </span>
                            </>
                          )}
                        </td>
                        <td>
                          <span class="examen">
                            {findExam(catalogue, r.examCode)?.shortName ?? r.examCode}
                          </span>
                          <br />
                          <span class="specialite">
                            {findSpecialty(catalogue, r.examCode, r.specialtyCode)?.name ??
                              r.specialtyCode}
                          </span>
                        </td>
                        <td>
                          <StateBadges r={r} />
                        </td>
                        <td>{r.version}</td>
                        <td>{formatParisDateTime(r.savedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {list.pageCount > 1 && (
        <Pagination
          label="Pagination des inscriptions"
          page={list.page}
          pageCount={list.pageCount}
          href={(n) => withParams(LIST_PATH, filterParams(filters, n))}
        />
      )}
    </OfficeLayout>
  );
}
