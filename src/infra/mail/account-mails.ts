/** The French mails of the account life-cycle: activation, existing account, reset, changed. */
import type { AccountMails } from '../../domain/accounts/ports.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailContext, composeMail } from './mail-layout.js';

export function accountMails(ctx: MailContext): AccountMails {
  const link = (path: string, token: string): string => {
    const url = new URL(path, ctx.publicUrl);
    url.searchParams.set('jeton', token);
    return url.toString();
  };
  const portal = (): string => `le portail des inscriptions aux examens (${ctx.academyName()})`;
  return {
    activation: (to, token, deadline) =>
      composeMail(ctx, to, 'Activez votre compte candidat', [
        `Vous avez créé un compte sur ${portal()} avec cette adresse électronique.`,
        `Pour l’activer, cliquez sur le lien « Activer mon compte » avant le ${formatParisDateTime(deadline)} (heure de Paris).`,
        { label: 'Activer mon compte', link: link('/compte/activer', token) },
        'Sans activation dans les 48 heures qui suivent sa création, le compte est supprimé : il faudra alors en créer un nouveau.',
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : le compte sera supprimé de lui-même.',
      ]),
    alreadyRegistered: (to, activation) =>
      composeMail(ctx, to, 'Vous avez déjà un compte candidat', [
        `Quelqu’un a demandé à créer un compte sur ${portal()} avec cette adresse électronique, qui a déjà un compte.`,
        ...(activation
          ? [
              `Votre compte n’est pas encore activé. Activez-le avant le ${formatParisDateTime(activation.deadline)} (heure de Paris) :`,
              { label: 'Activer mon compte', link: link('/compte/activer', activation.token) },
            ]
          : [
              'Connectez-vous avec votre mot de passe habituel. Si vous l’avez oublié, choisissez « Mot de passe oublié ? » sur la page de connexion.',
              { label: 'Se connecter', link: new URL('/connexion', ctx.publicUrl).toString() },
            ]),
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre compte n’a pas été modifié.',
      ]),
    passwordReset: (to, token, expiresAt) =>
      composeMail(ctx, to, 'Réinitialisation de votre mot de passe', [
        `Une demande de nouveau mot de passe a été faite pour votre compte sur ${portal()}.`,
        `Ce lien est valable une heure, jusqu’au ${formatParisDateTime(expiresAt)} (heure de Paris), et ne sert qu’une fois :`,
        { label: 'Choisir un nouveau mot de passe', link: link('/mot-de-passe/nouveau', token) },
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
      ]),
    passwordChanged: (to) =>
      composeMail(ctx, to, 'Votre mot de passe a été modifié', [
        `Le mot de passe de votre compte sur ${portal()} vient d’être modifié. Toutes les autres connexions à votre compte ont été fermées.`,
        'Si vous n’êtes pas à l’origine de ce changement, choisissez immédiatement « Mot de passe oublié ? » sur la page de connexion, puis contactez le pôle qui gère votre examen.',
      ]),
  };
}
