/**
 * The check after a crash or an outage, on the portal's own database and upload folder:
 *
 * - every acknowledged write of the ledger is there and identical (the version holds the
 *   address complement typed for that save; the file's row has the SHA-256 and size of the
 *   bytes sent, and so do the bytes on disk);
 * - nothing is half-written, acknowledged or not: a registration's versions run 1…n with the
 *   registration equal to its last one; each version, file and declaration has the audit
 *   entry and the mail written in its transaction (the mail's instant is the change's), and
 *   each audit entry its change; a file's document is no longer « attendu »;
 * - files and rows match: every row's file exists, whole (size and SHA-256 read back from
 *   disk); every stored file has its row, unless `orphansAllowed` (right after a crash, before
 *   the sweep), when they are only counted, with the temporary files of cut writes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { Schema } from '../../../src/infra/db/schema.js';
import type { Ledger } from './ledger.js';

export interface ConsistencyReport {
  /** Acknowledged writes looked up (activations, saves, files, declarations). */
  acknowledged: { activations: number; saves: number; uploads: number; declarations: number };
  registrations: number;
  versions: number;
  declared: number;
  /** Files read back from disk and hashed. */
  filesChecked: number;
  /** Stored files no row points to, and temporary files of interrupted writes. */
  orphanFiles: number;
  temporaryFiles: number;
  violations: string[];
}

