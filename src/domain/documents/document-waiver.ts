/**
 * « Non concerné » decided by the office: a document the candidate's answers require but which
 * does not apply to them (an exemption the office saw). It stays in the lists, with the
 * office's reason, but the candidate has nothing to provide for it: it is not missing, gets no
 * reminder and takes no file. A document merely no longer required by the answers is another
 * thing (`required` false, no reason).
 */
import type { DocumentStatus } from './ports.js';

export function isWaived(
  doc: Pick<DocumentStatus, 'required' | 'state' | 'waiverReason'>,
): boolean {
  return doc.required && doc.state === 'non_concerne' && doc.waiverReason !== null;
}

/**
 * A document the registration asks the candidate for: required by the answers and not waived.
 * What the candidate is told they must provide is counted on this (« Mes inscriptions »).
 */
export function isAsked(doc: Pick<DocumentStatus, 'required' | 'state' | 'waiverReason'>): boolean {
  return doc.required && !isWaived(doc);
}
