/**
 * « Mes documents »: the documents the office published, the récapitulatif of each version and
 * the list of supporting documents.
 */
import type { VNode } from 'preact';
import type { Catalogue } from '../../../domain/catalogue/catalogue.js';
import { formatSize } from '../../../domain/documents/file-size.js';
import { isWaived } from '../../../domain/documents/document-waiver.js';
import type { DocumentState } from '../../../domain/documents/ports.js';
import type { PublishedDocument } from '../../../domain/documents/review/ports.js';
import { DOCUMENT_STATE_LABELS } from '../../../domain/receipts/document-states.js';
import type { MyDocuments } from '../../../domain/receipts/my-documents.js';
import { registrationNames } from '../../../domain/receipts/receipt.js';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { Layout } from '../../views/layout.js';
import type { PageContext } from '../../views/page-context.js';

const BADGE: Record<DocumentState, string> = {
  attendu: 'fr-badge--warning',
  transmis: 'fr-badge--info',
  valide: 'fr-badge--success',
  refuse: 'fr-badge--error',
  non_concerne: '',
};

/** « Mes documents » of registration `number`; its PDF files are beside it. */
export function documentsPath(number: string): string {
  return `/inscriptions/${encodeURIComponent(number)}/documents`;
}

/** A document the office published, as its owner downloads it. */
export function publishedPath(id: string): string {
  return `/mes-documents/publies/${id}`;
}

export interface MyDocumentsPageProps {
  ctx: PageContext;
  mine: MyDocuments;
  /** What the office published for this registration, newest first. */
  published: PublishedDocument[];
  catalogue: Catalogue | undefined;
}

export function MyDocumentsPage({ ctx, mine, published, catalogue }: MyDocumentsPageProps): VNode {
  const { registration: r, versions, documents, code } = mine;
  const names = catalogue
    ? registrationNames(catalogue, r.sessionCode, r.examCode, r.specialtyCode)
    : { sessionName: r.sessionCode, examName: r.examCode, specialtyName: r.specialtyCode };
  const base = `/inscriptions/${encodeURIComponent(r.number)}`;
  const earlier = versions.filter((v) => v.version !== r.version);
  return (
    <Layout ctx={ctx} title={`Mes documents – inscription n° ${r.number}`}>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace">
          Mes inscriptions
        </a>
      </p>
      <h1>Mes documents</h1>
      <p class="fr-text--lead">
        Inscription n° {r.number} : {names.examName}, {names.specialtyName} – {names.sessionName}.
      </p>

      {published.length > 0 && (
        <section class="fr-mb-6w" aria-labelledby="titre-publies">
          <h2 id="titre-publies">Documents transmis par le pôle</h2>
          <ul>
            {published.map((p) => (
              <li class="fr-mb-1w">
                <a class="fr-link fr-link--download" href={publishedPath(p.id)}>
                  {p.title}
                  <span class="fr-link__detail">
                    PDF – {formatSize(p.size)} – transmis le {formatParisDateTime(p.publishedAt)}
                  </span>
                </a>{' '}
                {!p.seenAt && (
                  <span class="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon">Nouveau</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="fr-mb-6w" aria-labelledby="titre-confirmation">
        <h2 id="titre-confirmation">Confirmation d’inscription</h2>
        <p>
          Le récapitulatif de votre inscription telle qu’elle est enregistrée : version {r.version}{' '}
          du {formatParisDateTime(r.savedAt)} (heure de Paris). Conservez-le : il atteste de votre
          inscription.
        </p>
        <p>
          Code de vérification : <strong>{code}</strong>. Toute personne à qui vous présentez ce
          document peut le vérifier sur la page « <a href="/verifier">Vérifier un récapitulatif</a>{' '}
          ».
        </p>
        <a
          class="fr-btn fr-btn--icon-left fr-icon-printer-line"
          href={`${base}/recapitulatif.pdf`}
          data-version={r.version}
        >
          Visualiser / imprimer la confirmation d’inscription (PDF)
        </a>
        {earlier.length > 0 && (
          <>
            <h3 class="fr-h6 fr-mt-4w">Versions précédentes</h3>
            <ul>
              {earlier.map((v) => (
                <li>
                  <a
                    class="fr-link fr-link--download"
                    href={`${base}/recapitulatif.pdf?version=${v.version}`}
                  >
                    Récapitulatif de la version {v.version} du {formatParisDateTime(v.savedAt)}
                    <span class="fr-link__detail">PDF</span>
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section class="fr-mb-6w" aria-labelledby="titre-pieces">
        <h2 id="titre-pieces">Liste des pièces justificatives</h2>
        {documents.length === 0 ? (
          <p>Aucune pièce justificative n’est demandée pour cette inscription.</p>
        ) : (
          <div class="fr-table fr-table--multiline fr-table--no-caption">
            <div class="fr-table__wrapper">
              <div class="fr-table__container">
                <div class="fr-table__content">
                  <table>
                    <caption>Pièces justificatives de l’inscription n° {r.number}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Pièce</th>
                        <th scope="col">Pourquoi elle est demandée</th>
                        <th scope="col">État</th>
                      </tr>
                    </thead>
                    <tbody>
                      {documents.map((d) => (
                        <tr data-piece={d.key}>
                          <th scope="row">{d.label}</th>
                          <td>{d.reason}</td>
                          <td>
                            <p class={`fr-badge fr-badge--no-icon ${BADGE[d.state]}`}>
                              {DOCUMENT_STATE_LABELS[d.state]}
                            </p>
                            {isWaived(d) && (
                              <p class="fr-text--sm fr-mt-1w fr-mb-0">
                                Raison du pôle : {d.waiverReason}
                              </p>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        )}
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <a
              class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-printer-line"
              href={`${base}/pieces.pdf`}
            >
              Visualiser / imprimer la liste des pièces (PDF)
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--tertiary" href={`${base}/justificatifs`}>
              Mes justificatifs
            </a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
