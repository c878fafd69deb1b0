/**
 * The public check of a récapitulatif (`/verifier/<code>`, no account): for a code the portal
 * issued, which registration and version it is, when that version was saved, whether a newer
 * one exists, and the candidate's initials only, so that the page reveals nothing of a
 * candidate to whoever types a code. Anything else is refused without saying why.
 */
import { DomainError } from '../errors.js';
import type { Identity } from '../registrations/registration.js';
import type { ReceiptsContext } from './ports.js';
import { readReceiptCode } from './receipt-code.js';
import { registrationNames } from './receipt.js';
import { registrationNumber } from '../registrations/registration.js';

export const INVALID_CODE = 'Ce code de vérification n’est pas valide';

export interface ReceiptVerification {
  number: string;
  sessionName: string;
  examName: string;
  specialtyName: string;
  version: number;
  savedAt: Date;
  /** « C. D. »: first name and birth name initials, nothing more. */
  initials: string;
  /** The latest version, when it is not the one verified. */
  newer: { version: number; savedAt: Date } | undefined;
}

/** « Camille Marie », « Dupont » → « C. D. »; « Jean-Pierre », « de Lattre » → « J.-P. D. ». */
export function initialsOf(identity: Pick<Identity, 'firstNames' | 'birthName'>): string {
  const initial = (word: string): string =>
    `${(Array.from(word.trim())[0] ?? '').toLocaleUpperCase('fr-FR')}.`;
  const firstName = identity.firstNames.trim().split(/\s+/)[0] ?? '';
  const given = firstName.split('-').filter(Boolean).map(initial).join('-');
  return [given, initial(identity.birthName)].filter((p) => p.length > 1).join(' ');
}

export async function verifyReceipt(
  ctx: ReceiptsContext,
  code: string,
): Promise<ReceiptVerification> {
  const invalid = new DomainError('not_found', INVALID_CODE);
  const catalogue = ctx.registrations.catalogue();
  if (!catalogue) throw invalid;
  const ref = readReceiptCode(ctx.key, code, (sequence) =>
    // Registrations exist only where a window was open: one candidate number per window.
    catalogue.windows.map((w) => registrationNumber(w.sessionCode, w.examCode, sequence)),
  );
  if (!ref) throw invalid;
  const found = await ctx.registrations.store.transaction(async (unit) => {
    const registration = await unit.registrations.findByNumber(ref.number);
    return (
      registration && {
        registration,
        versions: await unit.registrations.listVersions(registration.id),
      }
    );
  });
  const version = found?.versions.find((v) => v.version === ref.version);
  if (!found || !version) throw invalid;
  const latest = found.versions.reduce((a, b) => (b.version > a.version ? b : a), version);
  return {
    number: found.registration.number,
    ...registrationNames(
      catalogue,
      found.registration.sessionCode,
      found.registration.examCode,
      version.specialtyCode,
    ),
    version: version.version,
    savedAt: version.savedAt,
    initials: initialsOf(version.data.identity),
    newer:
      latest.version > version.version
        ? { version: latest.version, savedAt: latest.savedAt }
        : undefined,
  };
}
