/**
 * The catalogue, for administrators only (a gestionnaire gets 403, a visitor the sign-in):
 * the overview, the export in the import's format, and the edits — windows and pôles by form,
 * the whole catalogue as YAML. Every edit goes through `editCatalogue` (the import's
 * validation, confirmation of changes candidates feel at once, audit log, reload).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type CatalogueEditResult,
  editCatalogue,
} from '../../../domain/catalogue/edit-catalogue.js';
import { editDesk } from '../../../domain/catalogue/edit-desk.js';
import { editWindow } from '../../../domain/catalogue/edit-window.js';
import {
  type ExportedCatalogue,
  exportCatalogue,
} from '../../../domain/catalogue/export-catalogue.js';
import type { CatalogueError } from '../../../domain/catalogue/catalogue-file.js';
import type { Catalogue } from '../../../domain/catalogue/catalogue.js';
import { DomainError } from '../../../domain/errors.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { parseForm, textField } from '../../form-handling.js';
import { STATUS_OF } from '../../plugins/error-pages.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import {
  DesksPage,
  type DeskValues,
  type FailedForm,
  type WindowValues,
  WindowsPage,
} from './catalogue-forms.view.js';
import {
  CATALOGUE_PATH,
  CatalogueOverviewPage,
  CatalogueYamlPage,
  ConfirmationPage,
} from './catalogue.view.js';
import { requireStaff } from './staff-guard.js';

const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/)
  .max(100);
const windowParams = z.object({ session: code, exam: code });
const deskParams = z.object({ desk: code });
const confirmation = z.literal('1').optional();

const windowForm = z.object({
  ouverture_date: textField,
  ouverture_heure: textField,
  cloture_date: textField,
  cloture_heure: textField,
  avant: textField,
  confirmer: confirmation,
});
const deskForm = z.object({ nom: textField, telephones: textField, courriel: textField });
/** The YAML page posts the whole catalogue: far more than the pages' 32 KB of form. */
const YAML_BODY_LIMIT = 512 * 1024;
const yamlForm = z.object({
  texte: z.string().max(YAML_BODY_LIMIT),
  revision: textField,
  confirmer: confirmation,
  revenir: confirmation,
});
const notices = z.object({ enregistre: z.string().optional(), inchange: z.string().optional() });

/**
 * A use case's refusal, shown on the form it came from (a window changed meanwhile: 409; a code
 * still in use: 422); anything else, a missing entry included, goes to the error pages.
 */
function refusal(error: unknown): { status: number; message: string } {
  if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
  return { status: STATUS_OF[error.code], message: error.message };
}

/** An edit's answer other than `invalid`, which each edit tells in its own way. */
type EditAnswer = Exclude<CatalogueEditResult, { kind: 'invalid' }>;

/**
 * How a form of one entry (a window, a pôle) shows a refusal: the page again with what was
 * typed in that entry's form, the loader's reasons on its fields or the use case's above it.
 */
function formRefusals<V, F extends string>(
  page: (status: number, failed: FailedForm<V, F>) => Promise<FastifyReply>,
  key: string,
  values: V,
): {
  invalid: (result: {
    fieldErrors: FailedForm<V, F>['fieldErrors'];
    otherErrors: string[];
  }) => Promise<FastifyReply>;
  refused: (status: number, message: string) => Promise<FastifyReply>;
} {
  return {
    invalid: (result) =>
      page(422, { key, values, fieldErrors: result.fieldErrors, alerts: result.otherErrors }),
    refused: (status, message) => page(status, { key, values, fieldErrors: {}, alerts: [message] }),
  };
}

function noticeOf(request: FastifyRequest): 'saved' | 'unchanged' | undefined {
  const query = notices.safeParse(request.query).data ?? {};
  if (query.enregistre !== undefined) return 'saved';
  if (query.inchange !== undefined) return 'unchanged';
  return undefined;
}

