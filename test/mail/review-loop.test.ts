/**
 * The review loop end to end, the mails delivered over a real SMTP conversation: after the
 * close, the candidate's document is refused by the gestionnaire of its pôle (signed in with
 * TOTP), the refusal mail arrives with the reason, the deadline and a link to « Mes
 * justificatifs », where the candidate uploads a new file for that document; the gestionnaire
 * accepts it. Then a document is published, and its mail leads to « Mes documents ».
 */
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession } from '../../src/domain/accounts/open-session.js';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { importCatalogue } from '../support/catalogue.js';
import { testDialects } from '../support/databases.js';
import { makePdf } from '../support/files.js';
import { MULTIPART_TYPE, multipartBody } from '../support/multipart.js';
import { draftFields } from '../support/registration.js';
import { SmtpListener, linkIn } from '../support/smtp-listener.js';
import { activateStaff, addStaffMember } from '../support/staff.js';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { type TestBrowser, csrfOf } from '../support/test-browser.js';

const dialects = await testDialects();
const DEMO = 'candidat.demo@exemple.fr';

describe.each(dialects)(
  'refuse, upload again, accept, publish: the mails over SMTP (%s)',
  (dialect) => {
    let smtp: SmtpListener;
    let t: TestApp;
    beforeEach(async () => {
      smtp = new SmtpListener();
      await smtp.start();
      t = await startTestApp(dialect, { smtpUrl: smtp.url, start: '2024-11-01T09:00:00.000Z' });
      await importCatalogue(t.app, 'poitiers-2025.yaml');
    });
    afterEach(async () => {
      await t.close();
      await smtp.stop();
    });

    async function candidateBrowser(accountId: string): Promise<TestBrowser> {
      const browser = t.browser();
      const token = await openSession(
        sessionRepository(t.app.database.db),
        accountId,
        t.clock.now(),
      );
      browser.cookies.set('candidat_session', token);
      return browser;
    }

    const state = async (registrationId: string): Promise<string | undefined> =>
      (
        await t.app.database.db
          .selectFrom('required_documents')
          .select('state')
          .where('registration_id', '=', registrationId)
          .where('key', '=', 'piece-identite')
          .executeTakeFirst()
      )?.state;

    it('refusal mail with its reason → new file → validé; publication mail → « Mes documents »', async () => {
      const { id: accountId } = await t.app.database.db
        .selectFrom('accounts')
        .select('id')
        .where('email', '=', DEMO)
        .executeTakeFirstOrThrow();
      const registration = await saveRegistration(t.app.registrations, {
        accountId,
        accountEmail: DEMO,
        fields: draftFields('2025', 'BCP', '40022106'),
      });
      const number = registration.number;
      await addUpload(t.app.documents, {
        accountId,
        registrationNumber: number,
        documentKey: 'piece-identite',
        originalName: 'carte-floue.pdf',
        source: Readable.from([await makePdf('Carte floue')]),
      });
      expect(await t.app.deliverMails()).toEqual({ sent: 1, failed: 0 }); // the confirmation

      // A week after the close, the gestionnaire of the pôle bac-pro signs in and refuses.
      t.clock.set('2024-11-20T09:00:00.000Z');
      const office = t.browser();
      const { setupPath } = await addStaffMember(t, {
        email: 'bac.pro@ac-poitiers.fr',
        name: 'Agnès Martin',
        role: 'gestionnaire',
        desks: ['bac-pro'],
      });
      await activateStaff(t, office, setupPath);
      const review = `/gestion/inscriptions/${number}/pieces`;
      const refused = await office.submit(
        await office.get(review),
        `${review}/piece-identite/refuser`,
        {
          motif: 'illisible',
          precision: 'Le numéro de la carte ne se lit pas.',
          date: '2024-12-05',
          heure: '23:59',
        },
      );
      expect(refused.status).toBe(303);
      expect(await t.app.deliverMails()).toEqual({ sent: 1, failed: 0 });

      const refusal = await smtp.waitFor(DEMO, /^Pièce justificative refusée – BAC PRO Cuisine/);
      expect(refusal.text).toContain(
        'Motif : Document illisible : Le numéro de la carte ne se lit pas.',
      );
      expect(refusal.text).toContain('avant le 5 décembre 2024 à 23 h 59 (heure de Paris)');
      expect(refusal.text).toContain('pole.bac.pro@ac-poitiers.fr');
      expect(refusal.html).toContain('Mes justificatifs');

      // The mail's link leads the candidate to the document, open again for a new file.
      const candidate = await candidateBrowser(accountId);
      const link = linkIn(refusal, `/inscriptions/${number}/justificatifs`);
      const page = await candidate.get(link.pathname);
      expect(page.status).toBe(200);
      expect(page.text).toContain(
        'Motif du refus : Document illisible : Le numéro de la carte ne se lit pas.',
      );
      const uploaded = await candidate.raw(
        'POST',
        `${link.pathname}/pieces/piece-identite`,
        multipartBody([
          { name: '_csrf', value: csrfOf(page) },
          { name: 'fichier', filename: 'carte-nette.pdf', data: await makePdf('Carte nette') },
        ]),
        MULTIPART_TYPE,
      );
      expect(uploaded.status).toBe(303);
      expect(await state(registration.id)).toBe('transmis');

      const accepted = await office.submit(
        await office.get(review),
        `${review}/piece-identite/valider`,
        {},
      );
      expect(accepted.status).toBe(303);
      expect(await state(registration.id)).toBe('valide');
      expect(await t.app.deliverMails()).toEqual({ sent: 0, failed: 0 }); // no mail for an acceptance

      // Publish a document: its mail leads to « Mes documents », where it opens.
      const reviewPage = await office.get(review);
      const published = await office.raw(
        'POST',
        `/gestion/inscriptions/${number}/documents-publies`,
        multipartBody([
          { name: '_csrf', value: csrfOf(reviewPage) },
          { name: 'titre', value: 'Convocation aux épreuves écrites' },
          { name: 'fichier', filename: 'convocation.pdf', data: await makePdf('Convocation') },
        ]),
        MULTIPART_TYPE,
      );
      expect(published.status).toBe(303);
      expect(await t.app.deliverMails()).toEqual({ sent: 1, failed: 0 });
      const notice = await smtp.waitFor(DEMO, /^Un document est disponible dans Mes documents/);
      expect(notice.text).toContain('« Convocation aux épreuves écrites »');
      const documents = await candidate.get(
        linkIn(notice, `/inscriptions/${number}/documents`).pathname,
      );
      const download = documents.html
        .querySelectorAll('a')
        .find((a) => a.textContent.includes('Convocation aux épreuves écrites'));
      const file = await candidate.get(download?.getAttribute('href') ?? '');
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');

      // Each mail arrived once: the confirmation, the refusal, the publication.
      expect(smtp.received.filter((m) => m.to.includes(DEMO)).map((m) => m.subject)).toEqual([
        expect.stringMatching(/^Confirmation d’inscription – BAC PRO Cuisine/),
        expect.stringMatching(/^Pièce justificative refusée/),
        expect.stringMatching(/^Un document est disponible dans Mes documents/),
      ]);
    });
  },
);
