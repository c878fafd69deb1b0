/** « Mes justificatifs » rendered for a route: the page itself, or again with a refusal. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { myJustificatifs } from '../../../domain/documents/my-justificatifs.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { requireAccount } from '../registrations/wizard.routes.js';
import { JustificatifsPage } from './justificatifs.view.js';

export const registrationParams = z.object({ number: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });

export interface PageExtras {
  notices?: string[];
  alert?: string | undefined;
  fileErrors?: Record<string, string>;
}

/** Renders « Mes justificatifs » with `status`; an unknown or foreign registration is a 404. */
export async function renderJustificatifs(
  deps: WebDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  number: string,
  status: number,
  extras: PageExtras = {},
): Promise<FastifyReply> {
  const account = requireAccount(request);
  const mine = await myJustificatifs(deps.documents, {
    accountId: account.id,
    registrationNumber: number,
  });
  return sendPage(
    reply,
    status,
    <JustificatifsPage
      ctx={pageContext(deps, request, reply)}
      mine={mine}
      catalogue={deps.catalogue.current()}
      now={deps.documents.clock.now()}
      notices={extras.notices ?? []}
      alert={extras.alert}
      fileErrors={extras.fileErrors ?? {}}
    />,
  );
}
