/** The review page rendered for a route: the page itself, or again with a refused form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { documentsForReview } from '../../../domain/documents/review/documents-for-review.js';
import { defaultReopeningDeadline } from '../../../domain/documents/review/reopening-deadline.js';
import type { StaffMember } from '../../../domain/staff/ports.js';
import { pageContext } from '../../plugins/page-context.js';
import { sendPage } from '../../render.js';
import type { WebDeps } from '../../web-deps.js';
import { ReviewPage, type ReviewPageProps } from './document-review.view.js';

export const reviewParams = z.object({ number: z.string().regex(/^[A-Za-z0-9-]{1,40}$/) });

export type ReviewExtras = Pick<
  ReviewPageProps,
  'notices' | 'alert' | 'refusal' | 'claim' | 'waiver' | 'publish'
>;

/** The review page of `number` for `staff`, with `status` and what a refused form needs. */
export async function renderReview(
  deps: WebDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  staff: StaffMember,
  number: string,
  status: number,
  extras: ReviewExtras = {},
): Promise<FastifyReply> {
  const review = await documentsForReview(deps.review, { staff, registrationNumber: number });
  return sendPage(
    reply,
    status,
    <ReviewPage
      ctx={pageContext(deps, request, reply)}
      staff={staff}
      review={review}
      catalogue={deps.catalogue.current()}
      defaultDeadline={defaultReopeningDeadline(deps.review.clock.now())}
      maxUploadBytes={deps.review.maxUploadBytes}
      {...extras}
    />,
  );
}
