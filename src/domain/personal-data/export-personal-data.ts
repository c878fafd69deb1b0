/**
 * « Mes données personnelles »: everything the portal holds about the signed-in candidate, as
 * the entries of one archive: `donnees.json` (the account, every registration with every
 * version, the documents asked and their states, the files' facts, the requests and the
 * pôles' answers, the mails sent, the journal's entries about them), the files they uploaded,
 * the documents the office published to them, and the récapitulatif of every version and the
 * list of documents as « Mes documents » draws them. Only this account's data: it is read by
 * the account's id, and never holds a secret (password or link hashes) or a staff member's id.
 * The export is logged (`candidate.data_exported`), counts only. Building it reads every file
 * and draws every récapitulatif, so it is limited per account (`EXPORT_RATE_LIMIT`).
 */
import type { RateLimitRule } from '../accounts/ports.js';
import { hashToken } from '../accounts/secret-token.js';
import { EXTENSIONS, type MediaType } from '../documents/media-type.js';
import { displayName } from '../documents/file-name.js';
import { DomainError } from '../errors.js';
import { documentListPdf } from '../receipts/document-list.js';
import { receiptPdf } from '../receipts/receipt-pdf.js';
import type { ArchiveEntry, PersonalDataContext } from './ports.js';

export const EXPORT_FORMAT = 'candidat/donnees-personnelles/v1';
export const DATA_FILE = 'donnees.json';
const README_FILE = 'LISEZMOI.txt';

/**
 * Downloads per account: a candidate needs one, a few more if a download fails; beyond that
 * it is a script or a stolen session making the server read every file again and again.
 * Counted per account (not per address) because a session is what asks for it.
 */
export const EXPORT_RATE_LIMIT = {
  bucket: 'personal-data-export:account',
  limit: 5,
  windowMs: 60 * 60_000,
} satisfies RateLimitRule;

export interface PersonalDataExport {
  /** The archive's file name, e.g. `donnees-personnelles-2025-06-10.zip`. */
  filename: string;
  entries: ArchiveEntry[];
}

export async function exportPersonalData(
  ctx: PersonalDataContext,
  input: { accountId: string; clientAddress?: string },
): Promise<PersonalDataExport> {
  const now = ctx.clock.now();
  // Counted before anything is read or logged: a refused download writes no journal entry.
  // The subject is hashed like every other counter's, so the table holds no account id.
  const counted = await ctx.limiter.hit(EXPORT_RATE_LIMIT, hashToken(input.accountId), now);
  if (!counted.allowed) {
    throw new DomainError(
      'rate_limited',
      `Vous avez déjà téléchargé vos données ${EXPORT_RATE_LIMIT.limit} fois en moins d’une heure.`,
      { retryAt: counted.retryAt },
    );
  }
  const record = await ctx.store.transaction(async (unit) => {
    const found = await unit.data.collect(input.accountId);
    if (!found) throw new DomainError('not_found', 'Ce compte n’existe pas.');
    await unit.audit.record({
      at: now,
      actor: { kind: 'candidate', id: input.accountId },
      action: 'candidate.data_exported',
      subject: { type: 'account', id: input.accountId },
      after: {
        registrations: found.registrations.length,
        files: found.registrations.reduce((n, r) => n + r.uploads.length + r.published.length, 0),
      },
      clientAddress: input.clientAddress,
    });
    return found;
  });

  const entries: ArchiveEntry[] = [];
  const registrations: Record<string, unknown>[] = [];
  for (const registration of record.registrations) {
    const folder = `inscriptions/${registration.number}`;
    const receipts: string[] = [];
    for (const version of registration.versions) {
      const pdf = await receiptPdf(ctx.receipts, {
        accountId: record.account.id,
        number: registration.number,
        version: version.version,
      });
      const path = `${folder}/${pdf.filename}`;
      entries.push(pdfEntry(path, version.savedAt, pdf.bytes));
      receipts.push(path);
    }
    const list = await documentListPdf(ctx.receipts, {
      accountId: record.account.id,
      number: registration.number,
    });
    const documentList = `${folder}/${list.filename}`;
    entries.push(pdfEntry(documentList, now, list.bytes));

    const uploads = registration.uploads.map((upload, i) => {
      const path = `${folder}/justificatifs/${archiveName(i + 1, upload.originalName, upload.mediaType)}`;
      entries.push(storedEntry(ctx, path, upload.createdAt, upload.storageKey, upload.size));
      return {
        id: upload.id,
        documentKey: upload.documentKey,
        originalName: upload.originalName,
        mediaType: upload.mediaType,
        size: upload.size,
        sha256: upload.sha256,
        createdAt: upload.createdAt,
        file: path,
      };
    });
    const published = registration.published.map((document, i) => {
      const path = `${folder}/documents-du-pole/${archiveName(i + 1, document.title, document.mediaType)}`;
      entries.push(
        storedEntry(ctx, path, document.publishedAt, document.storageKey, document.size),
      );
      return {
        id: document.id,
        title: document.title,
        originalName: document.originalName,
        mediaType: document.mediaType,
        size: document.size,
        sha256: document.sha256,
        publishedAt: document.publishedAt,
        seenAt: document.seenAt,
        file: path,
      };
    });
    registrations.push({
      number: registration.number,
      sessionCode: registration.sessionCode,
      examCode: registration.examCode,
      specialtyCode: registration.specialtyCode,
      version: registration.version,
      createdAt: registration.createdAt,
      savedAt: registration.savedAt,
      completeDeclaredAt: registration.completeDeclaredAt,
      setAsideAt: registration.setAsideAt,
      setAsideReason: registration.setAsideReason,
      versions: registration.versions,
      documents: registration.documents,
      requests: registration.requests,
      uploads,
      published,
      receipts,
      documentList,
    });
  }

  const data = {
    format: EXPORT_FORMAT,
    exportedAt: now,
    account: {
      email: record.account.email,
      createdAt: record.account.createdAt,
      activatedAt: record.account.activatedAt,
    },
    identity: record.identity,
    drafts: record.drafts,
    registrations,
    mails: record.mails,
    journal: record.journal,
  };
  const text = (body: string): Buffer => Buffer.from(body, 'utf8');
  entries.unshift(
    { path: README_FILE, mtime: now, compress: true, content: text(README) },
    {
      path: DATA_FILE,
      mtime: now,
      compress: true,
      content: text(`${JSON.stringify(data, null, 2)}\n`),
    },
  );
  return { filename: `donnees-personnelles-${now.toISOString().slice(0, 10)}.zip`, entries };
}

