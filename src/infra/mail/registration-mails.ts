/** The French mails of registering: confirmation, modification, request sent to a pôle. */
import {
  type Catalogue,
  deskFor,
  findExam,
  findSession,
  findSpecialty,
  findWindow,
} from '../../domain/catalogue/catalogue.js';
import type { RegistrationMails } from '../../domain/registrations/ports.js';
import type { Registration } from '../../domain/registrations/registration.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailBlock, type MailContext, composeMail } from './mail-layout.js';

const KIND_LABELS = {
  identity: 'correction d’état civil',
  address: 'changement d’adresse',
  question: 'question',
} as const;

export function registrationMails(ctx: MailContext): RegistrationMails {
  const describe = (
    r: Registration,
    catalogue: Catalogue,
  ): { title: string; contact: string; closes: string } => {
    const exam = findExam(catalogue, r.examCode);
    const specialty = findSpecialty(catalogue, r.examCode, r.specialtyCode);
    const session = findSession(catalogue, r.sessionCode);
    const desk = specialty && deskFor(catalogue, specialty);
    const window = findWindow(catalogue, r.sessionCode, r.examCode);
    return {
      title: `${exam?.shortName ?? r.examCode} ${specialty?.name ?? r.specialtyCode} – ${session?.name ?? r.sessionCode}`,
      contact: desk
        ? `Pour toute question sur cette inscription : ${desk.name}, ${[...desk.phones, desk.email].join(' / ')}.`
        : '',
      closes: window ? formatParisDateTime(window.closesAt) : '',
    };
  };
  const space = (): MailBlock => ({
    label: 'Mes inscriptions',
    link: new URL('/espace', ctx.publicUrl).toString(),
  });

  return {
    confirmation(to, r, catalogue) {
      const d = describe(r, catalogue);
      return composeMail(ctx, to, `Confirmation d’inscription – ${d.title}`, [
        `Votre inscription n° ${r.number} (${d.title}) est enregistrée, le ${formatParisDateTime(r.savedAt)} (heure de Paris).`,
        `Vous pouvez la modifier jusqu’au ${d.closes} (heure de Paris).`,
        'Étapes suivantes : dans « Mes documents », téléchargez votre confirmation d’inscription et la liste des pièces justificatives ; dans « Mes justificatifs », déposez chaque pièce avec « Ajouter », puis cliquez sur « J’ai fourni toutes mes pièces », avant la clôture.',
        space(),
        d.contact,
      ]);
    },
    modification(to, r, changes, catalogue) {
      const d = describe(r, catalogue);
      return composeMail(ctx, to, `Modification d’inscription – ${d.title}`, [
        `Votre inscription n° ${r.number} (${d.title}) a été modifiée le ${formatParisDateTime(r.savedAt)} (heure de Paris) : c’est sa version ${r.version}.`,
        changes.length === 0
          ? 'Aucune information n’a changé par rapport à la version précédente.'
          : `Ce qui a changé :\n${changes.map((c) => `– ${c.label} : ${c.before} → ${c.after}`).join('\n')}`,
        `Si vous n’êtes pas à l’origine de cette modification, contactez le pôle sans attendre. Les modifications restent possibles jusqu’au ${d.closes} (heure de Paris).`,
        space(),
        d.contact,
      ]);
    },
    requestReceived(to, request, r, catalogue) {
      const d = describe(r, catalogue);
      const desk = catalogue.desks.find((x) => x.code === request.deskCode);
      return composeMail(ctx, to, `Votre demande de ${KIND_LABELS[request.kind]} a été transmise`, [
        `Votre demande de ${KIND_LABELS[request.kind]} pour l’inscription n° ${r.number} (${d.title}) a été transmise le ${formatParisDateTime(request.createdAt)} au ${desk?.name ?? 'service des examens'}.`,
        'Vous recevrez un courriel quand elle aura été traitée. Vous pouvez suivre son état dans « Mes inscriptions ».',
        space(),
        d.contact,
      ]);
    },
  };
}
