/**
 * Saving registrations on the notice's own catalogue (poitiers-2025), over a real database:
 * the window to the millisecond in Paris time, two hundred concurrent saves, the identity
 * locked by the first registration, and requests routed to the pôle of exam and specialty.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { requestChange } from '../../src/domain/registrations/request-change.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { startRegistration } from '../../src/domain/registrations/start-registration.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { mailsTo } from '../support/outbox.js';
import { CANDIDATURE_FIELDS, IDENTITY_FIELDS, draftFields } from '../support/registration.js';
import type { TestApp } from '../support/test-app.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';

describe.each(dialects)('saving registrations (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
  });
  afterEach(() => t.close());

  // The CS has its own eligibility routes (holding the prerequisite diploma, …).
  const candidature = (examCode: string) =>
    examCode === 'CS'
      ? { ...CANDIDATURE_FIELDS, eligibilityRoute: 'prerequisite-diploma' }
      : CANDIDATURE_FIELDS;
  const save = (examCode = 'BCP', specialtyCode = '40022106', identity = IDENTITY_FIELDS) =>
    saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', examCode, specialtyCode, identity, candidature(examCode)),
    });
  const refusal = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'accepted',
      (error: unknown) =>
        error instanceof DomainError ? `${error.code}: ${error.message}` : String(error),
    );

  it('accepts a save at 18:59:59.999 Paris time on 13 November 2024 and refuses one at 19:00:00.000', async () => {
    t.clock.set('2024-11-13T17:59:59.999Z');
    expect((await save()).number).toBe('2025-BCP-000001');
    t.clock.set('2024-11-13T18:00:00.000Z');
    expect(await refusal(save())).toBe(
      'window_closed: Les inscriptions pour cet examen sont closes depuis le 13 novembre 2024 à 19 h 00.',
    );
    const versions = await t.app.database.db
      .selectFrom('registration_versions')
      .select('version')
      .execute();
    expect(versions).toEqual([{ version: 1 }]);
  });

  it('opens BAC PRO at 10:00 summer time on 10 October and CS at midnight on 22 October', async () => {
    t.clock.set('2024-10-10T07:59:59.999Z');
    expect(await refusal(save())).toBe(
      'window_not_open: Les inscriptions pour cet examen ouvriront le 10 octobre 2024 à 10 h 00.',
    );
    t.clock.set('2024-10-10T08:00:00.000Z');
    expect(await refusal(save())).toBe('accepted');
    t.clock.set('2024-10-21T21:59:59.999Z');
    expect(await refusal(save('CS', '46133413'))).toBe(
      'window_not_open: Les inscriptions pour cet examen ouvriront le 22 octobre 2024 à 0 h 00.',
    );
    t.clock.set('2024-10-21T22:00:00.000Z');
    expect(await refusal(save('CS', '46133413'))).toBe('accepted');
  });

  it('counts exactly the accepted saves when two hundred arrive at once', async () => {
    await save();
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => refusal(save())));
    const accepted = outcomes.filter((o) => o === 'accepted').length;
    expect(accepted).toBe(200);
    const [registration] = await t.app.database.db
      .selectFrom('registrations')
      .select(['version'])
      .execute();
    expect(registration?.version).toBe(1 + accepted);
    const versions = await t.app.database.db
      .selectFrom('registration_versions')
      .select('version')
      .orderBy('version')
      .execute();
    expect(versions.map((v) => Number(v.version))).toEqual(
      Array.from({ length: 201 }, (_, i) => i + 1),
    );
    expect(
      (await mailsTo(t.app, DEMO)).filter((m) => m.subject.startsWith('Modification')).length,
    ).toBe(200);
  });

  it('keeps one registration per exam and session, and the identity of the first one for the next', async () => {
    await save();
    expect(
      await refusal(
        startRegistration(t.app.registrations, {
          accountId,
          sessionCode: '2025',
          examCode: 'BCP',
          specialtyCode: '40022106',
        }),
      ),
    ).toMatch(/^conflict: Vous êtes déjà inscrit/);
    const second = await save('BP', '45025517', {
      ...IDENTITY_FIELDS,
      birthName: 'Autre',
      firstNames: 'Nom',
    });
    expect(second.data.identity.birthName).toBe('Dupont');
    expect(second.data.identity.firstNames).toBe('Camille Marie');
  });

  it.each([
    ['BCP', '40022106', 'bac-pro', 'Pôle baccalauréats professionnels'],
    ['CS', '46133413', 'sah', 'Pôle services, alimentation, hôtellerie'],
    ['BP', '45025517', 'industriel-tertiaire', 'Pôle industriel, tertiaire'],
  ])('routes a %s %s request to the pôle %s', async (exam, specialty, desk, deskName) => {
    const registration = await save(exam, specialty);
    const request = await requestChange(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      registrationNumber: registration.number,
      kind: 'identity',
      message: 'Mon second prénom est Marie-Anne.',
    });
    expect(request.deskCode).toBe(desk);
    const mail = (await mailsTo(t.app, DEMO)).find(
      (m) => m.subject === 'Votre demande de correction d’état civil a été transmise',
    );
    expect(mail?.text_body).toContain(`au ${deskName}`);

    expect(
      await refusal(
        requestChange(t.app.registrations, {
          accountId,
          accountEmail: DEMO,
          registrationNumber: registration.number,
          kind: 'address',
          message: '',
          address: { addressLine1: '1 rue Neuve', postalCode: '86000', city: 'Poitiers' },
        }),
      ),
    ).toMatch(/^conflict: Les inscriptions sont encore ouvertes/);
    t.clock.set('2024-11-13T18:00:00.000Z');
    const address = await requestChange(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      registrationNumber: registration.number,
      kind: 'address',
      message: '',
      address: { addressLine1: '1 rue Neuve', postalCode: '86000', city: 'Poitiers' },
    });
    expect(address.deskCode).toBe(desk);
    expect(address.payload).toEqual({
      line1: '1 rue Neuve',
      line2: '',
      postalCode: '86000',
      city: 'Poitiers',
      country: 'France',
    });
  });

  it('refuses a request on another candidate’s registration as if it did not exist', async () => {
    const registration = await save();
    expect(
      await refusal(
        requestChange(t.app.registrations, {
          accountId: 'someone-else',
          accountEmail: 'x@exemple.fr',
          registrationNumber: registration.number,
          kind: 'question',
          message: 'Bonjour',
        }),
      ),
    ).toBe('not_found: Cette inscription n’existe pas.');
  });
});