function pdfEntry(path: string, mtime: Date, bytes: Uint8Array): ArchiveEntry {
  return { path, mtime, compress: false, content: Buffer.from(bytes) };
}

/** A file of the file store, opened only when the archive reaches it (one open file at a time). */
function storedEntry(
  ctx: PersonalDataContext,
  path: string,
  mtime: Date,
  storageKey: string,
  size: number,
): ArchiveEntry {
  return {
    path,
    mtime,
    compress: false,
    content: { size, open: () => ctx.files.read(storageKey) },
  };
}

/**
 * A name inside the archive: numbered so two files with one name stay apart, the cleaned
 * display name without characters that a file system refuses, and the extension of the real
 * type (a PDF named « page.html » is stored as « page.html.pdf »).
 */
function archiveName(index: number, name: string, mediaType: string): string {
  const extensions = EXTENSIONS[mediaType as MediaType] ?? ['bin'];
  let cleaned = displayName(name).replace(/[<>:"/\\|?*]/g, '_');
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  if (!extensions.includes(extension)) cleaned = `${cleaned}.${extensions[0] ?? 'bin'}`;
  return `${String(index).padStart(2, '0')}-${cleaned}`;
}

/** Says, in the candidate's words, what the archive holds. */
const README = `Vos données personnelles – portail des inscriptions aux examens

Cette archive contient tout ce que le portail conserve à votre sujet :

- donnees.json : votre compte (adresse électronique, dates de création et d’activation),
  votre état civil, vos inscriptions avec chacune de leurs versions, les pièces
  justificatives demandées et leur état (avec le motif d’un refus, ou la raison pour
  laquelle le pôle a marqué une pièce « Non concerné »), les fichiers déposés (nom, type,
  taille, empreinte SHA-256), vos demandes aux pôles et leurs réponses, les courriels qui
  vous ont été envoyés (objet et date), les documents transmis par le pôle et les actions
  enregistrées à votre sujet dans le journal du service ;
- inscriptions/<numéro>/ : pour chaque inscription, le récapitulatif de chaque version, la
  liste des pièces justificatives, vos justificatifs (justificatifs/) et les documents
  transmis par le pôle (documents-du-pole/).

Les dates sont en temps universel (UTC). Votre mot de passe n’y figure pas : le portail n’en
garde qu’une empreinte, qui ne permet pas de le retrouver.
`;
