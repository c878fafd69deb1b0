/**
 * « Publier un document »: the office puts a PDF (a convocation, a decision, a letter) in a
 * candidate's « Mes documents », with a title, and mails them that it is there. The file goes
 * through the same checks as the candidates' own (checked-file.ts), PDF only. Rights and the
 * title are checked before a byte is stored, and again in the transaction that records the row,
 * its audit entry and its mail; any refusal leaves neither a row nor a file.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { validationError } from '../../errors.js';
import type { StaffMember } from '../../staff/ports.js';
import { storeCheckedFile } from '../checked-file.js';
import { displayName } from '../file-name.js';
import { candidateToMail, registrationForOffice } from './office-registration.js';
import type { PublishedDocument, ReviewContext } from './ports.js';

/** The form's title field, and the longest title the list and the mail show whole. */
export const TITLE_FIELD = 'titre';
export const MAX_TITLE_LENGTH = 150;

export interface PublishDocumentInput {
  staff: StaffMember;
  registrationNumber: string;
  title: string;
  /** The name of the file on the office's machine, as sent. */
  originalName: string;
  source: Readable;
  clientAddress?: string | undefined;
}

export async function publishDocument(
  ctx: ReviewContext,
  input: PublishDocumentInput,
): Promise<PublishedDocument> {
  await ctx.store.transaction((unit) =>
    registrationForOffice(unit, ctx.catalogue(), input.staff, input.registrationNumber),
  );
  const title = checkTitle(input.title);
  const stored = await storeCheckedFile(ctx, input.source, {
    accepted: ['application/pdf'],
    unsupported:
      'Ce fichier n’est pas un PDF. Seuls les documents PDF peuvent être publiés au candidat.',
    reader: 'le candidat',
  });
  try {
    return await ctx.store.transaction(async (unit) => {
      const catalogue = ctx.catalogue();
      const { registration } = await registrationForOffice(
        unit,
        catalogue,
        input.staff,
        input.registrationNumber,
      );
      const { email, catalogue: known } = await candidateToMail(unit, catalogue, registration);
      const now = ctx.clock.now();
      const document: PublishedDocument = {
        id: randomUUID(),
        registrationId: registration.id,
        title,
        storageKey: stored.key,
        originalName: displayName(input.originalName),
        mediaType: 'application/pdf',
        size: stored.size,
        sha256: stored.sha256,
        publishedAt: now,
        publishedBy: input.staff.id,
        seenAt: null,
      };
      await unit.published.insert(document);
      await unit.outbox.enqueue(
        ctx.mails.published(email, registration, { title }, known),
        registration.accountId,
        now,
      );
      await unit.audit.record({
        at: now,
        actor: { kind: 'staff', id: input.staff.id },
        action: 'document.published',
        subject: { type: 'registration', id: registration.id },
        before: null,
        after: { published: document.id, size: document.size, sha256: document.sha256 },
        clientAddress: input.clientAddress,
      });
      return document;
    });
  } catch (error) {
    await ctx.files.delete(stored.key).catch(() => undefined);
    throw error;
  }
}

function checkTitle(typed: string): string {
  // One line of visible text: it becomes the downloaded file's name and a mail's sentence.
  const title = typed
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (!title)
    throw validationError({
      [TITLE_FIELD]: 'Donnez un titre au document (par exemple « Convocation »).',
    });
  if ([...title].length > MAX_TITLE_LENGTH)
    throw validationError({
      [TITLE_FIELD]: `Le titre ne doit pas dépasser ${MAX_TITLE_LENGTH} caractères.`,
    });
  return title;
}
