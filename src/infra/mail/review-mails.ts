/**
 * The French mails of the office's review: a document refused (which, why, until when to
 * upload it again in « Mes justificatifs », whom to ask), a document claimed (« Réclamer la
 * pièce »: which, why it is asked, the office's message, until when), and a document published
 * in « Mes documents ». The pôle named is the one that handles the registration.
 */
import { type Catalogue, deskFor, findSpecialty } from '../../domain/catalogue/catalogue.js';
import type { Desk } from '../../domain/desks/desk.js';
import type { ReviewMails } from '../../domain/documents/review/ports.js';
import type { Registration } from '../../domain/registrations/registration.js';
import { registrationTitle } from '../../domain/registrations/registration-title.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailContext, composeMail } from './mail-layout.js';

/** The registration's title in a mail, and the pôle that handles it. */
export function describe(
  r: Pick<Registration, 'sessionCode' | 'examCode' | 'specialtyCode'>,
  catalogue: Catalogue,
): { title: string; desk: Desk | undefined } {
  const specialty = findSpecialty(catalogue, r.examCode, r.specialtyCode);
  return {
    title: registrationTitle(catalogue, r),
    desk: specialty && deskFor(catalogue, specialty),
  };
}

/** Whom to ask about the registration, with the pôle's phones and email. */
export function contact(desk: Desk | undefined): string {
  return desk
    ? `Pour toute question sur cette inscription : ${desk.name}, ${[...desk.phones, desk.email].join(' / ')}.`
    : '';
}

export function reviewMails(ctx: MailContext): ReviewMails {
  const link = (path: string): string => new URL(path, ctx.publicUrl).toString();
  return {
    refused(to, r, document, catalogue) {
      const { title, desk } = describe(r, catalogue);
      const until = formatParisDateTime(document.reopenedUntil);
      return composeMail(ctx, to, `Pièce justificative refusée – ${title}`, [
        `${desk?.name ?? 'Le pôle qui gère votre examen'} a examiné la pièce « ${document.label} » de votre inscription n° ${r.number} (${title}) : elle ne peut pas être acceptée.`,
        `Motif : ${document.refusalReason}`,
        `Déposez une nouvelle pièce dans « Mes justificatifs » avant le ${until} (heure de Paris). Cette pièce seule est rouverte, même si les inscriptions sont closes ; après cette date, vous ne pourrez plus la déposer.`,
        {
          label: 'Mes justificatifs',
          link: link(`/inscriptions/${encodeURIComponent(r.number)}/justificatifs`),
        },
        contact(desk),
      ]);
    },
    claimed(to, r, document, catalogue) {
      const { title, desk } = describe(r, catalogue);
      const until = formatParisDateTime(document.reopenedUntil);
      return composeMail(ctx, to, `Pièce justificative demandée – ${title}`, [
        `${desk?.name ?? 'Le pôle qui gère votre examen'} vous demande la pièce « ${document.label} » pour votre inscription n° ${r.number} (${title}) : aucun fichier n’a été déposé pour elle.`,
        `Pourquoi cette pièce : ${document.reason}`,
        ...(document.message ? [`Message du pôle : ${document.message}`] : []),
        `Déposez-la dans « Mes justificatifs » avant le ${until} (heure de Paris). Cette pièce seule est ouverte, même si les inscriptions sont closes ou si vous avez déclaré avoir fourni toutes vos pièces ; après cette date, vous ne pourrez plus la déposer.`,
        {
          label: 'Mes justificatifs',
          link: link(`/inscriptions/${encodeURIComponent(r.number)}/justificatifs`),
        },
        contact(desk),
      ]);
    },
    published(to, r, document, catalogue) {
      const { title, desk } = describe(r, catalogue);
      return composeMail(ctx, to, `Un document est disponible dans Mes documents – ${title}`, [
        `${desk?.name ?? 'Le pôle qui gère votre examen'} a mis à votre disposition le document « ${document.title} » pour votre inscription n° ${r.number} (${title}).`,
        'Vous le trouverez dans « Mes documents », avec votre confirmation d’inscription.',
        {
          label: 'Mes documents',
          link: link(`/inscriptions/${encodeURIComponent(r.number)}/documents`),
        },
        contact(desk),
      ]);
    },
  };
}
