/**
 * The office's page of one registration: its states, every field of the current version,
 * its versions and what each changed, its documents and files, the candidate's requests, the
 * « Écarter » / « Réintégrer » form and its history from the audit log.
 */
import type { VNode } from 'preact';
import type { RecordedAuditEntry } from '../../../domain/audit/ports.js';
import { formatSize } from '../../../domain/documents/file-size.js';
import type { DocumentState } from '../../../domain/documents/ports.js';
import type { RegistrationFile } from '../../../domain/office/registration-file.js';
import { MAX_SET_ASIDE_REASON, SET_ASIDE_REASON_FIELD } from '../../../domain/office/set-aside.js';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATE_LABELS,
} from '../../../domain/office-requests/request-labels.js';
import { DOCUMENT_STATE_LABELS } from '../../../domain/receipts/document-states.js';
import type { SummaryLine } from '../../../domain/registrations/registration-summary.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { TextArea } from '../../views/choices.js';
import { Alert, CsrfField, ErrorSummary } from '../../views/forms.js';
import { MultilineText } from '../../views/multiline-text.js';
import type { PageContext } from '../../views/page-context.js';
import { ACTOR_LABELS, actionLabel } from './audit-labels.js';
import { OfficeLayout } from './office-layout.js';
import { Table } from '../../views/table.js';
import { requestPath } from './requests.view.js';

export const registrationFilePath = (number: string): string =>
  `/gestion/inscriptions/${encodeURIComponent(number)}`;

const DOCUMENT_BADGES: Record<DocumentState, string> = {
  attendu: 'fr-badge--warning',
  transmis: 'fr-badge--info',
  valide: 'fr-badge--success',
  refuse: 'fr-badge--error',
  non_concerne: '',
};

export interface RegistrationFilePageProps {
  ctx: PageContext;
  staff: StaffMember;
  file: RegistrationFile;
  /** Staff members' names by id, for the history's authors. */
  staffNames: ReadonlyMap<string, string>;
  notices?: string[];
  /** A refusal of « Écarter » or « Réintégrer » (409). */
  alert?: string | undefined;
  /** The reason as typed, shown again after a refusal. */
  reason?: string;
  fieldErrors?: Record<string, string>;
}

