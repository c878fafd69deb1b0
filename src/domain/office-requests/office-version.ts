/**
 * A change the office makes to a registration is a new version, like a candidate's save: the
 * row's version goes up atomically, the version is kept whole in `registration_versions` (what
 * a récapitulatif attests), and the required documents are recomputed (a corrected birth date
 * can change which certificate is due). The window rule does not apply: the office corrects
 * registrations after the close, which is when candidates cannot. A version that asks for a
 * document with no file lifts « J'ai fourni toutes mes pièces » while the window is open, as a
 * candidate's save does; after the close the office asks for it with « Réclamer la pièce »
 * (documents/lift-declaration.ts says why).
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import { requiredDocuments } from '../documents/document-rules.js';
import { liftDeclaration } from '../documents/lift-declaration.js';
import { changesBetween, summarize } from '../registrations/registration-summary.js';
import type { Registration, RegistrationData } from '../registrations/registration.js';
import type { OfficeRequestsUnit } from './ports.js';

export interface OfficeVersion {
  saved: Registration;
  /** The labels of the récapitulatif's lines that changed (never their values). */
  changed: string[];
}

export async function saveOfficeVersion(
  unit: OfficeRequestsUnit,
  registration: Registration,
  data: RegistrationData,
  now: Date,
  catalogue: Catalogue,
  by: { staffId: string; clientAddress: string | undefined },
): Promise<OfficeVersion> {
  const { specialtyCode } = registration;
  const version = await unit.registrations.saveNewVersion(
    registration.id,
    now,
    specialtyCode,
    data,
  );
  await unit.registrations.insertVersion(registration.id, {
    version,
    savedAt: now,
    specialtyCode,
    data,
  });
  const saved: Registration = { ...registration, version, savedAt: now, data };
  const newlyAsked = await unit.documents.sync(
    registration.id,
    requiredDocuments(saved, catalogue),
    now,
  );
  await liftDeclaration(unit, {
    registrationId: registration.id,
    newlyAsked,
    window: await unit.findWindow(registration.sessionCode, registration.examCode),
    now,
    actor: { kind: 'staff', id: by.staffId },
    clientAddress: by.clientAddress,
  });
  const changed = changesBetween(summarize(registration, catalogue), summarize(saved, catalogue));
  return { saved, changed: changed.map((c) => c.label) };
}
