/**
 * When the office may accept, refuse, claim (« Réclamer la pièce ») or waive (« Non concerné »)
 * a document, or cancel its waiver. Accepting and refusing need a file to judge; claiming is
 * for the document that has none; a waived document is out of the three, and only a waived one
 * has a waiver to cancel. A document is
 * accepted once and refused once: a second click, or a form left open while a colleague
 * decided, is refused (409) instead of mailing the candidate twice. The form carries the
 * document's version as the page showed it (`versionOf`); a new file, a removal or another
 * decision changes it, and a decision taken on what is no longer there is refused too.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../errors.js';
import { formatParisDateTime } from '../../time/paris-time.js';
import { isWaived } from '../document-waiver.js';
import type { DocumentStatus, Upload } from '../ports.js';
import { isReopened } from '../upload-rules.js';

const WAIVED = 'Cette pièce est marquée « Non concerné » : le candidat n’a rien à fournir.';

export function acceptRefusal(doc: DocumentStatus, fileCount: number): string | undefined {
  if (doc.state === 'valide') return 'Cette pièce est déjà validée.';
  if (doc.state === 'non_concerne') return WAIVED;
  if (fileCount === 0) return 'Cette pièce n’a aucun fichier : elle ne peut pas être validée.';
  return undefined;
}

export function refuseRefusal(doc: DocumentStatus, fileCount: number): string | undefined {
  if (doc.state === 'non_concerne') return WAIVED;
  if (doc.state === 'refuse')
    return 'Cette pièce est déjà refusée et le candidat en a été prévenu : attendez son nouveau fichier.';
  if (fileCount === 0) return 'Cette pièce n’a aucun fichier : il n’y a rien à refuser.';
  return undefined;
}

/**
 * « Réclamer la pièce »: a document asked that has no file, and that the candidate cannot
 * provide on their own once the window is closed or the file declared complete (after a
 * correction by the office, or a waiver cancelled). Claimed once per reopening: while one
 * runs, a second click is refused instead of mailing twice; a refused document is already
 * reopened by its refusal.
 */
export function claimRefusal(
  doc: DocumentStatus,
  fileCount: number,
  now: Date,
): string | undefined {
  if (isWaived(doc)) return WAIVED;
  if (fileCount > 0) return 'Cette pièce a déjà un fichier : validez-la ou refusez-la.';
  if (doc.state === 'refuse')
    return 'Cette pièce est déjà refusée et le candidat en a été prévenu : attendez son nouveau fichier.';
  if (doc.reopenedUntil && isReopened(doc, now))
    return `Cette pièce est déjà rouverte au candidat jusqu’au ${formatParisDateTime(doc.reopenedUntil)} (heure de Paris) : attendez son fichier.`;
  return undefined;
}

/** « Non concerné » needs no file (the document does not apply); it is decided once. */
export function waiveRefusal(doc: DocumentStatus): string | undefined {
  if (doc.state === 'non_concerne') return 'Cette pièce est déjà marquée « Non concerné ».';
  return undefined;
}

/** « Annuler “Non concerné” »: only for a document the office waived. */
export function cancelWaiverRefusal(doc: DocumentStatus): string | undefined {
  if (!isWaived(doc))
    return 'Cette pièce n’est pas marquée « Non concerné » : il n’y a rien à annuler.';
  return undefined;
}

/**
 * The version of the document a form was made from, as the page writes it: its state, its last
 * change and its files. Two changes within one millisecond still differ by their files.
 */
export function versionOf(
  doc: Pick<DocumentStatus, 'state' | 'updatedAt'>,
  files: readonly Pick<Upload, 'id'>[],
): string {
  const facts = [doc.state, doc.updatedAt.toISOString(), ...files.map((f) => f.id)].join('\n');
  return createHash('sha256').update(facts).digest('hex').slice(0, 32);
}

export function assertDecidable(
  refusal: string | undefined,
  doc: DocumentStatus,
  files: readonly Pick<Upload, 'id'>[],
  seen: string,
): void {
  if (refusal) throw new DomainError('conflict', refusal);
  if (seen !== versionOf(doc, files))
    throw new DomainError(
      'conflict',
      `La pièce « ${doc.label} » a changé depuis l’affichage de la page (nouveau fichier, fichier supprimé ou décision d’un autre gestionnaire) : rien n’a été enregistré. Vérifiez-la à nouveau avant de décider.`,
    );
}
