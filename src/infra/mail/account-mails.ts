/**
 * The French mails of the account life-cycle: activation, existing account, reset, changed
 * password, and the change of address (asked, confirmed by a link, refused, made).
 */
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
  const signInLink = {
    label: 'Se connecter',
    link: new URL('/connexion', ctx.publicUrl).toString(),
  };
  // The link and the refusal sent to an address asked for share their subject: the asking
  // account's personal-data download lists its mails by subject (see request-email-change.ts).
  const newAddressSubject = 'Changement d’adresse électronique d’un compte candidat';
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
              signInLink,
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
    emailChangeRequested: (to) =>
      composeMail(ctx, to, 'Demande de changement d’adresse électronique', [
        `Une demande a été faite pour remplacer l’adresse électronique de votre compte sur ${portal()}.`,
        'Le changement n’aura lieu que si le lien envoyé à la nouvelle adresse est ouvert dans les 48 heures. D’ici là, votre compte garde cette adresse.',
        'Si vous n’êtes pas à l’origine de cette demande, changez tout de suite votre mot de passe (« Mot de passe oublié ? » sur la page de connexion) : la demande sera annulée. Contactez ensuite le pôle qui gère votre examen.',
      ]),
    emailChangeLink: (to, token, expiresAt) =>
      composeMail(ctx, to, newAddressSubject, [
        `Vous avez demandé que cette adresse électronique devienne celle de votre compte sur ${portal()}.`,
        `Pour confirmer, cliquez sur le lien « Confirmer ma nouvelle adresse » avant le ${formatParisDateTime(expiresAt)} (heure de Paris). Il ne sert qu’une fois :`,
        { label: 'Confirmer ma nouvelle adresse', link: link('/compte/adresse/confirmer', token) },
        'Tant que ce lien n’est pas ouvert, votre compte garde son adresse actuelle.',
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun compte ne prendra cette adresse.',
      ]),
    emailChangeTaken: (to) =>
      composeMail(ctx, to, newAddressSubject, [
        `Quelqu’un a demandé que cette adresse électronique devienne celle d’un compte sur ${portal()}. Cette adresse a déjà un compte : la demande n’a pas été suivie, et votre compte n’a pas été modifié.`,
        'Pour utiliser votre compte, connectez-vous avec cette adresse et votre mot de passe habituel. Si vous l’avez oublié, choisissez « Mot de passe oublié ? » sur la page de connexion.',
        signInLink,
        'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
      ]),
    emailReplaced: (to) =>
      composeMail(ctx, to, 'L’adresse électronique de votre compte a été modifiée', [
        `L’adresse électronique de votre compte sur ${portal()} a été remplacée par une autre : les courriels du portail iront désormais à la nouvelle adresse, et c’est avec elle que vous vous connecterez. Toutes les connexions à votre compte ont été fermées.`,
        'Si vous n’êtes pas à l’origine de ce changement, contactez immédiatement le pôle qui gère votre examen.',
      ]),
  };
}
