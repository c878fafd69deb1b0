/**
 * The review of a registration's supporting documents (/gestion/inscriptions/:number/pieces):
 * the page, « Valider », « Refuser » and « Non concerné », and « Publier un document » (publish-document.routes.tsx,
 * the scope that accepts multipart). The rights check (the registration's pôle, or an
 * administrator) is in the use cases, inside their transactions; an unknown number or document
 * is a 404. A refused form shows the page again with its message and what was typed.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { acceptDocument } from '../../../domain/documents/review/accept-document.js';
import {
  REFUSAL_FIELDS,
  refuseDocument,
} from '../../../domain/documents/review/refuse-document.js';
import { DEADLINE_FIELDS } from '../../../domain/documents/review/reopening-deadline.js';
import { WAIVER_FIELD, waiveDocument } from '../../../domain/documents/review/waive-document.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import type { WebDeps } from '../../web-deps.js';
import { renderReview, reviewParams } from './document-review.page.js';
import { SEEN_FIELD, reviewPath } from './document-review.view.js';
import { publishDocumentRoutes } from './publish-document.routes.js';
import { requireStaff } from './staff-guard.js';

const documentParams = reviewParams.extend({
  document: z.string().regex(/^[A-Za-z0-9:._-]{1,120}$/),
});
// Every field optional: the use case says in French what is missing, after the rights check.
const decisionForm = z.object({
  [SEEN_FIELD]: textField.optional(),
  [REFUSAL_FIELDS.reason]: textField.optional(),
  [REFUSAL_FIELDS.text]: textField.optional(),
  [DEADLINE_FIELDS.date]: textField.optional(),
  [DEADLINE_FIELDS.time]: textField.optional(),
  [WAIVER_FIELD]: textField.optional(),
});
const noticesQuery = z.object({
  validee: z.string().optional(),
  refusee: z.string().optional(),
  publie: z.string().optional(),
  'non-concerne': z.string().optional(),
});

export const documentReviewRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (
  app,
  { deps },
) => {
  app.get('/gestion/inscriptions/:number/pieces', async (request, reply) => {
    const p = reviewParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const staff = requireStaff(request);
    const query = noticesQuery.safeParse(request.query).data ?? {};
    const notices = [
      query.validee !== undefined && 'La pièce a été validée.',
      query.refusee !== undefined &&
        'La pièce a été refusée. Le candidat en est informé par courriel et peut en déposer une nouvelle jusqu’à la date indiquée.',
      query['non-concerne'] !== undefined &&
        'La pièce est marquée « Non concerné » : le candidat n’a plus à la fournir et voit la raison indiquée.',
      query.publie !== undefined &&
        'Le document a été publié dans « Mes documents » du candidat, qui en est informé par courriel.',
    ].filter((n): n is string => typeof n === 'string');
    return renderReview(deps, request, reply, staff, p.data.number, 200, { notices });
  });

  app.post('/gestion/inscriptions/:number/pieces/:document/valider', async (request, reply) => {
    const p = documentParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const staff = requireStaff(request);
    const form = parseForm(decisionForm, request.body);
    try {
      await acceptDocument(deps.review, {
        staff,
        registrationNumber: p.data.number,
        documentKey: p.data.document,
        seen: form[SEEN_FIELD] ?? '',
        clientAddress: request.ip,
      });
      return await reply.redirect(`${reviewPath(p.data.number)}?validee=1`, 303);
    } catch (error) {
      const failure = formFailure(error, reply, deps.review.clock.now());
      if (failure.status === 404 || failure.status === 403) throw error;
      return renderReview(deps, request, reply, staff, p.data.number, failure.status, {
        alert: failure.alert,
      });
    }
  });

  app.post('/gestion/inscriptions/:number/pieces/:document/refuser', async (request, reply) => {
    const p = documentParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const staff = requireStaff(request);
    const form = parseForm(decisionForm, request.body);
    const typed = {
      reason: form[REFUSAL_FIELDS.reason] ?? '',
      text: form[REFUSAL_FIELDS.text] ?? '',
      deadline: { date: form[DEADLINE_FIELDS.date] ?? '', time: form[DEADLINE_FIELDS.time] ?? '' },
    };
    try {
      await refuseDocument(deps.review, {
        staff,
        registrationNumber: p.data.number,
        documentKey: p.data.document,
        seen: form[SEEN_FIELD] ?? '',
        ...typed,
        clientAddress: request.ip,
      });
      return await reply.redirect(`${reviewPath(p.data.number)}?refusee=1`, 303);
    } catch (error) {
      const failure = formFailure(error, reply, deps.review.clock.now());
      if (failure.status === 404 || failure.status === 403) throw error;
      return renderReview(
        deps,
        request,
        reply,
        staff,
        p.data.number,
        failure.status,
        failure.alert === undefined
          ? {
              refusal: {
                key: p.data.document,
                form: { ...typed, fieldErrors: failure.fieldErrors },
              },
            }
          : { alert: failure.alert },
      );
    }
  });

  app.post(
    '/gestion/inscriptions/:number/pieces/:document/non-concerne',
    async (request, reply) => {
      const p = documentParams.safeParse(request.params);
      if (!p.success) return reply.callNotFound();
      const staff = requireStaff(request);
      const form = parseForm(decisionForm, request.body);
      const reason = form[WAIVER_FIELD] ?? '';
      try {
        await waiveDocument(deps.review, {
          staff,
          registrationNumber: p.data.number,
          documentKey: p.data.document,
          seen: form[SEEN_FIELD] ?? '',
          reason,
          clientAddress: request.ip,
        });
        return await reply.redirect(`${reviewPath(p.data.number)}?non-concerne=1`, 303);
      } catch (error) {
        const failure = formFailure(error, reply, deps.review.clock.now());
        if (failure.status === 404 || failure.status === 403) throw error;
        return renderReview(
          deps,
          request,
          reply,
          staff,
          p.data.number,
          failure.status,
          failure.alert === undefined
            ? {
                waiver: {
                  key: p.data.document,
                  form: { reason, fieldErrors: failure.fieldErrors },
                },
              }
            : { alert: failure.alert },
        );
      }
    },
  );

  await app.register(publishDocumentRoutes, { deps });
};