/** Phones as typed in one field: separated by commas, semicolons or new lines. */
function phonesOf(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export const catalogueRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  const ctx = deps.catalogueEditing;
  const admin = (request: FastifyRequest): StaffMember => requireStaff(request, { role: 'admin' });
  const actor = (staff: StaffMember) => ({ kind: 'staff' as const, id: staff.id });
  const exported = async (): Promise<ExportedCatalogue> => {
    const found = await exportCatalogue(ctx);
    if (!found)
      throw new DomainError(
        'not_found',
        'Aucun catalogue n’est enregistré : importez-en un avec « candidat catalogue import ».',
      );
    return found;
  };
  const stored = async (): Promise<Catalogue> => (await exported()).catalogue;
  const done = (reply: FastifyReply, page: string, kind: 'saved' | 'unchanged', anchor = '') =>
    reply.redirect(`${page}?${kind === 'saved' ? 'enregistre' : 'inchange'}=1${anchor}`, 303);

  /**
   * The shape every edit's post answers in: saved or unchanged, back to `back` with its
   * notice; changes candidates feel at once, the confirmation page, which posts the form again
   * with `confirmer=1`; invalid, or refused by the use case, the form again with why.
   */
  const confirmThenSave = async <I extends { kind: 'invalid' }>(
    request: FastifyRequest,
    reply: FastifyReply,
    edit: {
      staff: StaffMember;
      run: () => Promise<EditAnswer | I>;
      back: { page: string; anchor?: string };
      /** Where the confirmation posts, what it posts again, and where it cancels to. */
      confirmation?: Omit<
        Parameters<typeof ConfirmationPage>[0],
        'ctx' | 'staff' | 'confirmations'
      >;
      invalid: (result: I) => FastifyReply | Promise<FastifyReply>;
      refused: (status: number, message: string) => FastifyReply | Promise<FastifyReply>;
    },
  ): Promise<FastifyReply> => {
    try {
      const result = await edit.run();
      switch (result.kind) {
        case 'saved':
        case 'unchanged':
          return await done(reply, edit.back.page, result.kind, edit.back.anchor);
        case 'confirm':
          if (!edit.confirmation) throw new Error('an edit without confirmation asked for one');
          return sendPage(
            reply,
            200,
            <ConfirmationPage
              ctx={pageContext(deps, request, reply)}
              staff={edit.staff}
              confirmations={result.confirmations}
              {...edit.confirmation}
            />,
          );
        case 'invalid':
          return await edit.invalid(result);
      }
    } catch (error) {
      const { status, message } = refusal(error);
      return edit.refused(status, message);
    }
  };

  app.get(CATALOGUE_PATH, async (request, reply) => {
    const staff = admin(request);
    const found = await exportCatalogue(ctx);
    return sendPage(
      reply,
      200,
      <CatalogueOverviewPage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        catalogue={found?.catalogue}
        now={ctx.clock.now()}
        notice={noticeOf(request)}
      />,
    );
  });

  app.get(`${CATALOGUE_PATH}/export`, async (request, reply) => {
    admin(request);
    const { text } = await exported();
    return reply
      .code(200)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'attachment; filename="catalogue.yaml"')
      .type('application/yaml; charset=utf-8')
      .send(text);
  });

  // ------------------------------------------------------------------ windows

  const windowsPath = `${CATALOGUE_PATH}/fenetres`;

  app.get(windowsPath, async (request, reply) => {
    const staff = admin(request);
    return sendPage(
      reply,
      200,
      <WindowsPage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        catalogue={await stored()}
        now={ctx.clock.now()}
        notice={noticeOf(request)}
      />,
    );
  });

  app.post(`${windowsPath}/:session/:exam`, async (request, reply) => {
    const staff = admin(request);
    const params = windowParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const { session, exam } = params.data;
    const form = parseForm(windowForm, request.body);
    const values: WindowValues = {
      opensDate: form.ouverture_date,
      opensTime: form.ouverture_heure,
      closesDate: form.cloture_date,
      closesTime: form.cloture_heure,
    };
    const key = `fenetre-${session}-${exam}`;
    const page = async (
      status: number,
      failed: Parameters<typeof WindowsPage>[0]['failed'],
    ): Promise<FastifyReply> =>
      sendPage(
        reply,
        status,
        <WindowsPage
          ctx={pageContext(deps, request, reply)}
          staff={staff}
          catalogue={await stored()}
          now={ctx.clock.now()}
          failed={failed}
        />,
      );
    return confirmThenSave(request, reply, {
      staff,
      run: () =>
        editWindow(ctx, {
          sessionCode: session,
          examCode: exam,
          opens: { date: form.ouverture_date, time: form.ouverture_heure },
          closes: { date: form.cloture_date, time: form.cloture_heure },
          shown: form.avant,
          confirmed: form.confirmer === '1',
          actor: actor(staff),
          clientAddress: request.ip,
        }),
      back: { page: windowsPath, anchor: `#${key}` },
      confirmation: {
        action: `${windowsPath}/${session}/${exam}`,
        fields: {
          ouverture_date: form.ouverture_date,
          ouverture_heure: form.ouverture_heure,
          cloture_date: form.cloture_date,
          cloture_heure: form.cloture_heure,
          avant: form.avant,
        },
        cancelHref: `${windowsPath}#${key}`,
      },
      ...formRefusals(page, key, values),
    });
  });

  // ------------------------------------------------------------------ pôles

  const desksPath = `${CATALOGUE_PATH}/poles`;

  app.get(desksPath, async (request, reply) => {
    const staff = admin(request);
    return sendPage(
      reply,
      200,
      <DesksPage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        catalogue={await stored()}
        notice={noticeOf(request)}
      />,
    );
  });

  app.post(`${desksPath}/:desk`, async (request, reply) => {
    const staff = admin(request);
    const params = deskParams.safeParse(request.params);
    if (!params.success) return reply.callNotFound();
    const form = parseForm(deskForm, request.body);
    const values: DeskValues = { name: form.nom, phones: form.telephones, email: form.courriel };
    const key = `pole-${params.data.desk}`;
    const page = async (
      status: number,
      failed: Parameters<typeof DesksPage>[0]['failed'],
    ): Promise<FastifyReply> =>
      sendPage(
        reply,
        status,
        <DesksPage
          ctx={pageContext(deps, request, reply)}
          staff={staff}
          catalogue={await stored()}
          failed={failed}
        />,
      );
    return confirmThenSave(request, reply, {
      staff,
      run: () =>
        editDesk(ctx, {
          code: params.data.desk,
          name: form.nom,
          phones: phonesOf(form.telephones),
          email: form.courriel,
          actor: actor(staff),
          clientAddress: request.ip,
        }),
      back: { page: desksPath, anchor: `#${key}` },
      ...formRefusals(page, key, values),
    });
  });

  // ------------------------------------------------------------------ the whole catalogue

  const yamlPath = `${CATALOGUE_PATH}/yaml`;

  app.get(yamlPath, async (request, reply) => {
    const staff = admin(request);
    const { text, revision } = await exported();
    return sendPage(
      reply,
      200,
      <CatalogueYamlPage
        ctx={pageContext(deps, request, reply)}
        staff={staff}
        text={text}
        revision={revision}
      />,
    );
  });

  app.post(yamlPath, { bodyLimit: YAML_BODY_LIMIT }, async (request, reply) => {
    const staff = admin(request);
    const form = parseForm(yamlForm, request.body);
    // Browsers send a text area's new lines as CR LF; the text is kept as typed otherwise.
    const text = form.texte.replace(/\r\n/g, '\n');
    const page = (status: number, alert?: string, errors?: CatalogueError[]): FastifyReply =>
      sendPage(
        reply,
        status,
        <CatalogueYamlPage
          ctx={pageContext(deps, request, reply)}
          staff={staff}
          text={text}
          revision={form.revision}
          alert={alert}
          errors={errors}
        />,
      );
    if (form.revenir === '1') return page(200);
    return confirmThenSave(request, reply, {
      staff,
      run: () =>
        editCatalogue(ctx, {
          edit: () => text,
          revision: form.revision,
          confirmed: form.confirmer === '1',
          action: 'catalogue.edited',
          actor: actor(staff),
          clientAddress: request.ip,
        }),
      back: { page: CATALOGUE_PATH },
      confirmation: {
        action: yamlPath,
        fields: { texte: text, revision: form.revision },
        cancelHref: CATALOGUE_PATH,
        back: 'Revenir au texte',
      },
      invalid: (result) => page(422, undefined, result.errors),
      refused: (status, message) => page(status, message),
    });
  });

  return Promise.resolve();
};
