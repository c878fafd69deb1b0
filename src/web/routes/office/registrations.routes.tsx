/**
 * « Inscriptions » (GET /gestion/inscriptions) and its export (GET /gestion/inscriptions.csv),
 * for every signed-in staff member within their scope. Filters travel in the address (a GET
 * form), so a list can be bookmarked, shared and exported as shown. A filter the catalogue does
 * not know is a 400 page naming it; a pôle that is not the gestionnaire's, the office's 403.
 * Each export is written to the audit log (export-registrations.ts).
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.js';
import {
  type RegistrationExport,
  exportRegistrations,
} from '../../../domain/office/export-registrations.js';
import { listRegistrations } from '../../../domain/office/list-registrations.js';
import type { ListFilters } from '../../../domain/office/registration-criteria.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { parisDay } from '../../../domain/time/paris-time.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { OfficeMessagePage } from './office-layout.js';
import { csvHeader, csvRow } from './registrations-csv.js';
import { EXPORT_PATH, LIST_PATH, RegistrationListView } from './registrations.view.js';
import { requireStaff } from './staff-guard.js';

// One value each (a repeated parameter is an array and fails); bounded lengths; the codes
// themselves are checked against the catalogue by the use case.
const code = z.string().max(100).optional();
const listQuery = z.object({
  session: code,
  examen: code,
  specialite: code,
  pole: code,
  etat: code,
  q: z.string().max(1000).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

/** The address's French parameter names, by the filters' names in code. */
const FIELD_OF_PARAM: Record<string, string> = {
  examen: 'exam',
  specialite: 'specialty',
  pole: 'desk',
  etat: 'state',
};

const FILTER_LABELS: Record<string, string> = {
  session: 'Session',
  exam: 'Examen',
  specialty: 'Spécialité',
  desk: 'Pôle',
  state: 'État',
  q: 'Rechercher',
  page: 'Page',
};

function filtersOf(query: z.infer<typeof listQuery>): ListFilters {
  return {
    session: query.session,
    exam: query.examen,
    specialty: query.specialite,
    desk: query.pole,
    state: query.etat,
    q: query.q,
  };
}

export const registrationListRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.registrationList;

  /** The 400 page: which filters are wrong, and the way back to the whole list. */
  const badFilters = (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffMember,
    problems: Record<string, string>,
  ): FastifyReply =>
    sendPage(
      reply,
      400,
      <OfficeMessagePage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        title="Filtres incorrects"
        lead="La liste ne peut pas être affichée avec ces filtres."
      >
        <ul>
          {Object.entries(problems).map(([field, message]) => (
            <li>
              {FILTER_LABELS[field] ?? field} : {message}
            </li>
          ))}
        </ul>
        <a class="fr-btn fr-btn--secondary" href={LIST_PATH}>
          Voir toutes les inscriptions
        </a>
      </OfficeMessagePage>,
    );

  /** Runs `work` with the parsed filters; a filter the catalogue refuses gives the 400 page. */
  const withFilters = async (
    request: FastifyRequest,
    reply: FastifyReply,
    work: (
      staff: StaffMember,
      filters: ListFilters,
      page: number,
    ) => Promise<FastifyReply> | FastifyReply,
  ): Promise<FastifyReply> => {
    const staff = requireStaff(request);
    const query = listQuery.safeParse(request.query);
    if (!query.success) {
      const params = new Set(query.error.issues.map((i) => String(i.path[0] ?? '')));
      return badFilters(
        request,
        reply,
        staff,
        Object.fromEntries(
          [...params].map((p) => [FIELD_OF_PARAM[p] ?? p, 'Cette valeur n’est pas valide.']),
        ),
      );
    }
    try {
      return await work(staff, filtersOf(query.data), query.data.page ?? 1);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation')
        return badFilters(request, reply, staff, error.details.fieldErrors ?? {});
      throw error;
    }
  };

  app.get(LIST_PATH, (request, reply) =>
    withFilters(request, reply, async (staff, filters, page) =>
      sendPage(
        reply,
        200,
        <RegistrationListView
          ctx={pageContext(deps, request, reply)}
          staff={staff}
          list={await listRegistrations(ctx, { staff, filters, page })}
          filters={filters}
        />,
      ),
    ),
  );

  app.get(EXPORT_PATH, (request, reply) =>
    withFilters(request, reply, async (staff, filters) => {
      const found = await exportRegistrations(ctx, {
        staff,
        filters,
        clientAddress: request.ip,
      });
      return reply
        .code(200)
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="inscriptions-${parisDay(found.at)}.csv"`,
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Readable.from(csvText(found), { objectMode: false }));
    }),
  );
  return Promise.resolve();
};

/**
 * The file, a batch at a time: the stream asks for the next batch only when the client has
 * taken the previous one (a byte stream with its 16 KB high-water mark), so a slow download
 * holds one batch in memory, not the list.
 */
async function* csvText(found: RegistrationExport): AsyncGenerator<string> {
  yield csvHeader();
  for await (const batch of found.batches)
    yield batch.map((r) => csvRow(r, found.catalogue)).join('');
}
