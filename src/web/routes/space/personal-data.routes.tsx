/**
 * « Mes données personnelles » (/espace/donnees-personnelles) and the download of the
 * candidate's archive. The download is a POST with the CSRF token, not a link: it writes to the
 * journal (`candidate.data_exported`) and makes a large response, so another site must not be
 * able to start it in the candidate's browser, and nothing prefetches or caches it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { exportPersonalData } from '../../../domain/personal-data/export-personal-data.js';
import { zipArchive } from '../../../infra/zip/zip-archive.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
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
    const archive = await exportPersonalData(deps.personalData, {
      accountId: account.id,
      clientAddress: request.ip,
    });
    return reply
      .code(200)
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${archive.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(zipArchive(archive.entries));
  });
  return Promise.resolve();
};
