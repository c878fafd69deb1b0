/**
 * The review of a registration's supporting documents (/gestion/inscriptions/:number/pieces):
 * the page, « Valider », « Refuser », « Réclamer la pièce », « Non concerné » and its
 * cancellation, and « Publier un document » (publish-document.routes.tsx, the scope that
 * accepts multipart). Every decision goes through `decide`. The rights check (the
 * registration's pôle, or an administrator) is in the use cases, inside their transactions; an
 * unknown number or document is a 404. A refused form shows the page again with its message and what was typed.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { acceptDocument } from '../../../domain/documents/review/accept-document.js';
import { cancelWaiver } from '../../../domain/documents/review/cancel-waiver.js';
import { claimDocument } from '../../../domain/documents/review/claim-document.js';
import {
  REFUSAL_FIELDS,
  refuseDocument,
} from '../../../domain/documents/review/refuse-document.js';
import { DEADLINE_FIELDS } from '../../../domain/documents/review/reopening-deadline.js';
import { OFFICE_TEXT_FIELD } from '../../../domain/documents/review/reopening-form.js';
import { WAIVER_FIELD, waiveDocument } from '../../../domain/documents/review/waive-document.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import type { WebDeps } from '../../web-deps.js';
import { type ReviewExtras, renderReview, reviewParams } from './document-review.page.js';
import { SEEN_FIELD, reviewPath } from './document-review.view.js';
import { publishDocumentRoutes } from './publish-document.routes.js';
import { requireStaff } from './staff-guard.js';
import type { StaffMember } from '../../../domain/staff/ports.js';

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
  reclamee: z.string().optional(),
  publie: z.string().optional(),
  'non-concerne': z.string().optional(),
  'non-concerne-annule': z.string().optional(),
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
      query.reclamee !== undefined &&
        'La pièce est réclamée au candidat. Il en est informé par courriel et peut la déposer jusqu’à la date indiquée.',
      query['non-concerne'] !== undefined &&
        'La pièce est marquée « Non concerné » : le candidat n’a plus à la fournir et voit la raison indiquée.',
      query['non-concerne-annule'] !== undefined &&
        '« Non concerné » est annulé : la pièce est de nouveau demandée au candidat.',
      query.publie !== undefined &&
        'Le document a été publié dans « Mes documents » du candidat, qui en est informé par courriel.',
    ].filter((n): n is string => typeof n === 'string');
    return renderReview(deps, request, reply, staff, p.data.number, 200, { notices });
  });

  app.post('/gestion/inscriptions/:number/pieces/:document/valider', (request, reply) =>
    decide(deps, request, reply, 'validee', (decision) => ({
      run: () => acceptDocument(deps.review, decision),
    })),
  );

  app.post('/gestion/inscriptions/:number/pieces/:document/refuser', (request, reply) =>
    decide(deps, request, reply, 'refusee', (decision, form) => {
      const typed = {
        reason: form[REFUSAL_FIELDS.reason] ?? '',
        text: form[REFUSAL_FIELDS.text] ?? '',
        deadline: {
          date: form[DEADLINE_FIELDS.date] ?? '',
          time: form[DEADLINE_FIELDS.time] ?? '',
        },
      };
      return {
        run: () => refuseDocument(deps.review, { ...decision, ...typed }),
        again: (key, fieldErrors) => ({ refusal: { key, form: { ...typed, fieldErrors } } }),
      };
    }),
  );

  app.post('/gestion/inscriptions/:number/pieces/:document/reclamer', (request, reply) =>
    decide(deps, request, reply, 'reclamee', (decision, form) => {
      const typed = {
        text: form[OFFICE_TEXT_FIELD] ?? '',
        deadline: {
          date: form[DEADLINE_FIELDS.date] ?? '',
          time: form[DEADLINE_FIELDS.time] ?? '',
        },
      };
      return {
        run: () => claimDocument(deps.review, { ...decision, ...typed }),
        again: (key, fieldErrors) => ({ claim: { key, form: { ...typed, fieldErrors } } }),
      };
    }),
  );

  app.post('/gestion/inscriptions/:number/pieces/:document/non-concerne', (request, reply) =>
    decide(deps, request, reply, 'non-concerne', (decision, form) => {
      const reason = form[WAIVER_FIELD] ?? '';
      return {
        run: () => waiveDocument(deps.review, { ...decision, reason }),
        again: (key, fieldErrors) => ({ waiver: { key, form: { reason, fieldErrors } } }),
      };
    }),
  );

  app.post(
    '/gestion/inscriptions/:number/pieces/:document/annuler-non-concerne',
    (request, reply) =>
      decide(deps, request, reply, 'non-concerne-annule', (decision) => ({
        run: () => cancelWaiver(deps.review, decision),
      })),
  );

  await app.register(publishDocumentRoutes, { deps });
};

interface Decision {
  staff: StaffMember;
  registrationNumber: string;
  documentKey: string;
  seen: string;
  clientAddress: string;
}

/** How to run a decision and, for one with fields, the page again with what was typed. */
interface DecisionRun {
  run(): Promise<unknown>;
  again?(documentKey: string, fieldErrors: Record<string, string>): ReviewExtras;
}

/**
 * Every decision on one document has this shape: the document from the address, the staff
 * member, the form; the use case; then the review page with the decision's notice, or the page
 * again with the refusal's status and, for a decision with fields, what was typed and the
 * errors. An unknown registration or document (404) and another pôle's (403) are the office's
 * own pages.
 */
async function decide(
  deps: WebDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  notice: 'validee' | 'refusee' | 'reclamee' | 'non-concerne' | 'non-concerne-annule',
  make: (decision: Decision, form: z.infer<typeof decisionForm>) => DecisionRun,
): Promise<FastifyReply> {
  const p = documentParams.safeParse(request.params);
  if (!p.success) {
    reply.callNotFound();
    return reply;
  }
  const staff = requireStaff(request);
  const form = parseForm(decisionForm, request.body);
  const decision: Decision = {
    staff,
    registrationNumber: p.data.number,
    documentKey: p.data.document,
    seen: form[SEEN_FIELD] ?? '',
    clientAddress: request.ip,
  };
  const made = make(decision, form);
  try {
    await made.run();
    return await reply.redirect(`${reviewPath(p.data.number)}?${notice}=1`, 303);
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
      failure.alert === undefined && made.again
        ? made.again(p.data.document, failure.fieldErrors)
        : { alert: failure.alert },
    );
  }
}
