/**
 * Deletes the data of every candidate past retention (see retention.ts): the account and all
 * that hangs from it (registrations and their versions, documents, uploads, published
 * documents, requests and answers, drafts, sessions, links, mails), then the files' bytes.
 * From « Conservation des données » (an administrator, after an explicit confirmation) and
 * from `candidat purge-expired-data`.
 *
 * Accounts go by batches, each in one transaction that checks every account again (a candidate
 * who registered for a new session meanwhile is kept), queues the keys of its files, and writes
 * one `candidate.data_deleted` entry per account with counts only: the audit log stays, and
 * keeps ids, never personal values. The bytes go after the commit (removeQueuedFiles).
 */
import type { AuditActor } from '../audit/ports.js';
import { DomainError } from '../errors.js';
import type { DeletedCounts, PersonalDataContext } from './ports.js';
import { removeQueuedFiles } from './remove-queued-files.js';
import { retentionCutoff } from './retention.js';

const BATCH = 50;

export interface DeleteExpiredInput {
  actor: AuditActor;
  clientAddress?: string;
  /**
   * How many candidates the person was shown and confirmed: if the list has changed since,
   * nothing is deleted and they are asked to look again.
   */
  confirmedCount?: number;
  /** Only count: nothing is deleted, nothing is logged. */
  dryRun?: boolean;
}

export interface DeleteExpiredResult {
  /** Candidates deleted (or, in a dry run, that would be). */
  candidates: number;
  /** Totals over the candidates deleted. */
  deleted: DeletedCounts;
  /** Files removed from the file store, leftovers of an earlier run included. */
  filesRemoved: number;
}

export async function deleteExpiredData(
  ctx: PersonalDataContext,
  input: DeleteExpiredInput,
): Promise<DeleteExpiredResult> {
  const cutoff = retentionCutoff(ctx.clock.now(), ctx.retentionMonths);
  const deleted = noneDeleted();
  const total = await ctx.store.transaction((unit) => unit.data.countExpired(cutoff));
  if (input.confirmedCount !== undefined && input.confirmedCount !== total)
    throw new DomainError(
      'conflict',
      `La liste a changé depuis son affichage : ${total} candidat(s) sont maintenant concernés. Vérifiez-la, puis confirmez de nouveau.`,
    );
  if (input.dryRun) return { candidates: total, deleted, filesRemoved: 0 };

  let filesRemoved = (await removeQueuedFiles(ctx)).removed;
  let candidates = 0;
  // The cutoff is fixed for the whole run, so the set of accounts can only shrink while it
  // runs; a batch that deletes nothing (all kept meanwhile) ends it, which also bounds the loop.
  for (;;) {
    const done = await ctx.store.transaction(async (unit) => {
      const batch = await unit.data.listExpired(cutoff, 0, BATCH);
      const at = ctx.clock.now();
      let count = 0;
      for (const candidate of batch) {
        const result = await unit.data.deleteCandidate(candidate.accountId, cutoff);
        if (!result) continue;
        await unit.data.queueFileDeletions(result.storageKeys, at);
        await unit.audit.record({
          at,
          actor: input.actor,
          action: 'candidate.data_deleted',
          subject: { type: 'account', id: candidate.accountId },
          before: null,
          after: { ...result.counts },
          clientAddress: input.clientAddress,
        });
        add(deleted, result.counts);
        count += 1;
      }
      return { listed: batch.length, count };
    });
    candidates += done.count;
    filesRemoved += (await removeQueuedFiles(ctx)).removed;
    if (done.listed < BATCH || done.count === 0) break;
  }
  return { candidates, deleted, filesRemoved };
}

function noneDeleted(): DeletedCounts {
  return {
    registrations: 0,
    versions: 0,
    uploads: 0,
    publishedDocuments: 0,
    requests: 0,
    drafts: 0,
    sessions: 0,
    mails: 0,
  };
}

function add(total: DeletedCounts, counts: DeletedCounts): void {
  for (const key of Object.keys(total) as (keyof DeletedCounts)[]) total[key] += counts[key];
}
