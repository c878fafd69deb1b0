/**
 * What « Mes inscriptions » asks the candidate to look at, per registration: a document the
 * office refused (its reason, and until when a new file is accepted) or claimed (« Réclamer
 * la pièce »: its message, and until when it is accepted), a document the office
 * published that they have not opened, and the office's answers to their requests (while the
 * request is open, and for 30 days after it was closed). Three queries for the whole account,
 * however many registrations it has.
 */
import type {
  AnswerAction,
  RefusedDocumentAction,
  ReviewContext,
  UnseenDocumentAction,
} from '../documents/review/ports.js';

/** How long an answer stays on « Mes inscriptions » after its request was closed. */
export const ANSWER_SHOWN_FOR_MS = 30 * 86_400_000;

export interface PendingActions {
  refused: RefusedDocumentAction[];
  unseen: UnseenDocumentAction[];
  answers: AnswerAction[];
}

export async function pendingActions(
  ctx: ReviewContext,
  accountId: string,
): Promise<Map<string, PendingActions>> {
  const since = new Date(ctx.clock.now().getTime() - ANSWER_SHOWN_FOR_MS);
  const [refused, unseen, answers] = await ctx.store.read(async (unit) => [
    await unit.pending.refusedDocuments(accountId),
    await unit.pending.unseenDocuments(accountId),
    await unit.pending.answers(accountId, since),
  ]);
  const byRegistration = new Map<string, PendingActions>();
  const of = (id: string): PendingActions => {
    let actions = byRegistration.get(id);
    if (!actions) {
      actions = { refused: [], unseen: [], answers: [] };
      byRegistration.set(id, actions);
    }
    return actions;
  };
  for (const r of refused) of(r.registrationId).refused.push(r);
  for (const u of unseen) of(u.registrationId).unseen.push(u);
  for (const a of answers) of(a.registrationId).answers.push(a);
  return byRegistration;
}
