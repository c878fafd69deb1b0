/**
 * A candidate's « Enregistrer » racing the office's correction of their identity, on
 * PostgreSQL (SQLite serialises writers, so there is no race to lose there). The save reads the
 * locked identity early and writes its version late; if the correction commits in between, the
 * save must not write a version carrying the identity as it was before the correction.
 *
 * The test holds the draft's row from a connection of its own: the save stops on it (when it
 * spends the draft's revision), after reading the identity. The correction then runs; once it
 * has finished or is itself waiting, the draft is let go and both are awaited.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { beginModification } from '../../src/domain/registrations/begin-modification.js';
import { requestChange } from '../../src/domain/registrations/request-change.js';
import type { Identity } from '../../src/domain/registrations/registration.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { updateDraft } from '../../src/domain/registrations/update-draft.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { CANDIDATURE_FIELDS, IDENTITY_FIELDS, draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';
import { csrfOf } from '../support/test-browser.js';

const dialects = (await testDialects()).filter((d) => d === 'postgres');
const DEMO = DEMO_ACCOUNT.email;
const CORRECTED = { ...IDENTITY_FIELDS, firstNames: 'Camille-Marie' };

/** Sessions of this test's database waiting for a lock another transaction holds. */
async function lockWaiters(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`,
  );
  return Number(rows[0]?.n ?? 0);
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(dialects)('a save racing an identity correction (%s)', () => {
  let t: TestApp;
  let accountId: string;
  let holder: pg.Client;

  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers('postgres'));
    const location = t.database.location;
    if (location.dialect !== 'postgres') throw new Error('PostgreSQL only');
    holder = new pg.Client({ connectionString: location.url });
    await holder.connect();
  });
  afterEach(async () => {
    await holder.end();
    await t.close();
  });

  it('never leaves a version with the identity as it was before the correction', async () => {
    const first = await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    const request = await requestChange(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      registrationNumber: first.number,
      kind: 'identity',
      message: 'Mon prénom est Camille-Marie, avec un trait d’union.',
    });
    const { member } = await addStaffMember(t, {
      email: 'bac.pro@ac-poitiers.fr',
      name: 'Agent bac pro',
      role: 'gestionnaire',
      desks: ['bac-pro'],
    });
    const desk = t.browser();
    desk.cookies.set('candidat_gestion', await mintStaffSession(t, member.id));
    const csrf = csrfOf(await desk.get('/gestion'));
    // The candidate is changing their phone number in the wizard meanwhile.
    await beginModification(t.app.registrations, {
      accountId,
      sessionCode: '2025',
      examCode: 'BCP',
    });
    const draft = await updateDraft(t.app.registrations, {
      accountId,
      sessionCode: '2025',
      examCode: 'BCP',
      step: 'identity',
      fields: { ...IDENTITY_FIELDS, phone: '07 00 00 00 00' },
    });

    await holder.query('begin');
    await holder.query(`select 1 from registration_drafts where account_id = $1 for update`, [
      accountId,
    ]);
    const save = saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields(
        '2025',
        'BCP',
        '40022106',
        { ...IDENTITY_FIELDS, phone: '07 00 00 00 00' },
        CANDIDATURE_FIELDS,
      ),
      draftRevision: draft.revision,
    }).then(
      () => 'saved',
      (error: unknown) => error,
    );
    await until(async () => (await lockWaiters(holder)) === 1, 'the save to wait for the draft');

    let corrected = false;
    const correction = desk
      .post(`/gestion/demandes/${request.id}/appliquer`, CORRECTED, csrf)
      .then((page) => {
        corrected = true;
        return page.status;
      });
    // Either the correction goes through while the save waits (the race), or it waits for
    // the save (the fix).
    await until(
      async () => corrected || (await lockWaiters(holder)) === 2,
      'the correction to finish or to wait',
    );
    await holder.query('rollback');

    expect(await save).toBe('saved');
    expect(await correction).toBe(303);
    const identity = await t.app.database.db
      .selectFrom('candidate_identities')
      .select('identity')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect((JSON.parse(identity.identity) as Identity).firstNames).toBe('Camille-Marie');
    const current = await t.app.database.db
      .selectFrom('registrations')
      .select(['data', 'version'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(current.version).toBe(3);
    expect((JSON.parse(current.data) as { identity: Identity }).identity.firstNames).toBe(
      'Camille-Marie',
    );
  });
});