const AUDITED = ['registration.saved', 'upload.added', 'documents.declared_complete'];

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function names(folder: string): Promise<string[]> {
  return readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/** The storage keys of the files in the upload folder, and the temporary files. */
async function filesOnDisk(uploadDir: string): Promise<{ keys: string[]; temporary: number }> {
  const keys: string[] = [];
  for (const shard of (await names(uploadDir)).filter((n) => /^[0-9a-f]{2}$/.test(n)))
    for (const name of await names(path.join(uploadDir, shard))) keys.push(`${shard}/${name}`);
  return { keys, temporary: (await names(path.join(uploadDir, '.tmp'))).length };
}

const parse = (text: string | null): Record<string, unknown> =>
  text ? (JSON.parse(text) as Record<string, unknown>) : {};

export async function checkConsistency(
  db: Kysely<Schema>,
  uploadDir: string,
  ledger: Ledger,
  { orphansAllowed }: { orphansAllowed: boolean },
): Promise<ConsistencyReport> {
  const violations: string[] = [];
  const fail = (message: string): void => {
    violations.push(message);
  };

  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'email', 'activated_at'])
    .execute();
  const registrations = await db
    .selectFrom('registrations')
    .select(['id', 'number', 'account_id', 'version', 'saved_at', 'data', 'complete_declared_at'])
    .execute();
  const versions = await db
    .selectFrom('registration_versions')
    .select(['registration_id', 'version', 'saved_at', 'data'])
    .orderBy('registration_id')
    .orderBy('version')
    .execute();
  const uploads = await db.selectFrom('uploads').selectAll().execute();
  const published = await db.selectFrom('published_documents').select('storage_key').execute();
  const documents = await db
    .selectFrom('required_documents')
    .select(['registration_id', 'key', 'state'])
    .execute();
  const audit = await db
    .selectFrom('audit_log')
    .select(['action', 'subject_id', 'after_state'])
    .where('action', 'in', AUDITED)
    .execute();
  const mails = await db.selectFrom('outbox').select(['account_id', 'created_at']).execute();

  const mailAt = new Set(mails.map((m) => `${m.account_id ?? ''}@${m.created_at}`));
  const auditKeys = new Set(
    audit.map((a) => {
      const after = parse(a.after_state);
      const detail =
        a.action === 'registration.saved'
          ? String(after.version)
          : a.action === 'upload.added'
            ? String(after.upload)
            : '';
      return `${a.action}:${a.subject_id ?? ''}:${detail}`;
    }),
  );
  const versionsOf = new Map<string, typeof versions>();
  for (const v of versions) {
    const list = versionsOf.get(v.registration_id) ?? [];
    list.push(v);
    versionsOf.set(v.registration_id, list);
  }
  const byNumber = new Map(registrations.map((r) => [r.number, r]));
  const byId = new Map(registrations.map((r) => [r.id, r]));

  // Whole writes: each registration against its versions, audit entries and mails.
  for (const r of registrations) {
    const list = versionsOf.get(r.id) ?? [];
    const numbers = list.map((v) => Number(v.version));
    if (
      !isDeepStrictEqual(
        numbers,
        Array.from({ length: Number(r.version) }, (_, i) => i + 1),
      )
    )
      fail(`${r.number}: version ${r.version} but version rows [${numbers.join(', ')}]`);
    const last = list.at(-1);
    if (
      last &&
      (last.saved_at !== r.saved_at || !isDeepStrictEqual(parse(last.data), parse(r.data)))
    )
      fail(`${r.number}: the registration differs from its last version`);
    for (const v of list) {
      if (!auditKeys.has(`registration.saved:${r.id}:${v.version}`))
        fail(`${r.number}: version ${v.version} has no audit entry`);
      if (!mailAt.has(`${r.account_id}@${v.saved_at}`))
        fail(`${r.number}: version ${v.version} has no mail`);
    }
    if (r.complete_declared_at !== null) {
      if (!auditKeys.has(`documents.declared_complete:${r.id}:`))
        fail(`${r.number}: declared complete without its audit entry`);
      if (!mailAt.has(`${r.account_id}@${r.complete_declared_at}`))
        fail(`${r.number}: declared complete without its mail`);
    }
  }
  for (const a of audit) {
    const r = a.subject_id ? byId.get(a.subject_id) : undefined;
    const after = parse(a.after_state);
    if (a.action === 'registration.saved' && !(r && Number(after.version) <= Number(r.version)))
      fail(`audit entry of version ${String(after.version)} of ${a.subject_id ?? '?'} without it`);
    if (a.action === 'documents.declared_complete' && r?.complete_declared_at === null)
      fail(`audit entry of a declaration of ${r.number} that is not recorded`);
  }

  // Files: every row's bytes on disk, whole; the audit entry; the document's state.
  const state = new Map(documents.map((d) => [`${d.registration_id}/${d.key}`, d.state]));
  let filesChecked = 0;
  for (const u of uploads) {
    const where = `${byId.get(u.registration_id)?.number ?? u.registration_id}/${u.document_key}`;
    if (!auditKeys.has(`upload.added:${u.registration_id}:${u.id}`))
      fail(`${where}: file ${u.id} without its audit entry`);
    if (state.get(`${u.registration_id}/${u.document_key}`) === 'attendu')
      fail(`${where}: a file is recorded but the document is still « attendu »`);
    const file = path.join(uploadDir, u.storage_key);
    const size = await stat(file).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) {
      fail(`${where}: row ${u.id} points to a missing file (${u.storage_key})`);
      continue;
    }
    filesChecked += 1;
    if (size !== Number(u.size) || (await sha256Of(file)) !== u.sha256)
      fail(`${where}: the file on disk is not the one recorded (${u.storage_key})`);
  }
  const referenced = new Set([...uploads, ...published].map((u) => u.storage_key));
  const disk = await filesOnDisk(uploadDir);
  const orphans = disk.keys.filter((k) => !referenced.has(k));
  if (!orphansAllowed) {
    if (orphans.length > 0) fail(`${orphans.length} stored file(s) without a row: ${orphans[0]}…`);
    if (disk.temporary > 0) fail(`${disk.temporary} temporary file(s) left in .tmp`);
  }

  // The acknowledged writes, each found and identical.
  const activated = new Map(accounts.map((a) => [a.email, a.activated_at]));
  for (const email of ledger.activations)
    if (!activated.get(email)) fail(`acknowledged activation of ${email} lost`);
  for (const s of ledger.saves) {
    const r = byNumber.get(s.number);
    const found = (r ? (versionsOf.get(r.id) ?? []) : []).some((v) => {
      const contact = parse(v.data).contact as { address?: { line2?: string } } | undefined;
      return contact?.address?.line2 === s.addressLine2;
    });
    if (!found) fail(`acknowledged save of ${s.number} (« ${s.addressLine2} ») lost`);
  }
  for (const a of ledger.uploads) {
    const r = byNumber.get(a.number);
    const row = uploads.find(
      (u) =>
        u.registration_id === r?.id &&
        u.document_key === a.document &&
        u.sha256 === a.sha256 &&
        Number(u.size) === a.size,
    );
    if (!row) fail(`acknowledged file of ${a.number}/${a.document} lost or different`);
  }
  for (const d of ledger.declarations)
    if (!byNumber.get(d.number)?.complete_declared_at)
      fail(`acknowledged « J’ai fourni toutes mes pièces » of ${d.number} lost`);

  return {
    acknowledged: {
      activations: ledger.activations.length,
      saves: ledger.saves.length,
      uploads: ledger.uploads.length,
      declarations: ledger.declarations.length,
    },
    registrations: registrations.length,
    versions: versions.length,
    declared: registrations.filter((r) => r.complete_declared_at !== null).length,
    filesChecked,
    orphanFiles: orphans.length,
    temporaryFiles: disk.temporary,
    violations,
  };
}
