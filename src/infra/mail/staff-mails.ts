/** The French mail that carries a new staff member's setup link (« Espace gestionnaire »). */
import type { StaffMails } from '../../domain/staff/ports.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailContext, composeMail } from './mail-layout.js';

export function staffMails(ctx: MailContext): StaffMails {
  return {
    setupLink: (to, name, link, expiresAt, renewed = false) =>
      composeMail(ctx, to, 'Votre accès à l’espace gestionnaire', [
        renewed
          ? `${name}, un administrateur vous a envoyé un nouveau lien d’activation pour l’espace gestionnaire du portail des inscriptions aux examens (${ctx.academyName()}). Votre ancien mot de passe et votre ancienne application d’authentification ne fonctionnent plus.`
          : `${name}, un administrateur vous a ouvert un accès à l’espace gestionnaire du portail des inscriptions aux examens (${ctx.academyName()}).`,
        `Pour l’activer, choisissez votre mot de passe avec ce lien, avant le ${formatParisDateTime(expiresAt)} (heure de Paris). Il ne sert qu’une fois :`,
        { label: 'Activer mon accès', link },
        'Vous configurerez ensuite une application d’authentification (codes à 6 chiffres) sur votre téléphone : elle vous sera demandée à chaque connexion.',
        'Si vous n’attendiez pas ce message, ignorez-le et prévenez le service des examens.',
      ]),
  };
}
