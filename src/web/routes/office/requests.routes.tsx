/**
 * The pôles' inbox of candidates' requests (/gestion/demandes) and one request with its
 * actions: « Répondre », « Appliquer » (the address, or the corrected identity), « Clore ».
 * Rights are the request's pôle (administrators: all), checked by the use cases on the stored
 * request; an id that is not a UUID is a page that does not exist. A refused action shows the
 * request again with the reason (422 for a field, 409 when the request no longer allows it).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { answerRequest } from '../../../domain/office-requests/answer-request.js';
import { applyAddressChange } from '../../../domain/office-requests/apply-address-change.js';
import { closeRequest } from '../../../domain/office-requests/close-request.js';
import { correctIdentity } from '../../../domain/office-requests/correct-identity.js';
import { requestDetail } from '../../../domain/office-requests/request-detail.js';
import { requestInbox } from '../../../domain/office-requests/request-inbox.js';
import { DomainError } from '../../../domain/errors.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import {
  INBOX_PATH,
  ORDER_PARAMS,
  RequestInboxPage,
  RequestPage,
  type RequestPageProps,
  STATE_PARAMS,
  requestPath,
} from './requests.view.js';
import { requireStaff } from './staff-guard.js';

const inboxQuery = z.object({
  etat: z.enum(Object.keys(STATE_PARAMS) as [keyof typeof STATE_PARAMS]).optional(),
  ordre: z.enum(Object.keys(ORDER_PARAMS) as [keyof typeof ORDER_PARAMS]).optional(),
  /** Empty: every pôle of the staff member (the filter's « Tous mes pôles »). */
  pole: z.union([z.literal(''), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)]).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
});
const idParams = z.object({ id: z.uuid() });
const answerForm = z.object({ answer: textField.optional() });
const closeForm = z.object({ finalAnswer: textField.optional() });
const identityForm = z.object({
  birthName: textField.optional(),
  usageName: textField.optional(),
  firstNames: textField.optional(),
  sex: textField.optional(),
  birthDate: textField.optional(),
  birthCommune: textField.optional(),
  birthCountry: textField.optional(),
  nationality: textField.optional(),
});

/** What the request's page says after an action, by the `fait` query parameter. */
const DONE_NOTICES = {
  reponse: 'Votre réponse a été enregistrée et envoyée au candidat par courriel.',
  changement:
    'Le changement a été appliqué : chaque inscription concernée a une nouvelle version, et le candidat en a été averti par courriel.',
  cloture: 'La demande est close.',
} as const;
const doneQuery = z.object({
  fait: z.enum(Object.keys(DONE_NOTICES) as [keyof typeof DONE_NOTICES]).optional(),
});

export const officeRequestRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.officeRequests;

  app.get(INBOX_PATH, async (request, reply) => {
    const staff = requireStaff(request);
    const query = inboxQuery.safeParse(request.query);
    if (!query.success) return reply.callNotFound();
    const filters = {
      state: STATE_PARAMS[query.data.etat ?? 'a-traiter'],
      order: ORDER_PARAMS[query.data.ordre ?? 'anciennes'],
      desk: query.data.pole || undefined,
    };
    const inbox = await requestInbox(ctx, { staff, ...filters, page: query.data.page ?? 1 });
    return sendPage(
      reply,
      200,
      <RequestInboxPage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        inbox={inbox}
        filters={filters}
        now={ctx.clock.now()}
      />,
    );
  });

  /** The request's page, after an action or with the refusal of one. */
  const showRequest = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffMember,
    requestId: string,
    status: number,
    extra: Pick<RequestPageProps, 'notices' | 'alert' | 'errors' | 'values'>,
  ): Promise<FastifyReply> =>
    sendPage(
      reply,
      status,
      <RequestPage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        detail={await requestDetail(ctx, { staff, requestId })}
        catalogue={ctx.catalogue()}
        {...extra}
      />,
    );

  app.get(`${INBOX_PATH}/:id`, async (request, reply) => {
    const staff = requireStaff(request);
    const params = idParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const done = doneQuery.safeParse(request.query).data?.fait;
    return showRequest(request, reply, staff, params.data.id, 200, {
      notices: done ? [DONE_NOTICES[done]] : [],
    });
  });

  /**
   * A refused action: the request's page again, with the reason and what was typed. A request
   * that does not exist, or of another pôle, is refused as a page (404, 403) whatever the action.
   */
  const refused = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffMember,
    requestId: string,
    error: unknown,
    values: Record<string, string>,
    fieldName: (field: string) => string = (field) => field,
  ): Promise<FastifyReply> => {
    const failure = formFailure(error, reply, ctx.clock.now());
    if (failure.status === 404 || failure.status === 403) throw error;
    return showRequest(request, reply, staff, requestId, failure.status, {
      notices: [],
      alert: failure.alert,
      errors: Object.fromEntries(
        Object.entries(failure.fieldErrors).map(([field, message]) => [fieldName(field), message]),
      ),
      values,
    });
  };
  const done = (reply: FastifyReply, requestId: string, what: keyof typeof DONE_NOTICES) =>
    reply.redirect(`${requestPath(requestId)}?fait=${what}`, 303);

  app.post(`${INBOX_PATH}/:id/repondre`, async (request, reply) => {
    const staff = requireStaff(request);
    const params = idParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const answer = parseForm(answerForm, request.body).answer ?? '';
    try {
      await answerRequest(ctx, {
        staff,
        requestId: params.data.id,
        answer,
        clientAddress: request.ip,
      });
    } catch (error) {
      return refused(request, reply, staff, params.data.id, error, { answer });
    }
    return done(reply, params.data.id, 'reponse');
  });

  // The address asked for, or the identity as the gestionnaire corrected it in the form.
  app.post(`${INBOX_PATH}/:id/appliquer`, async (request, reply) => {
    const staff = requireStaff(request);
    const params = idParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const requestId = params.data.id;
    const fields = parseForm(identityForm, request.body);
    const values = Object.fromEntries(
      Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined),
    );
    try {
      const { kind } = (await requestDetail(ctx, { staff, requestId })).request;
      if (kind === 'address')
        await applyAddressChange(ctx, { staff, requestId, clientAddress: request.ip });
      else if (kind === 'identity')
        await correctIdentity(ctx, { staff, requestId, fields: values, clientAddress: request.ip });
      else throw new DomainError('conflict', 'Une question n’a pas de changement à appliquer.');
    } catch (error) {
      return refused(request, reply, staff, requestId, error, {
        ...values,
        birthName: values.birthName ?? '',
      });
    }
    return done(reply, requestId, 'changement');
  });

  app.post(`${INBOX_PATH}/:id/clore`, async (request, reply) => {
    const staff = requireStaff(request);
    const params = idParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const finalAnswer = parseForm(closeForm, request.body).finalAnswer ?? '';
    try {
      await closeRequest(ctx, {
        staff,
        requestId: params.data.id,
        answer: finalAnswer,
        clientAddress: request.ip,
      });
    } catch (error) {
      return refused(request, reply, staff, params.data.id, error, { finalAnswer }, (field) =>
        field === 'answer' ? 'finalAnswer' : field,
      );
    }
    return done(reply, params.data.id, 'cloture');
  });

  return Promise.resolve();
};
