/**
 * « Demandes des candidats »: the requests of the staff member's pôles (every pôle for an
 * administrator), in one state, oldest first by default (the one waiting longest is the one to
 * treat next), a page at a time. Asking for a pôle one does not work is refused.
 */
import { DomainError } from '../errors.js';
import type { RequestState } from '../registrations/ports.js';
import type { StaffMember } from '../staff/ports.js';
import { hasRights } from '../staff/staff-rules.js';
import type { InboxLine, InboxOrder, OfficeRequestsContext } from './ports.js';

const INBOX_PAGE_SIZE = 50;

export interface InboxInput {
  staff: StaffMember;
  /** One pôle only; otherwise all of the staff member's. */
  desk?: string | undefined;
  state: RequestState;
  order: InboxOrder;
  /** From 1; a page past the end gives the last one. */
  page: number;
}

export interface InboxPage {
  lines: InboxLine[];
  page: number;
  pageCount: number;
  total: number;
}

export async function requestInbox(
  ctx: OfficeRequestsContext,
  input: InboxInput,
): Promise<InboxPage> {
  if (input.desk !== undefined && !hasRights(input.staff, { desk: input.desk }))
    throw new DomainError('forbidden', 'Vous n’êtes pas gestionnaire de ce pôle.');
  const desks =
    input.desk !== undefined
      ? [input.desk]
      : input.staff.role === 'admin'
        ? undefined
        : input.staff.desks;
  const wanted = Number.isSafeInteger(input.page) && input.page >= 1 ? input.page : 1;
  return ctx.store.transaction(async (unit) => {
    const read = (page: number): ReturnType<typeof unit.requests.inbox> =>
      unit.requests.inbox({
        desks,
        state: input.state,
        order: input.order,
        offset: (page - 1) * INBOX_PAGE_SIZE,
        limit: INBOX_PAGE_SIZE,
      });
    let { lines, total } = await read(wanted);
    const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
    const page = Math.min(wanted, pageCount);
    if (page !== wanted) ({ lines, total } = await read(page));
    return { lines, page, pageCount, total };
  });
}
