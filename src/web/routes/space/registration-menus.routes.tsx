/**
 * The header's « Mes documents » and « Mes justificatifs » menus, which the notice tells
 * candidates to open. Each registration has its own pages for both; the menu leads straight
 * to them when the candidate has one registration (the usual case), and otherwise lists the
 * registrations to choose from. A candidate with none is told so, and where to register.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Registration } from '../../../domain/registrations/registration.js';
import { myRegistrations } from '../../../domain/registrations/my-registrations.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { justificatifsPath } from '../documents/justificatifs.view.js';
import { documentsPath } from '../receipts/my-documents.view.js';
import { ChooseRegistrationPage, type RegistrationMenu } from './registration-menus.view.js';

export const DOCUMENTS_MENU_PATH = '/mes-documents';
export const JUSTIFICATIFS_MENU_PATH = '/mes-justificatifs';

const MENUS: readonly (RegistrationMenu & { path: string })[] = [
  {
    path: DOCUMENTS_MENU_PATH,
    title: 'Mes documents',
    choose: 'Choisissez l’inscription dont vous voulez voir les documents :',
    empty:
      'Votre confirmation d’inscription et la liste de vos pièces justificatives apparaîtront ici une fois votre inscription enregistrée.',
    target: documentsPath,
  },
  {
    path: JUSTIFICATIFS_MENU_PATH,
    title: 'Mes justificatifs',
    choose: 'Choisissez l’inscription pour laquelle déposer vos pièces justificatives :',
    empty: 'Vous déposerez ici vos pièces justificatives une fois votre inscription enregistrée.',
    target: justificatifsPath,
  },
];

export const registrationMenuRoutes: FastifyPluginAsync<{ deps: WebDeps }> = (app, { deps }) => {
  for (const menu of MENUS) {
    app.get(menu.path, async (request, reply) => {
      if (!request.account) return reply.redirect('/connexion', 303);
      const { registrations } = await myRegistrations(deps.registrations, request.account.id);
      const only: Registration | undefined =
        registrations.length === 1 ? registrations[0] : undefined;
      if (only) return reply.redirect(menu.target(only.number), 303);
      return sendPage(
        reply,
        200,
        <ChooseRegistrationPage
          ctx={pageContext(deps, request, reply)}
          menu={menu}
          registrations={registrations}
          catalogue={deps.catalogue.current()}
        />,
      );
    });
  }
  return Promise.resolve();
};
