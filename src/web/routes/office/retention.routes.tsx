/**
 * « Conservation des données » (/gestion/conservation, administrators only): the candidates
 * past retention and their deletion. The deletion needs the box ticked and the number of
 * candidates shown: if the list changed meanwhile, nothing is deleted and the page says so.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { deleteExpiredData } from '../../../domain/personal-data/delete-expired-data.js';
import { expiredCandidates } from '../../../domain/personal-data/expired-candidates.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import {
  CONFIRMATION_FIELD,
  RETENTION_DELETE_PATH,
  RETENTION_PATH,
  RetentionPage,
} from './retention.view.js';
import { requireStaff } from './staff-guard.js';

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
  suppression: z.coerce.number().int().min(0).optional(),
});
const deleteForm = z.object({
  [CONFIRMATION_FIELD]: textField.optional(),
  nombre: z.string().regex(/^\d{1,9}$/),
});

export const retentionRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.personalData;

  app.get(RETENTION_PATH, async (request, reply) => {
    const staff = requireStaff(request, { role: 'admin' });
    const query = pageQuery.safeParse(request.query);
    if (!query.success) return reply.callNotFound();
    const deleted = query.data.suppression;
    return sendPage(
      reply,
      200,
      <RetentionPage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        expired={await expiredCandidates(ctx, query.data.page ?? 1)}
        notice={
          deleted === undefined
            ? undefined
            : `Les données de ${deleted === 1 ? '1 candidat ont' : `${deleted} candidats ont`} été supprimées.`
        }
      />,
    );
  });

  app.post(RETENTION_DELETE_PATH, async (request, reply) => {
    const staff = requireStaff(request, { role: 'admin' });
    const form = parseForm(deleteForm, request.body);
    const again = async (status: number, fields: { alert?: string; confirmationError?: string }) =>
      sendPage(
        reply,
        status,
        <RetentionPage
          ctx={pageContext(deps, request, reply)}
          staff={staff}
          expired={await expiredCandidates(ctx, 1)}
          {...fields}
        />,
      );
    if (form[CONFIRMATION_FIELD] !== 'oui')
      return again(422, {
        confirmationError: 'Cochez la case pour confirmer la suppression définitive.',
      });
    try {
      const result = await deleteExpiredData(ctx, {
        actor: { kind: 'staff', id: staff.id },
        clientAddress: request.ip,
        confirmedCount: Number(form.nombre),
      });
      return await reply.redirect(`${RETENTION_PATH}?suppression=${result.candidates}`, 303);
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      return again(failure.status, { alert: failure.alert });
    }
  });
  return Promise.resolve();
};
