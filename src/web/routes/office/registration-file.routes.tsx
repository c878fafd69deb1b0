/**
 * The office's page of one registration (/gestion/inscriptions/:number) and its two actions,
 * « Écarter » and « Réintégrer ». The rights check (the registration's pôle, or an
 * administrator) is in the use cases; a number that is malformed or unknown is a 404.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { reinstate } from '../../../domain/office/reinstate.js';
import { registrationFile } from '../../../domain/office/registration-file.js';
import { SET_ASIDE_REASON_FIELD, setAside } from '../../../domain/office/set-aside.js';
import { listStaff } from '../../../domain/staff/manage-staff.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import {
  RegistrationFilePage,
  type RegistrationFilePageProps,
  registrationFilePath,
} from './registration-file.view.js';
import { requireStaff } from './staff-guard.js';

const numberParams = z.object({ number: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });
const notices = z.object({ ecartee: z.string().optional(), reintegree: z.string().optional() });
const setAsideForm = z.object({ [SET_ASIDE_REASON_FIELD]: textField.optional() });

export const registrationFileRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.registrationFile;

  /** The page, for `staff`, with what a refused form needs shown again. */
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffMember,
    number: string,
    status: number,
    extra: Pick<RegistrationFilePageProps, 'notices' | 'alert' | 'reason' | 'fieldErrors'> = {},
  ): Promise<FastifyReply> => {
    const file = await registrationFile(ctx, { staff, number });
    const staffNames = new Map((await listStaff(deps.staff)).map((m) => [m.id, m.name]));
    return sendPage(
      reply,
      status,
      <RegistrationFilePage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        file={file}
        staffNames={staffNames}
        {...extra}
      />,
    );
  };

  app.get('/gestion/inscriptions/:number', async (request, reply) => {
    const p = numberParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const staff = requireStaff(request);
    const query = notices.safeParse(request.query).data ?? {};
    return render(request, reply, staff, p.data.number, 200, {
      notices: [
        query.ecartee !== undefined && 'L’inscription a été écartée.',
        query.reintegree !== undefined && 'L’inscription a été réintégrée.',
      ].filter((n): n is string => typeof n === 'string'),
    });
  });

  app.post('/gestion/inscriptions/:number/ecarter', async (request, reply) => {
    const p = numberParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const staff = requireStaff(request);
    const reason = parseForm(setAsideForm, request.body)[SET_ASIDE_REASON_FIELD] ?? '';
    try {
      await setAside(ctx, { staff, number: p.data.number, reason, clientAddress: request.ip });
      return await reply.redirect(`${registrationFilePath(p.data.number)}?ecartee=1`, 303);
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      if (failure.status === 404 || failure.status === 403) throw error;
      return render(request, reply, staff, p.data.number, failure.status, {
        alert: failure.alert,
        reason,
        fieldErrors: failure.fieldErrors,
      });
    }
  });

  app.post('/gestion/inscriptions/:number/reintegrer', async (request, reply) => {
    const p = numberParams.safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const staff = requireStaff(request);
    try {
      await reinstate(ctx, { staff, number: p.data.number, clientAddress: request.ip });
      return await reply.redirect(`${registrationFilePath(p.data.number)}?reintegree=1`, 303);
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      if (failure.status === 404 || failure.status === 403) throw error;
      return render(request, reply, staff, p.data.number, failure.status, {
        alert: failure.alert,
      });
    }
  });
  return Promise.resolve();
};
