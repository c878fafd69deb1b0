/**
 * A candidate's file seen from the office: the gestionnaire of the pôle that handles the
 * registration gets the very bytes, a gestionnaire of another pôle is refused in French.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { draftFields } from '../support/registration.js';
import { activateStaff, addStaffMember } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';

describe.each(dialects)('candidates’ files for the office (%s)', (dialect) => {
  let t: TestApp;
  let uploadId: string;
  let bytes: Buffer;
  beforeEach(async () => {
    let accountId: string;
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
    const { number } = await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    const image = new PNG({ width: 8, height: 8 });
    image.data.fill(120);
    bytes = PNG.sync.write(image);
    uploadId = (
      await addUpload(t.app.documents, {
        accountId,
        registrationNumber: number,
        documentKey: 'jdc',
        originalName: 'jdc.png',
        source: Readable.from([bytes]),
      })
    ).id;
  });
  afterEach(() => t.close());

  const officeBrowser = async (email: string, desk: string) => {
    const browser = t.browser();
    const { setupPath } = await addStaffMember(t, {
      email,
      name: email,
      role: 'gestionnaire',
      desks: [desk],
    });
    await activateStaff(t, browser, setupPath);
    return browser;
  };

  it('gives the file to the gestionnaire of the pôle bac-pro, byte for byte, not cached', async () => {
    const browser = await officeBrowser('bac.pro@ac-poitiers.fr', 'bac-pro');
    const response = await t.app.server.inject({
      method: 'GET',
      url: `/gestion/justificatifs/${uploadId}`,
      headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(createHash('sha256').update(response.rawPayload).digest('hex')).toBe(
      createHash('sha256').update(bytes).digest('hex'),
    );
  });

  it('refuses it to the gestionnaire of another pôle, in French, and says nothing of an unknown file', async () => {
    const browser = await officeBrowser('sah@ac-poitiers.fr', 'sah');
    const refused = await browser.get(`/gestion/justificatifs/${uploadId}`);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(
      'Ce fichier concerne un pôle dont vous n’êtes pas gestionnaire.',
    );
    expect(
      (await browser.get('/gestion/justificatifs/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
  });
});
