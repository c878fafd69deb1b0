/**
 * Reminders before the close (7 days and 1 day by default), on the notice's catalogue: each
 * sent once, at its instant, naming what is missing; not to complete files; a registration
 * made late gets only the nearest reminder; none while the office has set it aside (« Écarter »
 * through the pôle's page), and they resume after « Réintégrer ».
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { mailsTo } from '../support/outbox.js';
import { draftFields } from '../support/registration.js';
import { addStaffMember, mintStaffSession } from '../support/staff.js';
import type { TestApp } from '../support/test-app.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';
const CLOSE = new Date('2024-11-13T18:00:00.000Z').getTime();
const DAY = 86_400_000;

describe.each(dialects)('reminders (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
  });
  afterEach(() => t.close());

  const reminders = async (): Promise<string[]> =>
    (await mailsTo(t.app, DEMO))
      .filter((m) => m.subject.startsWith('Rappel'))
      .map((m) => m.text_body);

  it('reminds an incomplete file 7 days and 1 day before the close, once each, naming what is missing', async () => {
    await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    t.clock.set(new Date(CLOSE - 7 * DAY - 1));
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });
    t.clock.set(new Date(CLOSE - 7 * DAY));
    expect(await t.app.sendReminders()).toEqual({ sent: 1 });
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });
    const [first] = await reminders();
    expect(first).toContain('Les inscriptions closent le 13 novembre 2024 à 19 h 00');
    expect(first).toContain('– Pièce d’identité en cours de validité');
    expect(first).toContain('– Certificats de travail ou attestations d’employeur');
    t.clock.set(new Date(CLOSE - DAY));
    expect(await t.app.sendReminders()).toEqual({ sent: 1 });
    t.clock.set(new Date(CLOSE - 1));
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });
    t.clock.set(new Date(CLOSE));
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });
    expect(await reminders()).toHaveLength(2);
  });

  it('sends a late registration only the nearest reminder, and none to a complete file', async () => {
    t.clock.set(new Date(CLOSE - 12 * 3_600_000));
    const registration = await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    expect(await t.app.sendReminders()).toEqual({ sent: 1 });
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });
    expect(await reminders()).toHaveLength(1);

    await t.app.database.db.deleteFrom('reminders_sent').execute();
    await t.app.database.db
      .updateTable('registrations')
      .set({ complete_declared_at: new Date(CLOSE - DAY).toISOString() })
      .where('id', '=', registration.id)
      .execute();
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });
  });

  it('skips a registration set aside, and resumes once it is reinstated', async () => {
    const { number } = await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    const { member } = await addStaffMember(t, {
      email: 'bac.pro@ac-poitiers.fr',
      name: 'Pôle bac pro',
      role: 'gestionnaire',
      desks: ['bac-pro'],
    });
    const page = `/gestion/inscriptions/${number}`;
    const act = async (action: 'ecarter' | 'reintegrer'): Promise<void> => {
      // A session of the day: the clock moves days between the acts, past a session's life.
      const office = t.browser();
      office.cookies.set('candidat_gestion', await mintStaffSession(t, member.id));
      const fields: Record<string, string> =
        action === 'ecarter' ? { motif: 'Conditions d’accès à vérifier' } : {};
      const done = await office.submit(await office.get(page), `${page}/${action}`, fields);
      expect(done.status, action).toBe(303);
    };

    await act('ecarter');
    t.clock.set(new Date(CLOSE - 7 * DAY));
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });
    await act('reintegrer');
    expect(await t.app.sendReminders()).toEqual({ sent: 1 });
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });

    await act('ecarter');
    t.clock.set(new Date(CLOSE - DAY));
    expect(await t.app.sendReminders()).toEqual({ sent: 0 });
    t.clock.set(new Date(CLOSE - DAY + 3_600_000));
    await act('reintegrer');
    expect(await t.app.sendReminders()).toEqual({ sent: 1 });
    const sent = await reminders();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain('– Pièce d’identité en cours de validité');
  });
});
