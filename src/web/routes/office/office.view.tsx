/** The office's pages after sign-in: its home, « Personnel » and the audit « Journal ». */
import type { VNode } from 'preact';
import type { RecordedAuditEntry } from '../../../domain/audit/ports.js';
import type { JournalPage } from '../../../domain/audit/journal.js';
import type { Desk } from '../../../domain/desks/desk.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { ROLE_LABELS } from '../../../domain/staff/staff-rules.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { RadioGroup } from '../../views/choices.js';
import { Alert, CsrfField, ErrorSummary, Field } from '../../views/forms.js';
import type { PageContext } from '../../views/page-context.js';
import { Pagination } from '../../views/pagination.js';
import { Table } from '../../views/table.js';
import { ACTOR_LABELS, actionLabel } from './audit-labels.js';
import { OfficeLayout } from './office-layout.js';

function deskNames(codes: readonly string[], desks: readonly Desk[]): string[] {
  return codes.map((code) => desks.find((d) => d.code === code)?.name ?? code);
}

export function OfficeHomePage({ ctx, staff }: { ctx: PageContext; staff: StaffMember }): VNode {
  const admin = staff.role === 'admin';
  return (
    <OfficeLayout ctx={ctx} staff={staff} title="Accueil">
      <h1>Espace gestionnaire</h1>
      <p class="fr-text--lead">
        Vous êtes connecté en tant que <strong>{staff.name}</strong> ({staff.email}).
      </p>
      <dl>
        <dt class="fr-text--bold">Rôle</dt>
        <dd>{ROLE_LABELS[staff.role]}</dd>
        <dt class="fr-text--bold">Pôles</dt>
        <dd>
          {admin ? (
            'Tous les pôles (administrateur)'
          ) : (
            <ul>
              {deskNames(staff.desks, ctx.desks).map((name) => (
                <li>{name}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <p class="fr-mt-4w">
        <a class="fr-btn" href="/gestion/tableau-de-bord">
          Tableau de bord de la session
        </a>
      </p>
      {admin && (
        <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
          <li>
            <a class="fr-btn fr-btn--secondary" href="/gestion/personnel">
              Personnel
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/gestion/journal">
              Journal des actions
            </a>
          </li>
        </ul>
      )}
    </OfficeLayout>
  );
}

export interface NewStaffValues {
  name: string;
  email: string;
  role: string;
  desks: string[];
}

function state(member: StaffMember): string {
  if (member.disabledAt) return `Désactivé le ${formatParisDateTime(member.disabledAt)}`;
  if (!member.passwordHash) return 'En attente d’activation';
  if (!member.totpConfirmedAt) return 'Double authentification à configurer';
  return 'Actif';
}

export function PersonnelPage({
  ctx,
  staff,
  members,
  notices = [],
  alert,
  values = { name: '', email: '', role: '', desks: [] },
  fieldErrors = {},
}: {
  ctx: PageContext;
  staff: StaffMember;
  members: StaffMember[];
  notices?: string[];
  alert?: string | undefined;
  values?: NewStaffValues;
  fieldErrors?: Record<string, string>;
}): VNode {
  const failed = Object.keys(fieldErrors).length > 0 || alert !== undefined;
  return (
    <OfficeLayout ctx={ctx} staff={staff} title={failed ? 'Erreur – Personnel' : 'Personnel'}>
      <h1>Personnel</h1>
      {notices.map((n) => (
        <Alert kind="success" title={n} />
      ))}
      {alert && <Alert kind="error" title={alert} />}
      <Table caption="Membres du personnel">
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse électronique</th>
            <th scope="col">Rôle</th>
            <th scope="col">Pôles</th>
            <th scope="col">État</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{ROLE_LABELS[m.role]}</td>
              <td>{m.role === 'admin' ? 'Tous' : deskNames(m.desks, ctx.desks).join(', ')}</td>
              <td>{state(m)}</td>
              <td>
                {!m.disabledAt && m.id !== staff.id && (
                  <ul class="fr-btns-group fr-btns-group--sm">
                    <li>
                      <form method="post" action={`/gestion/personnel/${m.id}/nouveau-lien`}>
                        <CsrfField token={ctx.csrfToken} />
                        <button
                          type="submit"
                          class="fr-btn fr-btn--sm fr-btn--tertiary"
                          title={`Envoyer un nouveau lien d’activation à ${m.name}`}
                        >
                          Nouveau lien
                        </button>
                      </form>
                    </li>
                    <li>
                      <form method="post" action={`/gestion/personnel/${m.id}/desactiver`}>
                        <CsrfField token={ctx.csrfToken} />
                        <button
                          type="submit"
                          class="fr-btn fr-btn--sm fr-btn--tertiary"
                          title={`Désactiver l’accès de ${m.name}`}
                        >
                          Désactiver
                        </button>
                      </form>
                    </li>
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      <h2 class="fr-mt-6w">Ajouter une personne</h2>
      <p>
        Un lien d’activation, valable 24 heures, lui est envoyé par courriel : elle y choisit son
        mot de passe, puis configure sa double authentification.
      </p>
      <ErrorSummary
        errors={fieldErrors}
        labels={{ name: 'Nom', email: 'Adresse électronique', role: 'Rôle', desks: 'Pôles' }}
      />
      <form method="post" action="/gestion/personnel" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field
          name="name"
          label="Prénom et nom"
          autocomplete="off"
          value={values.name}
          error={fieldErrors.name}
        />
        <Field
          name="email"
          type="email"
          label="Adresse électronique professionnelle"
          autocomplete="off"
          value={values.email}
          error={fieldErrors.email}
        />
        <RadioGroup
          name="role"
          legend="Rôle"
          value={values.role}
          error={fieldErrors.role}
          options={[
            {
              value: 'gestionnaire',
              label: 'Gestionnaire',
              hint: 'Voit et traite les pôles choisis ci-dessous',
            },
            {
              value: 'admin',
              label: 'Administrateur',
              hint: 'Tous les pôles, le personnel et le journal',
            },
          ]}
        />
        <fieldset
          id="champ-desks"
          class={`fr-fieldset${fieldErrors.desks ? ' fr-fieldset--error' : ''}`}
          aria-labelledby={`champ-desks-legende${fieldErrors.desks ? ' champ-desks-erreur' : ''}`}
        >
          <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="champ-desks-legende">
            Pôles (pour un gestionnaire)
          </legend>
          {ctx.desks.map((desk) => (
            <div class="fr-fieldset__element">
              <DeskCheckbox desk={desk} checked={values.desks.includes(desk.code)} />
            </div>
          ))}
          {fieldErrors.desks && (
            <div class="fr-messages-group" id="champ-desks-erreur" aria-live="assertive">
              <p class="fr-message fr-message--error">{fieldErrors.desks}</p>
            </div>
          )}
        </fieldset>
        <button type="submit" class="fr-btn">
          Ajouter et envoyer le lien
        </button>
      </form>
    </OfficeLayout>
  );
}

function DeskCheckbox({ desk, checked }: { desk: Desk; checked: boolean }): VNode {
  const id = `champ-desks-${desk.code}`;
  return (
    <div class="fr-checkbox-group">
      <input type="checkbox" id={id} name="desks" value={desk.code} checked={checked} />
      <label class="fr-label" for={id}>
        {desk.name}
      </label>
    </div>
  );
}

function Json({ value }: { value: Record<string, unknown> | null }): VNode | null {
  return value ? <code>{JSON.stringify(value)}</code> : null;
}

export function JournalView({
  ctx,
  staff,
  journal,
  names,
}: {
  ctx: PageContext;
  staff: StaffMember;
  journal: JournalPage;
  /** Staff members' names by id, for administrators reading the journal. */
  names: ReadonlyMap<string, string>;
}): VNode {
  const who = (e: RecordedAuditEntry): string => {
    const label = ACTOR_LABELS[e.actor.kind];
    if (!e.actor.id) return label;
    const name = e.actor.kind === 'staff' ? names.get(e.actor.id) : undefined;
    return name ? `${label} : ${name}` : `${label} ${e.actor.id}`;
  };
  return (
    <OfficeLayout ctx={ctx} staff={staff} title="Journal des actions">
      <h1>Journal des actions</h1>
      <p>
        Chaque action qui modifie quelque chose est inscrite ici, de la plus récente à la plus
        ancienne. Le journal ne peut être ni modifié ni effacé depuis le portail.
      </p>
      {journal.total === 0 ? (
        <p>Aucune action enregistrée.</p>
      ) : (
        <Table
          caption={`Actions ${journal.total} au total – page ${journal.page} sur ${journal.pageCount}`}
        >
          <thead>
            <tr>
              <th scope="col">Date (heure de Paris)</th>
              <th scope="col">Auteur</th>
              <th scope="col">Action</th>
              <th scope="col">Objet</th>
              <th scope="col">Avant</th>
              <th scope="col">Après</th>
              <th scope="col">Poste (empreinte)</th>
            </tr>
          </thead>
          <tbody>
            {journal.entries.map((e) => (
              <tr>
                <td>{formatParisDateTime(e.at)}</td>
                <td>{who(e)}</td>
                <td>
                  {actionLabel(e.action)}
                  <br />
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.subject &&
                    `${e.subject.type} ${e.subject.type === 'staff' && names.has(e.subject.id) ? `(${names.get(e.subject.id) ?? ''}) ` : ''}${e.subject.id}`}
                </td>
                <td>
                  <Json value={e.before} />
                </td>
                <td>
                  <Json value={e.after} />
                </td>
                <td>{e.clientHash && <code>{e.clientHash}</code>}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {journal.pageCount > 1 && (
        <Pagination
          label="Pagination du journal"
          page={journal.page}
          pageCount={journal.pageCount}
          href={(n) => `/gestion/journal?page=${n}`}
        />
      )}
    </OfficeLayout>
  );
}
