/**
 * « Mes documents »: a registration of the candidate, its versions and its documents' states:
 * the documents it requires, as the « Liste des pièces justificatives » (document-list.ts).
 */
import type { DocumentStatus } from '../documents/ports.js';
import type { RegistrationVersion } from '../registrations/ports.js';
import type { Registration } from '../registrations/registration.js';
import { ownedRegistration } from './owned-registration.js';
import type { ReceiptsContext } from './ports.js';
import { formatReceiptCode, signReceiptCode } from './receipt-code.js';

export interface MyDocuments {
  registration: Registration;
  /** Every version saved, the latest first. */
  versions: RegistrationVersion[];
  documents: DocumentStatus[];
  /** The verification code of the current version's récapitulatif, as printed on it. */
  code: string;
}

export async function myDocuments(
  ctx: ReceiptsContext,
  input: { accountId: string; number: string },
): Promise<MyDocuments> {
  return ctx.registrations.store.read(async (unit) => {
    const registration = await ownedRegistration(unit, input.accountId, input.number);
    const versions = await unit.registrations.listVersions(registration.id);
    return {
      registration,
      versions: [...versions].sort((a, b) => b.version - a.version),
      documents: (await unit.documents.list(registration.id)).filter((d) => d.required),
      code: formatReceiptCode(
        signReceiptCode(ctx.key, { number: registration.number, version: registration.version }),
      ),
    };
  });
}