export function RegistrationFilePage({
  ctx,
  staff,
  file,
  staffNames,
  notices = [],
  alert,
  reason = '',
  fieldErrors = {},
}: RegistrationFilePageProps): VNode {
  const r = file.registration;
  const { identity } = r.data;
  const failed = alert !== undefined || Object.keys(fieldErrors).length > 0;
  const title = `Inscription n° ${r.number}`;
  const base = registrationFilePath(r.number);
  const documentLabel = (key: string): string =>
    file.documents.find((d) => d.document.key === key)?.document.label ?? key;
  return (
    <OfficeLayout ctx={ctx} staff={staff} title={failed ? `Erreur – ${title}` : title}>
      <h1>{title}</h1>
      {notices.map((n) => (
        <Alert kind="success" title={n} />
      ))}
      {alert && <Alert kind="error" title={alert} />}
      {/* The form is far down the page: its errors are summed up here, linked to the field. */}
      <ErrorSummary
        errors={fieldErrors}
        labels={{ [SET_ASIDE_REASON_FIELD]: 'Motif de l’écart' }}
      />
      <p class="fr-text--lead">
        {identity.firstNames} {identity.usageName || identity.birthName}
        {identity.usageName
          ? ` (${identity.sex === 'F' ? 'née' : 'né'} ${identity.birthName})`
          : ''}
      </p>
      <ul class="fr-badges-group">
        <li>
          {r.completeDeclaredAt ? (
            <p class="fr-badge fr-badge--success">Dossier complet</p>
          ) : (
            <p class="fr-badge fr-badge--warning">Dossier incomplet</p>
          )}
        </li>
        {r.setAside && (
          <li>
            <p class="fr-badge fr-badge--error">Écartée</p>
          </li>
        )}
      </ul>
      {r.setAside && (
        <Alert
          kind="warning"
          title={`Inscription écartée le ${formatParisDateTime(r.setAside.at)}`}
        >
          <p class="fr-mb-0">Motif :</p>
          <MultilineText text={r.setAside.reason} />
        </Alert>
      )}
      <dl>
        <dt class="fr-text--bold">Compte du candidat</dt>
        <dd>{r.accountEmail}</dd>
        <dt class="fr-text--bold">Pôle</dt>
        <dd>{file.desk?.name ?? 'Aucun pôle (spécialité absente du catalogue)'}</dd>
        <dt class="fr-text--bold">Version en cours</dt>
        <dd>
          Version {r.version}, enregistrée le {formatParisDateTime(r.savedAt)} (inscription créée le{' '}
          {formatParisDateTime(r.createdAt)})
        </dd>
        <dt class="fr-text--bold">« J’ai fourni toutes mes pièces »</dt>
        <dd>
          {r.completeDeclaredAt
            ? `Déclaré le ${formatParisDateTime(r.completeDeclaredAt)}`
            : 'Pas encore déclaré'}
        </dd>
      </dl>

      <h2 class="fr-mt-6w">Inscription (version {r.version})</h2>
      {sections(file.lines).map(([section, lines]) => (
        <Table caption={section}>
          <tbody>
            {lines.map((line) => (
              <tr>
                <th scope="row">{line.label}</th>
                <td>{line.value}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ))}

      <h2 class="fr-mt-6w">Versions</h2>
      <Table caption={`Versions enregistrées (${file.versions.length}), la plus récente d’abord`}>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Enregistrée le (heure de Paris)</th>
            <th scope="col">Changements par rapport à la version précédente</th>
          </tr>
        </thead>
        <tbody>
          {file.versions.map((v) => (
            <tr>
              <td>{v.version}</td>
              <td>{formatParisDateTime(v.savedAt)}</td>
              <td>
                {v.version === 1 ? (
                  'Première version'
                ) : v.changes.length === 0 ? (
                  'Aucun changement'
                ) : (
                  <ul>
                    {v.changes.map((c) => (
                      <li>
                        {c.label} : « {c.before} » devient « {c.after} »
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      <h2 class="fr-mt-6w">Pièces justificatives</h2>
      <p>
        <a class="fr-btn" href={`${base}/pieces`}>
          Vérifier les pièces
        </a>
      </p>
      {file.documents.length === 0 ? (
        <p>Aucune pièce n’est demandée pour cette inscription.</p>
      ) : (
        <Table caption="Pièces demandées et fichiers déposés">
          <thead>
            <tr>
              <th scope="col">Pièce</th>
              <th scope="col">État</th>
              <th scope="col">Fichiers</th>
              <th scope="col">Refus</th>
            </tr>
          </thead>
          <tbody>
            {file.documents.map(({ document: d, uploads }) => (
              <tr>
                <td>
                  {d.label}
                  <br />
                  <span class="fr-text--sm">{d.reason}</span>
                </td>
                <td>
                  <p class={`fr-badge fr-badge--sm ${DOCUMENT_BADGES[d.state]}`}>
                    {DOCUMENT_STATE_LABELS[d.state]}
                  </p>
                </td>
                <td>
                  {uploads.length === 0 ? (
                    'Aucun fichier'
                  ) : (
                    <ul>
                      {uploads.map((u) => (
                        <li>
                          <a href={`/gestion/justificatifs/${u.id}`}>{u.originalName}</a> (
                          {formatSize(u.size)}, déposé le {formatParisDateTime(u.createdAt)})
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {d.state === 'refuse' && (
                    <>
                      {d.refusalReason && <MultilineText text={d.refusalReason} />}
                      {d.reopenedUntil && (
                        <p>Dépôt rouvert jusqu’au {formatParisDateTime(d.reopenedUntil)}</p>
                      )}
                    </>
                  )}
                  {d.state === 'non_concerne' && d.waiverReason && (
                    <MultilineText text={`Non concerné : ${d.waiverReason}`} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <h2 class="fr-mt-6w">Messages du candidat</h2>
      {file.requests.length === 0 ? (
        <p>Le candidat n’a envoyé aucune demande au pôle pour cette inscription.</p>
      ) : (
        <Table caption="Demandes du candidat au pôle, la plus récente d’abord">
          <thead>
            <tr>
              <th scope="col">Envoyée le (heure de Paris)</th>
              <th scope="col">Demande</th>
              <th scope="col">Message</th>
              <th scope="col">État</th>
              <th scope="col">Réponse du pôle</th>
            </tr>
          </thead>
          <tbody>
            {file.requests.map((q) => (
              <tr>
                <td>{formatParisDateTime(q.createdAt)}</td>
                <td>
                  <a href={requestPath(q.id)}>{REQUEST_KIND_LABELS[q.kind]}</a>
                </td>
                <td>{q.message ? <MultilineText text={q.message} /> : '—'}</td>
                <td>{REQUEST_STATE_LABELS[q.state]}</td>
                <td>
                  {q.answer ? (
                    <>
                      <MultilineText text={q.answer} />
                      {q.answeredAt && (
                        <p class="fr-text--sm">Le {formatParisDateTime(q.answeredAt)}</p>
                      )}
                    </>
                  ) : (
                    'Pas encore de réponse'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {r.setAside ? (
        <section class="fr-mt-6w" aria-labelledby="titre-reintegrer">
          <h2 id="titre-reintegrer">Réintégrer l’inscription</h2>
          <p>
            L’inscription redevient une inscription ordinaire ; le candidat en est informé par
            courriel. Le motif de l’écart reste dans l’historique.
          </p>
          <form method="post" action={`${base}/reintegrer`}>
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="fr-btn fr-btn--secondary">
              Réintégrer
            </button>
          </form>
        </section>
      ) : (
        <section class="fr-mt-6w" aria-labelledby="titre-ecarter">
          <h2 id="titre-ecarter">Écarter l’inscription</h2>
          <p>
            Une inscription écartée reste enregistrée et peut être réintégrée. Le candidat reçoit le
            motif par courriel et le lit dans « Mes inscriptions » ; il est aussi inscrit dans
            l’historique.
          </p>
          <form method="post" action={`${base}/ecarter`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextArea
              name={SET_ASIDE_REASON_FIELD}
              label="Motif"
              hint={`Obligatoire, ${MAX_SET_ASIDE_REASON} caractères au plus.`}
              value={reason}
              error={fieldErrors[SET_ASIDE_REASON_FIELD]}
            />
            <button type="submit" class="fr-btn fr-btn--secondary">
              Écarter
            </button>
          </form>
        </section>
      )}

      <h2 class="fr-mt-6w">Historique</h2>
      {file.history.length === 0 ? (
        <p>Aucune action enregistrée.</p>
      ) : (
        <Table caption="Actions sur cette inscription, la plus récente d’abord">
          <thead>
            <tr>
              <th scope="col">Date (heure de Paris)</th>
              <th scope="col">Auteur</th>
              <th scope="col">Action</th>
              <th scope="col">Détail</th>
            </tr>
          </thead>
          <tbody>
            {file.history.map((e) => (
              <tr>
                <td>{formatParisDateTime(e.at)}</td>
                <td>{author(e, staffNames)}</td>
                <td>{actionLabel(e.action)}</td>
                <td>
                  <EntryDetail entry={e} documentLabel={documentLabel} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </OfficeLayout>
  );
}

/** The summary's lines by section, in the order of the form. */
function sections(lines: readonly SummaryLine[]): [string, SummaryLine[]][] {
  const grouped = new Map<string, SummaryLine[]>();
  for (const line of lines) grouped.set(line.section, [...(grouped.get(line.section) ?? []), line]);
  return [...grouped];
}

function author(entry: RecordedAuditEntry, names: ReadonlyMap<string, string>): string {
  const { kind, id } = entry.actor;
  if (kind === 'candidate') return 'Le candidat';
  if (kind === 'staff' && id) return names.get(id) ?? `${ACTOR_LABELS.staff} (${id})`;
  return ACTOR_LABELS[kind];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
const count = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;
const texts = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;

/** What an entry did, in words, from the facts it recorded; other entries show them raw. */
function EntryDetail({
  entry,
  documentLabel,
}: {
  entry: RecordedAuditEntry;
  documentLabel: (key: string) => string;
}): VNode | null {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  switch (entry.action) {
    case 'registration.saved':
    case 'registration.identity_corrected':
    case 'registration.address_applied': {
      const changed = texts(after.changed);
      return (
        <p>
          Version {count(after.version)}
          {changed && changed.length > 0 && ` – lignes modifiées : ${changed.join(', ')}`}
          {changed?.length === 0 && ' – aucune ligne modifiée'}
        </p>
      );
    }
    case 'upload.added':
    case 'upload.removed': {
      const facts = entry.action === 'upload.added' ? after : before;
      const size = count(facts.size);
      return (
        <p>
          Fichier pour « {documentLabel(text(facts.document) ?? '')} »
          {size !== undefined && `, ${formatSize(size)}`}
          <br />
          SHA-256 : <code>{text(facts.sha256)}</code>
        </p>
      );
    }
    case 'request.sent': {
      const id = text(after.request);
      const kind = text(after.kind);
      const label =
        kind && kind in REQUEST_KIND_LABELS
          ? REQUEST_KIND_LABELS[kind as keyof typeof REQUEST_KIND_LABELS]
          : 'Demande';
      return id ? <a href={requestPath(id)}>{label}</a> : <p>{label}</p>;
    }
    case 'registration.set_aside':
      return <MultilineText text={`Motif : ${text(after.setAsideReason) ?? ''}`} />;
    case 'registration.reinstated':
      return <MultilineText text={`Motif levé : ${text(before.setAsideReason) ?? ''}`} />;
    case 'documents.declared_complete':
      return null;
    default:
      return (
        <>
          {entry.before && (
            <p>
              Avant : <code>{JSON.stringify(entry.before)}</code>
            </p>
          )}
          {entry.after && (
            <p>
              Après : <code>{JSON.stringify(entry.after)}</code>
            </p>
          )}
        </>
      );
  }
}
