/**
 * « Enregistrer »: validates the whole registration and saves it as a new version, inside one
 * transaction whose first act is the window rule with the server's clock at that instant, on
 * the window as stored then: after the close nothing is accepted, however old the page.
 * The first save gives the registration its number, locks the candidate's identity and mails
 * a « Confirmation d'inscription »; each later save is version + 1 and mails a
 * « Modification d'inscription » listing what changed. Every save recomputes the documents the
 * registration requires (a new one appears awaited, one no longer required leaves the list
 * with its files kept). A save that asks for a document with no file after « J'ai fourni
 * toutes mes pièces » lifts that declaration (logged): the files were locked by it, so the
 * candidate could otherwise never provide the new document, the reminders would skip them and
 * the office would read « Dossier complet »; they upload it and declare again before the close,
 * and « Mes inscriptions » and « Mes justificatifs » tell them so
 * (documents/lift-declaration.ts). Saving from the wizard spends the
 * draft's revision, so a double submit saves once. The audit log gets the version saved and the
 * labels of the lines that changed, never their values: those are in the versions already, and
 * the log, which nothing may correct or erase, should not become a second copy of them.
 */
import { randomUUID } from 'node:crypto';
import { assertWindowOpen } from '../catalogue/registration-window.js';
import { DomainError, validationError } from '../errors.js';
import type { RegistrationWindow } from '../catalogue/catalogue.js';
import { requiredDocuments } from '../documents/document-rules.js';
import { liftDeclaration } from '../documents/lift-declaration.js';
import { currentCatalogue } from './current-catalogue.js';
import { type DraftFields, checkDraft } from './draft-validation.js';
import type { RegistrationsContext, RegistrationsUnit } from './ports.js';
import { changesBetween, summarize } from './registration-summary.js';
import { type Registration, registrationNumber } from './registration.js';

export interface SaveRegistrationInput {
  accountId: string;
  accountEmail: string;
  fields: DraftFields;
  /** The draft's revision when saving from the wizard; absent when fields come whole. */
  draftRevision?: number;
  /** The client's address, for the audit log (kept there only as a keyed hash). */
  clientAddress?: string | undefined;
}

export async function saveRegistration(
  ctx: RegistrationsContext,
  input: SaveRegistrationInput,
): Promise<Registration> {
  const catalogue = currentCatalogue(ctx);
  const { sessionCode, examCode, specialtyCode } = input.fields;
  return ctx.store.transaction(async (unit) => {
    const now = ctx.clock.now();
    const window = await unit.findWindow(sessionCode, examCode);
    if (!window)
      throw new DomainError('not_found', 'Cet examen n’est pas proposé pour cette session.');
    assertWindowOpen(window, now);

    // Taken before any registration row, in the order the office's correction takes them.
    const locked = await unit.identities.findForUpdate(input.accountId);
    const { data, errors } = checkDraft(input.fields, catalogue, locked);
    if (!data)
      throw validationError(Object.assign({}, ...Object.values(errors)) as Record<string, string>);
    if (
      input.draftRevision !== undefined &&
      !(await unit.drafts.consume(input.accountId, sessionCode, examCode, input.draftRevision))
    ) {
      throw new DomainError('conflict', 'Cette inscription vient déjà d’être enregistrée.');
    }

    const existing = await unit.registrations.find(input.accountId, sessionCode, examCode);
    if (existing)
      return saveNewVersion(ctx, unit, input, existing, specialtyCode, data, now, window);

    const sequence = await unit.counters.next(`registration:${sessionCode}:${examCode}`);
    const registration: Registration = {
      id: randomUUID(),
      number: registrationNumber(sessionCode, examCode, sequence),
      accountId: input.accountId,
      sessionCode,
      examCode,
      specialtyCode,
      version: 1,
      createdAt: now,
      savedAt: now,
      data,
    };
    if (!(await unit.registrations.insert(registration))) {
      // A concurrent first save won the race: this one becomes its next version.
      const winner = await unit.registrations.find(input.accountId, sessionCode, examCode);
      if (!winner)
        throw new DomainError('conflict', 'Cette inscription vient d’être modifiée. Réessayez.');
      return saveNewVersion(ctx, unit, input, winner, specialtyCode, data, now, window);
    }
    await unit.registrations.insertVersion(registration.id, {
      version: 1,
      savedAt: now,
      specialtyCode,
      data,
    });
    if (!locked) await unit.identities.lock(input.accountId, data.identity, now);
    await unit.documents.sync(registration.id, requiredDocuments(registration, catalogue), now);
    await unit.outbox.enqueue(
      ctx.mails.confirmation(input.accountEmail, registration, catalogue),
      input.accountId,
      now,
    );
    await unit.audit.record({
      at: now,
      actor: { kind: 'candidate', id: input.accountId },
      action: 'registration.saved',
      subject: { type: 'registration', id: registration.id },
      before: null,
      after: { version: 1 },
      clientAddress: input.clientAddress,
    });
    return registration;
  });
}

async function saveNewVersion(
  ctx: RegistrationsContext,
  unit: RegistrationsUnit,
  input: SaveRegistrationInput,
  existing: Registration,
  specialtyCode: string,
  data: Registration['data'],
  now: Date,
  window: RegistrationWindow,
): Promise<Registration> {
  const catalogue = currentCatalogue(ctx);
  const version = await unit.registrations.saveNewVersion(existing.id, now, specialtyCode, data);
  await unit.registrations.insertVersion(existing.id, {
    version,
    savedAt: now,
    specialtyCode,
    data,
  });
  const saved: Registration = { ...existing, specialtyCode, version, savedAt: now, data };
  const newlyAsked = await unit.documents.sync(
    existing.id,
    requiredDocuments(saved, catalogue),
    now,
  );
  await liftDeclaration(unit, {
    registrationId: existing.id,
    newlyAsked,
    window,
    now,
    actor: { kind: 'candidate', id: input.accountId },
    clientAddress: input.clientAddress,
  });
  const changes = changesBetween(summarize(existing, catalogue), summarize(saved, catalogue));
  await unit.outbox.enqueue(
    ctx.mails.modification(input.accountEmail, saved, changes, catalogue),
    existing.accountId,
    now,
  );
  await unit.audit.record({
    at: now,
    actor: { kind: 'candidate', id: input.accountId },
    action: 'registration.saved',
    subject: { type: 'registration', id: existing.id },
    before: { version: version - 1 },
    after: { version, changed: changes.map((c) => c.label) },
    clientAddress: input.clientAddress,
  });
  return saved;
}
