/**
 * Reminders to registrations started but never saved (« Enregistrer »), on the notice's
 * catalogue: at the reminders' offsets before the close, once each even when two runs race,
 * only the nearest one when the draft is started late; none once the candidate is registered,
 * none for a window that is not open, none to an account not activated.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { startRegistration } from '../../src/domain/registrations/start-registration.js';
import { toDb } from '../../src/infra/db/instants.js';
import { startOnPoitiers } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { mailsTo } from '../support/outbox.js';
import { draftFields } from '../support/registration.js';
import type { TestApp } from '../support/test-app.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';
const CLOSE = new Date('2024-11-13T18:00:00.000Z').getTime();
const DAY = 86_400_000;
const SUBJECT = 'Votre inscription n’est pas enregistrée – BAC PRO Cuisine – Session juin 2025';

describe.each(dialects)('unsaved draft reminders (%s)', (dialect) => {
  let t: TestApp;
  let accountId: string;
  beforeEach(async () => {
    ({ t, demoAccountId: accountId } = await startOnPoitiers(dialect));
  });
  afterEach(() => t.close());

  const startDraft = (): Promise<unknown> =>
    startRegistration(t.app.registrations, {
      accountId,
      sessionCode: '2025',
      examCode: 'BCP',
      specialtyCode: '40022106',
    });
  const reminders = async (): Promise<{ subject: string; text_body: string }[]> =>
    (await mailsTo(t.app, DEMO)).filter((m) => m.subject.startsWith('Votre inscription n’est'));

  it('reminds a draft never saved 7 days and 1 day before the close, once each', async () => {
    await startDraft();
    t.clock.set(new Date(CLOSE - 7 * DAY - 1));
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });
    t.clock.set(new Date(CLOSE - 7 * DAY));
    // Two nodes running the task at once: the reminder is claimed by one of them only.
    const runs = await Promise.all([t.app.sendDraftReminders(), t.app.sendDraftReminders()]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });
    const [first] = await reminders();
    expect(first?.subject).toBe(SUBJECT);
    expect(first?.text_body).toContain('Les inscriptions closent le 13 novembre 2024 à 19 h 00');
    expect(first?.text_body).toContain('Ce que vous avez saisi est conservé');
    expect(first?.text_body).toContain('« Reprendre mon inscription »');
    expect(first?.text_body).toContain('« Enregistrer » avant la clôture');
    expect(first?.text_body).toContain('Mes inscriptions : http://localhost:3000/espace');
    expect(first?.text_body).toContain(
      'Pour toute question sur cette inscription : Pôle baccalauréats professionnels',
    );
    t.clock.set(new Date(CLOSE - DAY));
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 1 });
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });
    t.clock.set(new Date(CLOSE));
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });
    expect(await reminders()).toHaveLength(2);
  });

  it('sends a draft started late only the nearest reminder', async () => {
    t.clock.set(new Date(CLOSE - 12 * 3_600_000));
    await startDraft();
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 1 });
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });
    expect(await reminders()).toHaveLength(1);
  });

  it('reminds nobody registered for that exam, even with a draft left by « Modifier »', async () => {
    await startDraft();
    // Saved from whole fields: the draft stays, as the one « Modifier » opens next to a registration.
    await saveRegistration(t.app.registrations, {
      accountId,
      accountEmail: DEMO,
      fields: draftFields('2025', 'BCP', '40022106'),
    });
    const drafts = await t.app.database.db
      .selectFrom('registration_drafts')
      .select('account_id')
      .execute();
    expect(drafts).toHaveLength(1);
    t.clock.set(new Date(CLOSE - DAY));
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });
    expect(await reminders()).toHaveLength(0);
  });

  it('reminds no draft whose window is closed or not yet open, nor an account not activated', async () => {
    await startDraft();
    const db = t.app.database.db;
    const moveWindow = (opens: number, closes: number): Promise<unknown> =>
      db
        .updateTable('registration_windows')
        .set({ opens_at: toDb(new Date(opens)), closes_at: toDb(new Date(closes)) })
        .where('session_code', '=', '2025')
        .where('exam_code', '=', 'BCP')
        .execute();

    t.clock.set(new Date(CLOSE - DAY));
    await moveWindow(CLOSE - 30 * DAY, CLOSE - DAY - 1);
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });
    await moveWindow(CLOSE - DAY + 1, CLOSE);
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });

    await moveWindow(CLOSE - 30 * DAY, CLOSE);
    await db
      .updateTable('accounts')
      .set({ activated_at: null })
      .where('id', '=', accountId)
      .execute();
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 0 });
    await db
      .updateTable('accounts')
      .set({ activated_at: toDb(new Date(CLOSE - 30 * DAY)) })
      .where('id', '=', accountId)
      .execute();
    expect(await t.app.sendDraftReminders()).toEqual({ sent: 1 });
  });
});
