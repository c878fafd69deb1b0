/** The French mails about supporting documents: the file declared complete. */
import { deskFor, findExam, findSession, findSpecialty } from '../../domain/catalogue/catalogue.js';
import type { DocumentMails } from '../../domain/documents/ports.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailContext, composeMail } from './mail-layout.js';

export function documentMails(ctx: MailContext): DocumentMails {
  return {
    fileComplete(to, r, documents, catalogue, declaredAt) {
      const exam = findExam(catalogue, r.examCode);
      const specialty = findSpecialty(catalogue, r.examCode, r.specialtyCode);
      const session = findSession(catalogue, r.sessionCode);
      const desk = specialty && deskFor(catalogue, specialty);
      const title = `${exam?.shortName ?? r.examCode} ${specialty?.name ?? r.specialtyCode} – ${session?.name ?? r.sessionCode}`;
      return composeMail(ctx, to, `Pièces justificatives fournies – ${title}`, [
        `Le ${formatParisDateTime(declaredAt)} (heure de Paris), vous avez déclaré avoir fourni toutes vos pièces justificatives pour l’inscription n° ${r.number} (${title}).`,
        `Pièces concernées :\n${documents.map((d) => `– ${d.label}`).join('\n')}`,
        'Vos justificatifs ne peuvent plus être modifiés. Le pôle qui gère votre examen va les examiner ; si une pièce ne convient pas, vous en serez informé et pourrez en déposer une nouvelle.',
        {
          label: 'Mes justificatifs',
          link: new URL(
            `/inscriptions/${encodeURIComponent(r.number)}/justificatifs`,
            ctx.publicUrl,
          ).toString(),
        },
        desk
          ? `Pour toute question sur cette inscription : ${desk.name}, ${[...desk.phones, desk.email].join(' / ')}.`
          : '',
      ]);
    },
  };
}
