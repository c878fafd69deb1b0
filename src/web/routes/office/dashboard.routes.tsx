/**
 * GET /gestion/tableau-de-bord[?session=CODE]: the dashboard of a session (the latest one by
 * default) for every signed-in staff member, limited to their pôles' exams unless they are an
 * administrator. A malformed session code is a 400, an unknown one a 404, both French pages
 * of the office.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import { coversExam } from '../../../domain/office/dashboard-scope.js';
import { sessionDashboard } from '../../../domain/office/session-dashboard.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { registrationCalendar } from '../public/registration-calendar.js';
import { DASHBOARD_PATH, DashboardPage } from './dashboard.view.js';
import { OfficeMessagePage } from './office-layout.js';
import { requireStaff } from './staff-guard.js';

// The catalogue's own rule for codes (catalogue-file.ts), with a length a code never exceeds.
const dashboardQuery = z.object({
  session: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/)
    .optional(),
});

export const dashboardRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  app.get(DASHBOARD_PATH, async (request, reply) => {
    const staff = requireStaff(request);
    const ctx = pageContext(deps, request, reply);
    const back = (
      <a class="fr-btn fr-btn--secondary" href={DASHBOARD_PATH}>
        Tableau de bord de la dernière session
      </a>
    );
    const query = dashboardQuery.safeParse(request.query);
    if (!query.success)
      return sendPage(
        reply,
        400,
        <OfficeMessagePage
          ctx={ctx}
          staff={staff}
          title="Demande incorrecte"
          lead="La session demandée n’est pas un code de session valide : choisissez-la dans la liste du tableau de bord."
        >
          {back}
        </OfficeMessagePage>,
      );
    try {
      const dashboard = await sessionDashboard(deps.dashboard, {
        staff,
        sessionCode: query.data.session,
      });
      const catalogue = deps.catalogue.current();
      const windows =
        (catalogue &&
          registrationCalendar(catalogue, dashboard.now)
            .find((c) => c.session.code === dashboard.session.code)
            ?.entries.filter((e) => coversExam(dashboard.scope, e.window.examCode))) ??
        [];
      return sendPage(
        reply,
        200,
        <DashboardPage ctx={ctx} staff={staff} dashboard={dashboard} windows={windows} />,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'not_found') throw error;
      return sendPage(
        reply,
        404,
        <OfficeMessagePage ctx={ctx} staff={staff} title="Session introuvable" lead={error.message}>
          {query.data.session !== undefined && back}
        </OfficeMessagePage>,
      );
    }
  });
  return Promise.resolve();
};
