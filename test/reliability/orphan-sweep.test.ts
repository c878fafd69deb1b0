/**
 * The sweep of stored files no row points to (src/domain/documents/sweep-orphan-files.ts),
 * run at start and periodically by `serve`: what a crash between a file's write and its
 * row's commit leaves behind. Past the grace period a file without a row goes, and so does a
 * temporary file of a write cut short; a file with a row (a candidate's upload, a document the
 * office published) stays whatever its age, and so does a young file without a row (an upload
 * whose row is about to be committed). On SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/domain/clock.js';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { sweepOrphanFiles } from '../../src/domain/documents/sweep-orphan-files.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { fileReferences } from '../../src/infra/repositories/file-references.repository.js';
import { folderSweepableFiles } from '../../src/infra/storage/folder-file-store.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { makePng } from '../support/files.js';
import { draftFields } from '../support/registration.js';
import type { TestApp } from '../support/test-app.js';

const dialects = await testDialects();
const HOUR = 3_600_000;

describe.each(dialects)('the sweep of orphan files (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
  });
  afterEach(() => t.close());

  const store = (): string => t.app.config.uploadDir;
  const write = async (): Promise<string> =>
    (await t.app.documents.files.write(Readable.from([makePng()]), 1024 * 1024)).key;
  const age = async (file: string, ms: number): Promise<void> => {
    const at = new Date(Date.now() - ms);
    await utimes(file, at, at);
  };
  const sweep = () =>
    sweepOrphanFiles({
      files: folderSweepableFiles(store()),
      references: fileReferences(t.app.database.db),
      clock: systemClock,
      graceMs: HOUR,
    });

  it('deletes old files without a row and old temporary files, and nothing else', async () => {
    const registration = await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: 'candidat.demo@exemple.fr',
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    const upload = await addUpload(t.app.documents, {
      accountId,
      registrationNumber: registration.number,
      documentKey: 'piece-identite',
      originalName: 'recto.png',
      source: Readable.from([makePng()]),
    });
    const published = await write();
    await t.app.database.db
      .insertInto('published_documents')
      .values({
        id: randomUUID(),
        registration_id: registration.id,
        title: 'Convocation',
        storage_key: published,
        original_name: 'convocation.pdf',
        media_type: 'application/pdf',
        size: 1,
        sha256: '0'.repeat(64),
        published_at: new Date().toISOString(),
        published_by: randomUUID(),
      })
      .execute();
    const orphan = await write();
    const young = await write();
    await mkdir(path.join(store(), '.tmp'), { recursive: true });
    const cut = path.join(store(), '.tmp', 'cut-short.part');
    const writing = path.join(store(), '.tmp', 'in-progress.part');
    await writeFile(cut, 'half a file');
    await writeFile(writing, 'a file being written');
    for (const key of [upload.storageKey, published, orphan])
      await age(path.join(store(), key), 2 * HOUR);
    await age(path.join(store(), young), HOUR - 60_000);
    await age(cut, 2 * HOUR);

    expect(await sweep()).toEqual({ checked: 4, deleted: 1, temporary: 1 });
    const present = (key: string): boolean => existsSync(path.join(store(), key));
    expect(present(orphan)).toBe(false);
    expect([upload.storageKey, published, young].map(present)).toEqual([true, true, true]);
    expect([existsSync(cut), existsSync(writing)]).toEqual([false, true]);
    // Nothing more to do: a second sweep, as another node would run it, deletes nothing.
    expect(await sweep()).toEqual({ checked: 3, deleted: 0, temporary: 0 });
  });
});

describe('ORPHAN_GRACE_SECONDS', () => {
  const env = {
    SMTP_URL: 'smtp://127.0.0.1:2525',
    SESSION_SECRET: 's'.repeat(32),
    RECEIPT_KEY: 'r'.repeat(32),
  };

  it('is an hour unless said, and never zero', () => {
    expect(loadConfig(env).orphanGraceMs).toBe(HOUR);
    expect(loadConfig({ ...env, ORPHAN_GRACE_SECONDS: '600' }).orphanGraceMs).toBe(600_000);
    expect(() => loadConfig({ ...env, ORPHAN_GRACE_SECONDS: '0' })).toThrow(ConfigError);
  });
});
