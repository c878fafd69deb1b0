/**
 * « Mes données personnelles » (/espace/donnees-personnelles) and the download of the
 * candidate's archive. The download is a POST with the CSRF token, not a link: it writes to the
 * journal (`candidate.data_exported`) and makes a large response, so another site must not be
 * able to start it in the candidate's browser, and nothing prefetches or caches it. Past the
 * limit of downloads per account, a 429 page says from when (Paris time) with Retry-After.
 */
import type { FastifyPluginAsync } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import {
  type PersonalDataExport,
  exportPersonalData,
} from '../../../domain/personal-data/export-personal-data.js';
import { zipArchive } from '../../../infra/zip/zip-archive.js';
import { formFailure } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import { MessagePage } from '../../views/message-page.js';
import type { WebDeps } from '../../web-deps.js';
import { requireAccount } from '../registrations/wizard.routes.js';
import { ARCHIVE_PATH, PERSONAL_DATA_PATH, PersonalDataPage } from './personal-data.view.js';

export const personalDataRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  app.get(PERSONAL_DATA_PATH, (request, reply) => {
    if (!request.account) return reply.redirect('/connexion', 303);
    return sendPage(
      reply,
      200,
      <PersonalDataPage
        ctx={pageContext(deps, request, reply)}
        email={request.account.email}
        retentionMonths={deps.personalData.retentionMonths}
      />,
    );
  });

  app.post(ARCHIVE_PATH, async (request, reply) => {
    const account = requireAccount(request);
    let archive: PersonalDataExport;
    try {
      archive = await exportPersonalData(deps.personalData, {
        accountId: account.id,
        clientAddress: request.ip,
      });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'rate_limited')) throw error;
      // formFailure sets Retry-After and words the time to come back, as the sign-in form does.
      const refusal = formFailure(error, reply, deps.personalData.clock.now());
      return sendPage(
        reply,
        refusal.status,
        <MessagePage
          ctx={pageContext(deps, request, reply)}
          title="Trop de téléchargements"
          lead={refusal.alert}
        >
          <a class="fr-btn fr-btn--secondary" href={PERSONAL_DATA_PATH}>
            Revenir à mes données personnelles
          </a>
        </MessagePage>,
      );
    }
    return reply
      .code(200)
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${archive.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(zipArchive(archive.entries));
  });
  return Promise.resolve();
};
