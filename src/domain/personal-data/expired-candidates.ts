/**
 * « Conservation des données »: the candidates whose data is past retention (see
 * retention.ts), oldest accounts first, a page at a time, with their number and the cutoff in
 * force, for the administrator who decides to delete them.
 */
import type { ExpiredCandidate, PersonalDataContext, RetentionCutoff } from './ports.js';
import { retentionCutoff } from './retention.js';

export const EXPIRED_PAGE_SIZE = 50;

export interface ExpiredCandidates {
  cutoff: RetentionCutoff;
  retentionMonths: number;
  total: number;
  page: number;
  pages: number;
  candidates: ExpiredCandidate[];
}

export async function expiredCandidates(
  ctx: PersonalDataContext,
  page: number,
): Promise<ExpiredCandidates> {
  const cutoff = retentionCutoff(ctx.clock.now(), ctx.retentionMonths);
  return ctx.store.transaction(async (unit) => {
    const total = await unit.data.countExpired(cutoff);
    const pages = Math.max(1, Math.ceil(total / EXPIRED_PAGE_SIZE));
    const shown = Math.min(Math.max(1, page), pages);
    return {
      cutoff,
      retentionMonths: ctx.retentionMonths,
      total,
      page: shown,
      pages,
      candidates: await unit.data.listExpired(
        cutoff,
        (shown - 1) * EXPIRED_PAGE_SIZE,
        EXPIRED_PAGE_SIZE,
      ),
    };
  });
}
