/**
 * Uploads racing each other and « J'ai fourni toutes mes pièces », on both databases: the
 * registration's row is taken for every change of its files, so two files never land on a
 * single-file document, and no file is recorded after the file was declared complete.
 */
import { Readable } from 'node:stream';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { declareComplete } from '../../src/domain/documents/declare-complete.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { draftFields } from '../support/registration.js';
import type { TestApp } from '../support/test-app.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';

function png(): Buffer {
  const image = new PNG({ width: 4, height: 4 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

describe.each(dialects)('uploads under concurrency (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  let number: string;
  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
    number = (
      await saveRegistration(t.app.registrations, {
        accountId,
        accountEmail: DEMO,
        fields: draftFields('2025', 'BCP', '40022106'),
      })
    ).number;
  });
  afterEach(() => t.close());

  const add = (documentKey: string): Promise<string> =>
    addUpload(t.app.documents, {
      accountId,
      registrationNumber: number,
      documentKey,
      originalName: 'scan.png',
      source: Readable.from([png()]),
    }).then(
      () => 'accepted',
      (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
    );

  it('keeps one file on a single-file document when five arrive at once', async () => {
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => add('jdc')));
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
    const rows = await t.app.database.db
      .selectFrom('uploads')
      .select('id')
      .where('document_key', '=', 'jdc')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('records no file after « J’ai fourni toutes mes pièces », however close they race', async () => {
    for (const key of ['piece-identite', 'jdc', 'certificats-travail'])
      expect(await add(key)).toBe('accepted');
    // Every reading of the clock moves it on by a millisecond: the order of the instants
    // taken inside the transactions is the order in which they took the registration's row.
    const read = t.clock.now.bind(t.clock);
    t.clock.now = () => {
      t.clock.advance(1);
      return read();
    };
    const [declared, ...late] = await Promise.all([
      declareComplete(t.app.documents, {
        accountId,
        accountEmail: DEMO,
        registrationNumber: number,
      }),
      add('piece-identite'),
      add('certificats-travail'),
    ]);
    const registration = await t.app.database.db
      .selectFrom('registrations')
      .select('complete_declared_at')
      .executeTakeFirstOrThrow();
    expect(registration.complete_declared_at).toBe(declared.declaredAt.toISOString());
    const uploads = await t.app.database.db.selectFrom('uploads').select('created_at').execute();
    expect(uploads).toHaveLength(3 + late.filter((o) => o === 'accepted').length);
    for (const upload of uploads)
      expect(upload.created_at < declared.declaredAt.toISOString()).toBe(true);
    expect(late.filter((o) => o !== 'accepted')).toEqual(
      late.filter((o) => o === 'forbidden' || o === 'validation' || o === 'conflict'),
    );
    expect(await add('piece-identite')).not.toBe('accepted');
  });
});
