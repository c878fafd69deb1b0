/**
 * The office (« espace gestionnaire »), every route under /gestion. The scope resolves the
 * staff member from the `candidat_gestion` cookie, refuses every route not marked
 * `officePublic` to a visitor without a staff session (303 to /gestion/connexion), and turns
 * a refusal of rights into a 403 page of the office. Handlers call `requireStaff` with their
 * own role or pôle requirement. CSRF is checked by the pages' scope, as for candidates.
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { readJournal } from '../../../domain/audit/journal.js';
import { DomainError } from '../../../domain/errors.js';
import { addStaff } from '../../../domain/staff/add-staff.js';
import { disableStaff, listStaff } from '../../../domain/staff/manage-staff.js';
import { reissueSetupLink } from '../../../domain/staff/reissue-setup-link.js';
import { currentStaff } from '../../../domain/staff/staff-session.js';
import { formFailure, parseForm, textField } from '../../form-handling.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { openUploadForOffice } from '../../../domain/documents/open-upload-for-office.js';
import { sendUpload } from '../documents/upload-response.js';
import { OfficeMessagePage } from './office-layout.js';
import { JournalView, OfficeHomePage, PersonnelPage } from './office.view.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { documentReviewRoutes } from './document-review.routes.js';
import { registrationListRoutes } from './registrations.routes.js';
import { catalogueRoutes } from './catalogue.routes.js';
import { officeRequestRoutes } from './requests.routes.js';
import { registrationFileRoutes } from './registration-file.routes.js';
import { retentionRoutes } from './retention.routes.js';
import { staffSignInRoutes } from './sign-in.routes.js';
import { OFFICE_SIGN_IN, STAFF_COOKIE, StaffSignInRequired, requireStaff } from './staff-guard.js';

const newStaffForm = z.object({
  name: textField,
  email: textField,
  role: textField.optional(),
  desks: z.union([textField, z.array(textField).max(50)]).optional(),
});
const staffParams = z.object({ id: z.uuid() });
const personnelNotices = z.object({
  ajout: z.string().optional(),
  desactivation: z.string().optional(),
  lien: z.string().optional(),
});
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).optional() });

export const officeRoutes: FastifyPluginAsync<{ deps: WebDeps }> = async (app, { deps }) => {
  const ctx = deps.staff;
  app.decorateRequest('staff', undefined);
  app.addHook('preHandler', async (request) => {
    request.staff = await currentStaff(ctx, request.cookies[STAFF_COOKIE]);
    if (!request.routeOptions.config.officePublic) requireStaff(request);
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof StaffSignInRequired) return reply.redirect(OFFICE_SIGN_IN, 303);
    if (error instanceof DomainError && error.code === 'forbidden')
      return sendPage(
        reply,
        403,
        <OfficeMessagePage
          ctx={pageContext(deps, request, reply)}
          staff={request.staff}
          title="Accès refusé"
          lead={error.message}
        >
          <a class="fr-btn fr-btn--secondary" href="/gestion">
            Retour à l’espace gestionnaire
          </a>
        </OfficeMessagePage>,
      );
    throw error; // every other failure gets the portal's error pages
  });

  await app.register(staffSignInRoutes, { deps });
  await app.register(documentReviewRoutes, { deps });
  await app.register(officeRequestRoutes, { deps });
  await app.register(catalogueRoutes, { deps });
  await app.register(dashboardRoutes, { deps });
  await app.register(registrationListRoutes, { deps });
  await app.register(registrationFileRoutes, { deps });
  await app.register(retentionRoutes, { deps });

  app.get('/gestion', (request, reply) => {
    const staff = requireStaff(request);
    return sendPage(
      reply,
      200,
      <OfficeHomePage ctx={pageContext(deps, request, reply)} staff={staff} />,
    );
  });

  // A candidate's file, for the pôle that handles the registration (and administrators).
  app.get('/gestion/justificatifs/:upload', async (request, reply) => {
    const p = z.object({ upload: z.uuid() }).safeParse(request.params);
    if (!p.success) return reply.callNotFound();
    const staff = requireStaff(request);
    const { upload, content } = await openUploadForOffice(deps.documents, {
      staff,
      uploadId: p.data.upload,
    });
    return sendUpload(reply, upload, content);
  });

  app.get('/gestion/personnel', async (request, reply) => {
    const staff = requireStaff(request, { role: 'admin' });
    const query = personnelNotices.safeParse(request.query).data ?? {};
    const notices = [
      query.ajout !== undefined &&
        'La personne a été ajoutée. Un courriel lui a été envoyé avec son lien d’activation, valable 24 heures.',
      query.desactivation !== undefined &&
        'L’accès a été désactivé. Ses connexions ont été fermées.',
      query.lien !== undefined &&
        'Un nouveau lien d’activation, valable 24 heures, a été envoyé par courriel. L’ancien mot de passe et l’ancienne application d’authentification ne fonctionnent plus.',
    ].filter((n): n is string => typeof n === 'string');
    return sendPage(
      reply,
      200,
      <PersonnelPage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        members={await listStaff(ctx)}
        notices={notices}
      />,
    );
  });

  app.post('/gestion/personnel', async (request, reply) => {
    const staff = requireStaff(request, { role: 'admin' });
    const form = parseForm(newStaffForm, request.body);
    const desks =
      form.desks === undefined ? [] : Array.isArray(form.desks) ? form.desks : [form.desks];
    try {
      await addStaff(ctx, {
        email: form.email,
        name: form.name,
        role: form.role ?? '',
        desks,
        actor: { kind: 'staff', id: staff.id },
        clientAddress: request.ip,
        mailLink: true,
      });
      return await reply.redirect('/gestion/personnel?ajout=1', 303);
    } catch (error) {
      const failure = formFailure(error, reply, ctx.clock.now());
      return sendPage(
        reply,
        failure.status,
        <PersonnelPage
          ctx={pageContext(deps, request, reply)}
          staff={staff}
          members={await listStaff(ctx)}
          alert={failure.alert}
          values={{ name: form.name, email: form.email.trim(), role: form.role ?? '', desks }}
          fieldErrors={failure.fieldErrors}
        />,
      );
    }
  });

  /**
   * An administrator's action on one member of the staff: done, back to the list with its
   * notice; refused, the list again with the reason.
   */
  const personnelAction = (
    action: string,
    notice: string,
    run: (
      memberId: string,
      actor: { kind: 'staff'; id: string },
      clientAddress: string,
    ) => Promise<unknown>,
  ): void => {
    app.post(`/gestion/personnel/:id/${action}`, async (request, reply) => {
      const staff = requireStaff(request, { role: 'admin' });
      const params = staffParams.safeParse(request.params);
      if (!params.success) return reply.callNotFound();
      try {
        await run(params.data.id, { kind: 'staff', id: staff.id }, request.ip);
        return await reply.redirect(`/gestion/personnel?${notice}=1`, 303);
      } catch (error) {
        const failure = formFailure(error, reply, ctx.clock.now());
        if (failure.status === 404) throw error;
        return sendPage(
          reply,
          failure.status,
          <PersonnelPage
            ctx={pageContext(deps, request, reply)}
            staff={staff}
            members={await listStaff(ctx)}
            alert={failure.alert}
          />,
        );
      }
    });
  };

  personnelAction('desactiver', 'desactivation', (staffId, actor, clientAddress) =>
    disableStaff(ctx, { staffId, actor, clientAddress }),
  );
  personnelAction('nouveau-lien', 'lien', (id, actor, clientAddress) =>
    reissueSetupLink(ctx, { staff: { id }, actor, clientAddress, mailLink: true }),
  );

  app.get('/gestion/journal', async (request, reply) => {
    const staff = requireStaff(request, { role: 'admin' });
    const query = pageQuery.safeParse(request.query);
    if (!query.success) return reply.callNotFound();
    const journal = await readJournal(ctx.journal, query.data.page ?? 1);
    const names = new Map((await listStaff(ctx)).map((m) => [m.id, m.name]));
    return sendPage(
      reply,
      200,
      <JournalView
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        journal={journal}
        names={names}
      />,
    );
  });
};
