/** The French words for requests, shared by the candidate's pages, the office's and the mails. */
import type { RequestKind, RequestState } from '../registrations/ports.js';

/** As a title: « Correction d’état civil ». */
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  identity: 'Correction d’état civil',
  address: 'Changement d’adresse',
  question: 'Question',
};

/** Inside a sentence: « votre demande de correction d’état civil ». */
export const REQUEST_KIND_NOUNS: Record<RequestKind, string> = {
  identity: 'correction d’état civil',
  address: 'changement d’adresse',
  question: 'question',
};

/** The office's words for the states, as its inbox filters them. */
export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  open: 'À traiter',
  answered: 'Répondue',
  closed: 'Close',
};

/** The candidate's words for the same states. */
export const REQUEST_STATE_FOR_CANDIDATE: Record<RequestState, string> = {
  open: 'transmise, en attente de réponse',
  answered: 'le pôle a répondu',
  closed: 'traitée',
};
