/**
 * « Clore »: the request leaves the pôle's lists of work, with a last answer or without one
 * (the candidate then sees it closed, with the answers already given). Closed is final: no
 * answer and no change can follow.
 */
import type { StaffMember } from '../staff/ports.js';
import { catalogueFor, checkAnswer, recordAnswer } from './answer-request.js';
import type { OfficeRequestsContext } from './ports.js';
import { assertNotClosed, changedMeanwhile, requestForStaff } from './request-access.js';

export async function closeRequest(
  ctx: OfficeRequestsContext,
  input: {
    staff: StaffMember;
    requestId: string;
    /** A last answer, mailed like any other; empty for none. */
    answer: string;
    clientAddress?: string | undefined;
  },
): Promise<void> {
  const text = checkAnswer(input.answer, false);
  const catalogue = catalogueFor(ctx);
  await ctx.store.transaction(async (unit) => {
    const request = await requestForStaff(unit, input.staff, input.requestId);
    assertNotClosed(request);
    if (text)
      await recordAnswer(ctx, unit, {
        request,
        staff: input.staff,
        text,
        catalogue,
        clientAddress: input.clientAddress,
      });
    const now = ctx.clock.now();
    if (!(await unit.requests.close(request.id, now))) throw changedMeanwhile();
    await unit.audit.record({
      at: now,
      actor: { kind: 'staff', id: input.staff.id },
      action: 'request.closed',
      subject: { type: 'registration', id: request.registrationId },
      before: { request: request.id, state: text ? 'answered' : request.state },
      after: { request: request.id, state: 'closed' },
      clientAddress: input.clientAddress,
    });
  });
}
