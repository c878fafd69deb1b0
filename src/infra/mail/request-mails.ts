/**
 * The French mails of a request's treatment: the pôle's answer, and the change it applied. They
 * name the registration and the request, carry the answer (that is their purpose) and a link
 * to the request's page; never the candidate's address or identity, which a mailbox need not
 * hold a second copy of.
 */
import {
  type Catalogue,
  findExam,
  findSession,
  findSpecialty,
} from '../../domain/catalogue/catalogue.js';
import type { RequestMails } from '../../domain/office-requests/ports.js';
import { REQUEST_KIND_NOUNS } from '../../domain/office-requests/request-labels.js';
import type { OfficeRequest } from '../../domain/registrations/ports.js';
import type { Registration } from '../../domain/registrations/registration.js';
import { formatParisDateTime } from '../../domain/time/paris-time.js';
import { type MailBlock, type MailContext, composeMail } from './mail-layout.js';

export function requestMails(ctx: MailContext): RequestMails {
  const title = (r: Registration, catalogue: Catalogue): string => {
    const exam = findExam(catalogue, r.examCode);
    const specialty = findSpecialty(catalogue, r.examCode, r.specialtyCode);
    const session = findSession(catalogue, r.sessionCode);
    return `${exam?.shortName ?? r.examCode} ${specialty?.name ?? r.specialtyCode} – ${session?.name ?? r.sessionCode}`;
  };
  const deskOf = (request: OfficeRequest, catalogue: Catalogue) =>
    catalogue.desks.find((d) => d.code === request.deskCode);
  const contact = (request: OfficeRequest, catalogue: Catalogue): string => {
    const desk = deskOf(request, catalogue);
    return desk
      ? `Pour toute question sur cette demande : ${desk.name}, ${[...desk.phones, desk.email].join(' / ')}.`
      : '';
  };
  const who = (request: OfficeRequest, catalogue: Catalogue): string => {
    const desk = deskOf(request, catalogue);
    return desk ? `Le ${desk.name}` : 'Le service des examens';
  };
  const requestLink = (request: OfficeRequest): MailBlock => ({
    label: 'Voir ma demande',
    link: new URL(`/demandes/${request.id}`, ctx.publicUrl).toString(),
  });

  return {
    answered(to, request, registration, answer, catalogue) {
      const kind = REQUEST_KIND_NOUNS[request.kind];
      return composeMail(ctx, to, `Réponse à votre demande de ${kind}`, [
        `${who(request, catalogue)} a répondu le ${formatParisDateTime(answer.answeredAt)} (heure de Paris) à votre demande de ${kind} du ${formatParisDateTime(request.createdAt)}, pour l’inscription n° ${registration.number} (${title(registration, catalogue)}) :`,
        answer.answer,
        requestLink(request),
        contact(request, catalogue),
      ]);
    },
    applied(to, request, registrations, changed, catalogue) {
      const kind = REQUEST_KIND_NOUNS[request.kind];
      const [first] = registrations;
      return composeMail(ctx, to, `Votre demande de ${kind} a été appliquée`, [
        `${who(request, catalogue)} a appliqué le ${formatParisDateTime(first?.savedAt ?? request.createdAt)} (heure de Paris) votre demande de ${kind} du ${formatParisDateTime(request.createdAt)}.`,
        `Inscriptions mises à jour :\n${registrations.map((r) => `– n° ${r.number} (${title(r, catalogue)}) : version ${r.version}`).join('\n')}`,
        ...(changed.length > 0 ? [`Informations modifiées : ${changed.join(', ')}.`] : []),
        'Votre nouvelle confirmation d’inscription est disponible dans « Mes documents » : vérifiez-la.',
        requestLink(request),
        contact(request, catalogue),
      ]);
    },
  };
}
