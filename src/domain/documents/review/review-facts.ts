/**
 * What the audit log keeps of a review: the document's key, its state and its reopening, and
 * for a refusal the reason's code. Never the office's free text: the log cannot be purged, and
 * that text may name the candidate or describe their papers.
 */
import type { DocumentStatus } from '../ports.js';

export function reviewFacts(
  doc: Pick<DocumentStatus, 'key' | 'state' | 'reopenedUntil'>,
  reasonCode?: string,
): Record<string, unknown> {
  return {
    document: doc.key,
    state: doc.state,
    reopenedUntil: doc.reopenedUntil?.toISOString() ?? null,
    ...(reasonCode ? { reason: reasonCode } : {}),
  };
}
