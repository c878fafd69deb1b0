/** The states of a supporting document as the candidate reads them. */
import type { DocumentState } from '../documents/ports.js';

export type DocumentStateLabel = 'Attendu' | 'Transmis' | 'Validé' | 'Refusé' | 'Non concerné';

export const DOCUMENT_STATE_LABELS: Record<DocumentState, DocumentStateLabel> = {
  attendu: 'Attendu',
  transmis: 'Transmis',
  valide: 'Validé',
  refuse: 'Refusé',
  non_concerne: 'Non concerné',
};
