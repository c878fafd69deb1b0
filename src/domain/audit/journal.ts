/** The journal page's data: the latest audit entries, newest first, a page at a time. */
import type { AuditJournal, RecordedAuditEntry } from './ports.js';

export const JOURNAL_PAGE_SIZE = 50;

export interface JournalPage {
  entries: RecordedAuditEntry[];
  page: number;
  pageCount: number;
  total: number;
}

/** Page `page` (from 1) of the journal; a page past the end gives the last one. */
export async function readJournal(journal: AuditJournal, page: number): Promise<JournalPage> {
  const wanted = Number.isSafeInteger(page) && page >= 1 ? page : 1;
  let { entries, total } = await journal.latest(
    (wanted - 1) * JOURNAL_PAGE_SIZE,
    JOURNAL_PAGE_SIZE,
  );
  const pageCount = Math.max(1, Math.ceil(total / JOURNAL_PAGE_SIZE));
  let current = wanted;
  if (wanted > pageCount) {
    current = pageCount;
    ({ entries, total } = await journal.latest(
      (current - 1) * JOURNAL_PAGE_SIZE,
      JOURNAL_PAGE_SIZE,
    ));
  }
  return { entries, page: current, pageCount, total };
}
