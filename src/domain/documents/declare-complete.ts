/**
 * « J'ai fourni toutes mes pièces »: the candidate says the file is complete, once nothing asked
 * is missing (upload-rules.ts: every document has a file, and a refused one a new file after
 * the refusal), before the close. The instant is recorded with a conditional update (a double
 * click records it once), a mail confirms it, and the files are locked from then on (the
 * office may reopen one document). Declaring again changes nothing, unless a new version had
 * lifted the declaration (lift-declaration.ts): then it is declared anew.
 */
import { assertWindowOpen } from '../catalogue/registration-window.js';
import { DomainError } from '../errors.js';
import { isAsked } from './document-waiver.js';
import type { DocumentsContext } from './ports.js';
import { missingDocuments, ownRegistrationForChange } from './upload-rules.js';

export interface DeclareCompleteInput {
  accountId: string;
  accountEmail: string;
  registrationNumber: string;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

export interface DeclaredComplete {
  declaredAt: Date;
  /** False when it had already been declared (nothing was done this time). */
  recorded: boolean;
}

export async function declareComplete(
  ctx: DocumentsContext,
  input: DeclareCompleteInput,
): Promise<DeclaredComplete> {
  return ctx.store.transaction(async (unit) => {
    const registration = await ownRegistrationForChange(
      unit,
      input.registrationNumber,
      input.accountId,
    );
    const already = await unit.registrations.completeDeclaredAt(registration.id);
    if (already) return { declaredAt: already, recorded: false };

    const window = await unit.findWindow(registration.sessionCode, registration.examCode);
    const now = ctx.clock.now();
    if (!window)
      throw new DomainError('window_closed', 'Les inscriptions pour cet examen sont closes.');
    assertWindowOpen(window, now);

    // The mail lists what was asked: not a document the office marked « Non concerné ».
    const documents = (await unit.documents.list(registration.id)).filter(isAsked);
    const missing = missingDocuments(documents);
    if (missing.length > 0)
      throw new DomainError(
        'conflict',
        `Il manque encore ${missing.length === 1 ? 'une pièce' : `${missing.length} pièces`} : ${missing.map((d) => `« ${d.label} »${d.state === 'refuse' ? ' (refusée par le pôle : déposez un nouveau fichier)' : ''}`).join(', ')}. Déposez-${missing.length === 1 ? 'la' : 'les'} avant de déclarer votre dossier complet.`,
      );

    if (!(await unit.registrations.declareComplete(registration.id, now))) {
      const declaredAt = await unit.registrations.completeDeclaredAt(registration.id);
      return { declaredAt: declaredAt ?? now, recorded: false };
    }
    const catalogue = ctx.catalogue();
    if (!catalogue)
      throw new DomainError('not_found', 'Le catalogue des examens n’est pas disponible.');
    await unit.outbox.enqueue(
      ctx.mails.fileComplete(input.accountEmail, registration, documents, catalogue, now),
      input.accountId,
      now,
    );
    await unit.audit.record({
      at: now,
      actor: { kind: 'candidate', id: input.accountId },
      action: 'documents.declared_complete',
      subject: { type: 'registration', id: registration.id },
      before: { completeDeclaredAt: null },
      after: { completeDeclaredAt: now.toISOString() },
      clientAddress: input.clientAddress,
    });
    return { declaredAt: now, recorded: true };
  });
}
