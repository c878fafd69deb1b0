/**
 * Why the office refuses a document: the reasons offered on the review page, in the words the
 * candidate reads in the mail and in « Mes justificatifs ». « Autre » needs the office's own
 * text; any reason may be completed by it.
 */
export const REFUSAL_REASONS = [
  { code: 'illisible', label: 'Document illisible' },
  { code: 'incomplet', label: 'Document incomplet' },
  { code: 'expire', label: 'Document expiré' },
  { code: 'mauvaise-piece', label: 'Document ne correspondant pas à la pièce demandée' },
  { code: 'nom-different', label: 'Nom ne correspondant pas au candidat' },
  { code: 'autre', label: 'Autre' },
] as const;

export type RefusalReasonCode = (typeof REFUSAL_REASONS)[number]['code'];

/** The reason that is only the office's text. */
export const OTHER_REASON: RefusalReasonCode = 'autre';

/** The office's text after the reason: long enough for a precise instruction, no letter. */
export const MAX_REFUSAL_TEXT = 1000;

export function findRefusalReason(code: string): (typeof REFUSAL_REASONS)[number] | undefined {
  return REFUSAL_REASONS.find((r) => r.code === code);
}

/** What the candidate reads: « Document illisible : la photo est floue. », or the text alone for « Autre ». */
export function refusalText(code: RefusalReasonCode, text: string): string {
  const reason = findRefusalReason(code);
  if (code === OTHER_REASON || !reason) return text;
  return text ? `${reason.label} : ${text}` : reason.label;
}
