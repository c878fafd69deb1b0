/**
 * « J'ai fourni toutes mes pièces » lifted by a new version. A candidate who declared their
 * file complete may still « Modifier » until the close, and a save may make a new document
 * required (an exemption, distance learning, an arrangement…), as may the office's correction
 * of their identity. After the declaration the files are locked (upload-rules.ts): left
 * standing, it would leave that document impossible to provide, out of the reminders, and the
 * file shown « Dossier complet » to the office while it is not. So while the window is open, a
 * version that asks for a document with no file lifts the declaration: the candidate uploads
 * it and declares again before the close, the reminders name it, the office's list shows the
 * file as not complete. `declaration_lifted_at` keeps when, so that « Mes justificatifs » and
 * « Mes inscriptions » say why they must declare again. After the close the candidate could
 * not declare again, so the declaration made in time stays, and the office asks for the new
 * document with « Réclamer la pièce » (review/claim-document.ts), which reopens it.
 * Logged as `documents.declaration_lifted` (the instant lifted and the documents' keys), in
 * the transaction of the version.
 */
import type { AuditActor, AuditLog } from '../audit/ports.js';
import type { RegistrationWindow } from '../catalogue/catalogue.js';
import { windowState } from '../catalogue/registration-window.js';
import type { RequiredDocument } from './document-rules.js';

export interface DeclarationRepository {
  /**
   * Lifts the registration's declaration, if it has one, recording `at`; returns the instant
   * it had been declared, or null when it was not (nothing changed then).
   */
  lift(registrationId: string, at: Date): Promise<Date | null>;
}

export interface DeclarationUnit {
  declarations: DeclarationRepository;
  audit: AuditLog;
}

/** Lifts the declaration when `newlyAsked` (from `sync`) is not empty and the window is open. */
export async function liftDeclaration(
  unit: DeclarationUnit,
  change: {
    registrationId: string;
    newlyAsked: readonly RequiredDocument[];
    window: Pick<RegistrationWindow, 'opensAt' | 'closesAt'> | undefined;
    now: Date;
    actor: AuditActor;
    clientAddress?: string | undefined;
  },
): Promise<boolean> {
  const { registrationId, newlyAsked, window, now } = change;
  if (newlyAsked.length === 0 || !window || windowState(window, now) !== 'open') return false;
  const declaredAt = await unit.declarations.lift(registrationId, now);
  if (!declaredAt) return false;
  await unit.audit.record({
    at: now,
    actor: change.actor,
    action: 'documents.declaration_lifted',
    subject: { type: 'registration', id: registrationId },
    before: { completeDeclaredAt: declaredAt.toISOString() },
    after: { completeDeclaredAt: null, documents: newlyAsked.map((d) => d.key) },
    clientAddress: change.clientAddress,
  });
  return true;
}
