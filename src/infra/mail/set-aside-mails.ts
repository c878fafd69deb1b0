/**
 * The French mails of « Écarter » and « Réintégrer »: the candidate learns that the exam office
 * set their registration aside, why (the office's reason, as typed) and whom to contact; then,
 * if it happens, that the registration is an ordinary one again.
 */
import type { SetAsideMails } from '../../domain/office/registration-file-ports.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailContext, composeMail } from './mail-layout.js';
import { contact, describe } from './review-mails.js';

export function setAsideMails(ctx: MailContext): SetAsideMails {
  const myRegistrations = {
    label: 'Mes inscriptions',
    link: new URL('/espace', ctx.publicUrl).toString(),
  };
  const byOffice = (desk: { name: string } | undefined): string =>
    desk ? `Le service des examens (${desk.name})` : 'Le service des examens';
  return {
    setAside(to, r, setAside, catalogue) {
      const { title, desk } = describe(r, catalogue);
      return composeMail(ctx, to, `Votre inscription est écartée – ${title}`, [
        `${byOffice(desk)} a écarté le ${formatParisDateTime(setAside.at)} (heure de Paris) votre inscription n° ${r.number} (${title}).`,
        `Motif : ${setAside.reason}`,
        'Votre inscription reste enregistrée et le service peut la réintégrer. Pour en savoir plus, ou pour régulariser votre situation, contactez le pôle qui gère votre examen.',
        myRegistrations,
        contact(desk),
      ]);
    },
    reinstated(to, r, at, catalogue) {
      const { title, desk } = describe(r, catalogue);
      return composeMail(ctx, to, `Votre inscription est réintégrée – ${title}`, [
        `${byOffice(desk)} a réintégré le ${formatParisDateTime(at)} (heure de Paris) votre inscription n° ${r.number} (${title}) : elle n’est plus écartée.`,
        'Vérifiez dans « Mes inscriptions » ce qu’il vous reste à faire, notamment les pièces justificatives à déposer.',
        myRegistrations,
        contact(desk),
      ]);
    },
  };
}
