/** The reminder before the close, naming what is still missing. */
import {
  type Catalogue,
  deskFor,
  findExam,
  findSession,
  findSpecialty,
} from '../../domain/catalogue/catalogue.js';
import type { DocumentStatus } from '../../domain/documents/ports.js';
import type { RemindersContext } from '../../domain/documents/reminders.js';
import type { OutgoingMail } from '../../domain/mail/outgoing-mail.js';
import type { Registration } from '../../domain/registrations/registration.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailContext, composeMail } from './mail-layout.js';

export function reminderMail(ctx: MailContext): RemindersContext['mail'] {
  return (
    to: string,
    r: Registration,
    missing: readonly DocumentStatus[],
    closesAt: Date,
    catalogue: Catalogue,
  ): OutgoingMail => {
    const exam = findExam(catalogue, r.examCode);
    const specialty = findSpecialty(catalogue, r.examCode, r.specialtyCode);
    const session = findSession(catalogue, r.sessionCode);
    const desk = specialty && deskFor(catalogue, specialty);
    const title = `${exam?.shortName ?? r.examCode} ${specialty?.name ?? r.specialtyCode} – ${session?.name ?? r.sessionCode}`;
    return composeMail(
      ctx,
      to,
      `Rappel : votre dossier d’inscription n’est pas complet – clôture le ${formatParisDateTime(closesAt)}`,
      [
        `Votre inscription n° ${r.number} (${title}) n’est pas encore déclarée complète. Les inscriptions closent le ${formatParisDateTime(closesAt)} (heure de Paris) : après, aucune pièce n’est reçue.`,
        missing.length > 0
          ? `Pièces encore attendues :\n${missing.map((d) => `– ${d.label}${d.state === 'refuse' ? ' (refusée : à déposer à nouveau)' : ''}`).join('\n')}`
          : 'Toutes vos pièces sont déposées : il reste à cliquer sur « J’ai fourni toutes mes pièces ».',
        'Dans « Mes justificatifs », déposez chaque pièce avec « Ajouter », puis cliquez sur « J’ai fourni toutes mes pièces ».',
        { label: 'Mes inscriptions', link: new URL('/espace', ctx.publicUrl).toString() },
        desk
          ? `Pour toute question : ${desk.name}, ${[...desk.phones, desk.email].join(' / ')}.`
          : '',
      ],
    );
  };
}
