/**
 * Demo mode only (no SMTP_URL): the mails stay in the outbox and this page shows them, with
 * their links clickable, so a newcomer can activate an account without a mail server.
 * Never registered outside demo mode: it would show every candidate's mail.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { VNode } from 'preact';
import { formatParisDateTime } from '../../../domain/time/paris-time.js';
import { fromDb } from '../../../infra/db/instants.js';
import { findMail, latestMails } from '../../../infra/repositories/outbox.repository.js';
import { Layout } from '../../views/layout.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';

export const demoMailboxRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  app.get('/demo/courriels', async (request, reply) => {
    const mails = await latestMails(deps.database.db, 100);
    return sendPage(
      reply,
      200,
      <Layout ctx={pageContext(deps, request, reply)} title="Courriels de démonstration">
        <h1>Courriels de démonstration</h1>
        <p>En démonstration, aucun courriel ne part : les voici, du plus récent au plus ancien.</p>
        {mails.length === 0 ? (
          <p>Aucun courriel pour l’instant.</p>
        ) : (
          <div class="fr-table">
            <table>
              <caption>Derniers courriels</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Destinataire</th>
                  <th scope="col">Objet</th>
                </tr>
              </thead>
              <tbody>
                {mails.map((mail) => (
                  <tr>
                    <td>{formatParisDateTime(fromDb(mail.created_at))}</td>
                    <td>{mail.recipient}</td>
                    <td>
                      <a href={`/demo/courriels/${mail.id}`}>{mail.subject}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Layout>,
    );
  });

  app.get<{ Params: { id: string } }>('/demo/courriels/:id', async (request, reply) => {
    const mail = /^[0-9a-f-]{36}$/.test(request.params.id)
      ? await findMail(deps.database.db, request.params.id)
      : undefined;
    if (!mail) return reply.callNotFound();
    return sendPage(
      reply,
      200,
      <Layout ctx={pageContext(deps, request, reply)} title={mail.subject}>
        <p>
          <a href="/demo/courriels">Retour aux courriels</a>
        </p>
        <h1>{mail.subject}</h1>
        <p>
          À : {mail.recipient} – {formatParisDateTime(fromDb(mail.created_at))}
        </p>
        <div class="fr-card fr-p-3w candidat-mail">{linkify(mail.text_body)}</div>
      </Layout>,
    );
  });
  return Promise.resolve();
};

/** The plain-text mail with its own links made clickable; the text stays escaped. */
function linkify(text: string): VNode[] {
  return text.split('\n').map((line) => {
    const match = /^(.*?)(https?:\/\/\S+)$/.exec(line);
    if (!match) return <p class="fr-mb-1w">{line || '\u00a0'}</p>;
    const label = match[1]?.replace(/ : $/, '') ?? '';
    return (
      <p class="fr-mb-1w">
        <a href={match[2]}>{label || match[2]}</a>
      </p>
    );
  });
}
