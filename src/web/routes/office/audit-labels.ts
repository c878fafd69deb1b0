/**
 * The audit log's action codes and actor kinds in French, for every page that shows entries:
 * the administrators' journal and the history on a registration's page. One table, so a code
 * reads the same everywhere; a code without a label is shown as it is.
 */
import type { AuditActorKind } from '../../../domain/audit/ports.js';

export const ACTION_LABELS: Record<string, string> = {
  'staff.created': 'Ajout d’un membre du personnel',
  'staff.password_set': 'Mot de passe choisi (lien d’activation)',
  'staff.totp_confirmed': 'Double authentification configurée',
  'staff.signed_in': 'Connexion à l’espace gestionnaire',
  'staff.signed_out': 'Déconnexion de l’espace gestionnaire',
  'staff.disabled': 'Désactivation d’un accès',
  'staff.setup_link_reissued':
    'Nouveau lien d’activation (mot de passe et double authentification à refaire)',
  'registration.saved': 'Inscription enregistrée',
  'upload.added': 'Fichier ajouté',
  'upload.removed': 'Fichier supprimé',
  'documents.declared_complete': '« J’ai fourni toutes mes pièces »',
  'documents.declaration_lifted':
    '« J’ai fourni toutes mes pièces » levé : une nouvelle version demande une pièce sans fichier',
  'request.sent': 'Demande envoyée au pôle',
  'registration.set_aside': 'Inscription écartée',
  'registration.reinstated': 'Inscription réintégrée',
  'registration.identity_corrected': 'État civil corrigé',
  'registration.address_applied': 'Changement d’adresse appliqué',
  'request.answered': 'Réponse du pôle à une demande',
  'request.closed': 'Demande close',
  'document.accepted': 'Pièce validée',
  'document.refused': 'Pièce refusée',
  'document.claimed': 'Pièce réclamée au candidat',
  'document.waived': 'Pièce marquée « Non concerné »',
  'document.waiver_cancelled': '« Non concerné » annulé : pièce de nouveau demandée',
  'document.published': 'Document mis à disposition du candidat',
  'catalogue.desk_changed': 'Pôle modifié',
  'catalogue.window_changed': 'Période d’inscription modifiée',
  'catalogue.edited': 'Catalogue modifié (texte YAML)',
  'registrations.exported': 'Export de la liste des inscriptions (CSV)',
  'candidate.data_exported': 'Téléchargement de ses données personnelles',
  'account.password_changed': 'Mot de passe modifié (« Mon compte »)',
  'account.email_change_requested': 'Changement d’adresse électronique demandé',
  'account.email_changed': 'Adresse électronique modifiée (lien confirmé)',
};

export function actionLabel(code: string): string {
  return ACTION_LABELS[code] ?? code;
}

export const ACTOR_LABELS: Record<AuditActorKind, string> = {
  staff: 'Personnel',
  candidate: 'Candidat',
  system: 'Système',
};
