/**
 * A gestionnaire's morning in a real browser (Debian's Chromium) against the real application:
 * Agnès Martin, gestionnaire of the pôles bac pro and SAH, signs in with her password and a
 * TOTP code, filters the registrations with documents to check, opens one, refuses its
 * identity document with a reason, marks another « Non concerné » by mistake and takes it
 * back, then answers and applies a candidate's address change from
 * the pôle's inbox. The candidate's mails arrive on the real SMTP listener. Every page shown is
 * checked with axe-core.
 *
 * The night before (the fixture): the demo candidate registered for BAC PRO (open) and sent
 * an identity document; they had registered for a BP while its window was open (a clock ten
 * days back) and, the window now closed, asked the pôle to change their address.
 */
import { Readable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../src/domain/clock.js';
import { addUpload } from '../src/domain/documents/add-upload.js';
import { requestChange } from '../src/domain/registrations/request-change.js';
import { saveRegistration } from '../src/domain/registrations/save-registration.js';
import { addStaff } from '../src/domain/staff/add-staff.js';
import { DEMO_ACCOUNT } from '../src/demo/demo-data.js';
import { accountRepository } from '../src/infra/repositories/account.repository.js';
import { makePdf } from '../test/support/files.js';
import { draftFields } from '../test/support/registration.js';
import { totpAt } from '../test/support/staff.js';
import {
  clickToPage,
  describeInBrowser,
  expectNoAxeViolations,
  waitForHeading,
} from './support/browser.js';
import { STAFF_PASSWORD, activateStaff, openFromOfficeMenu } from './support/office.js';

const TIMEOUT = 240_000;
const DAY_MS = 86_400_000;
const AGNES = 'agnes.martin@ac-poitiers.fr';

const SESSIONS = { timeout: TIMEOUT, pageTimeout: 20_000 };

describeInBrowser('a gestionnaire’s morning', SESSIONS, (sessions) => {
  const { e2e, newPage } = sessions;

  let bacPro: string;
  let bp: string;
  let setupLink: string;

  beforeAll(async () => {
    const account = await accountRepository(e2e().app.database.db).findByEmail(DEMO_ACCOUNT.email);
    if (!account) throw new Error('no demo account');
    const candidate = { accountId: account.id, accountEmail: DEMO_ACCOUNT.email };
    bacPro = (
      await saveRegistration(e2e().app.registrations, {
        ...candidate,
        fields: draftFields('demo', 'BCP', '40022106'),
      })
    ).number;
    await addUpload(e2e().app.documents, {
      accountId: account.id,
      registrationNumber: bacPro,
      documentKey: 'piece-identite',
      originalName: 'carte-identite.pdf',
      source: Readable.from([await makePdf('Carte nationale d identite')]),
    });
    const whileOpen = new FixedClock(new Date(Date.now() - 10 * DAY_MS));
    bp = (
      await saveRegistration(
        { ...e2e().app.registrations, clock: whileOpen },
        { ...candidate, fields: draftFields('demo', 'BP', '45022111') },
      )
    ).number;
    await requestChange(e2e().app.registrations, {
      ...candidate,
      registrationNumber: bp,
      kind: 'address',
      message: 'Je déménage à Niort le mois prochain.',
      address: {
        addressLine1: '3 rue des Tanneurs',
        postalCode: '79000',
        city: 'Niort',
        country: 'France',
      },
    });
    setupLink = (
      await addStaff(e2e().app.staff, {
        email: AGNES,
        name: 'Agnès Martin',
        role: 'gestionnaire',
        desks: ['bac-pro', 'sah'],
        actor: { kind: 'system', id: null },
        mailLink: false,
      })
    ).setupLink;
  }, TIMEOUT);

  it('signs in with TOTP, filters, refuses a document and answers an address change', async () => {
    // The day before: her access was set up, then she signed out.
    const setup = await newPage();
    const secret = await activateStaff(setup, setupLink);
    await clickToPage(setup, () => setup.getByRole('button', { name: 'Se déconnecter' }).click());

    // The morning: password, then a code from her application (the next 30-second step: the
    // one used at setup is spent).
    const page = await newPage();
    await page.goto(`${e2e().baseUrl}/gestion/connexion`);
    await waitForHeading(page, 'Connexion à l’espace gestionnaire');
    await page.getByLabel(/^Adresse électronique/).fill(AGNES);
    await page.getByLabel(/^Mot de passe/).fill(STAFF_PASSWORD);
    await clickToPage(page, () => page.getByRole('button', { name: 'Continuer' }).click());
    await waitForHeading(page, 'Code de vérification');
    await expectNoAxeViolations(page);
    await page.getByLabel(/^Code à 6 chiffres/).fill(totpAt(secret, new Date(Date.now() + 30_000)));
    await clickToPage(page, () => page.getByRole('button', { name: 'Se connecter' }).click());
    await waitForHeading(page, 'Espace gestionnaire');

    // The registrations with documents to check.
    await openFromOfficeMenu(page, 'Inscriptions');
    await page.getByLabel(/^État/).selectOption('a-verifier');
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Afficher les inscriptions' }).click(),
    );
    expect(new URL(page.url()).searchParams.get('etat')).toBe('a-verifier');
    await expect(page.getByRole('link', { name: bacPro }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: bp }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);

    // The registration, then its documents: the identity document is refused.
    await clickToPage(page, () => page.getByRole('link', { name: bacPro }).click());
    await waitForHeading(page, `Inscription n° ${bacPro}`);
    await expectNoAxeViolations(page);
    await clickToPage(page, () => page.getByRole('link', { name: 'Vérifier les pièces' }).click());
    await waitForHeading(page, 'Pièces justificatives');
    await expectNoAxeViolations(page);
    await page.getByLabel('Motif du refus').first().selectOption({ label: 'Document illisible' });
    await page
      .getByLabel(/^Précision pour le candidat/)
      .first()
      .fill('Le verso de la carte est flou : envoyez une photo nette des deux faces.');
    await clickToPage(page, () =>
      page
        .getByRole('button', { name: /^Refuser/ })
        .first()
        .click(),
    );
    await page.getByText('La pièce a été refusée.').waitFor();
    await expectNoAxeViolations(page);
    const refusal = await e2e().listener.waitFor(
      DEMO_ACCOUNT.email,
      /Pièce justificative refusée/,
      20_000,
    );
    expect(refusal.text).toContain('Document illisible');
    expect(refusal.text).toContain('Le verso de la carte est flou');

    // A document marked « Non concerné » by mistake, then taken back from the keyboard.
    const work = page.locator('section[data-piece="certificats-travail"]');
    await work
      .getByLabel(/^Raison pour le candidat/)
      .fill('Inscrit au titre de son diplôme : pas de certificat de travail.');
    await clickToPage(page, () => work.getByRole('button', { name: /^Non concerné/ }).click());
    await page.getByText('La pièce est marquée « Non concerné »').waitFor();
    await work.getByRole('button', { name: /^Annuler “Non concerné” : / }).focus();
    await expectNoAxeViolations(page);
    await clickToPage(page, () => page.keyboard.press('Enter'));
    await page.getByText('« Non concerné » est annulé').waitFor();
    await expect(work.getByLabel(/^Raison pour le candidat/).count()).resolves.toBe(1);
    await expectNoAxeViolations(page);

    // The pôle's inbox: the address change is answered, then applied.
    await openFromOfficeMenu(page, 'Demandes des candidats');
    await clickToPage(page, () => page.getByRole('link', { name: 'Changement d’adresse' }).click());
    await waitForHeading(page, `Changement d’adresse – inscription n° ${bp}`);
    await expectNoAxeViolations(page);
    await page
      .getByLabel(/^Votre réponse/)
      .fill('Bien reçu : votre nouvelle adresse sera utilisée pour la convocation.');
    await clickToPage(page, () => page.getByRole('button', { name: 'Répondre' }).click());
    await page.getByText('Votre réponse a été enregistrée').waitFor();
    await clickToPage(page, () =>
      page.getByRole('button', { name: 'Appliquer le changement' }).click(),
    );
    await page.getByText('Le changement a été appliqué').waitFor();
    await expectNoAxeViolations(page);
    const answer = await e2e().listener.waitFor(
      DEMO_ACCOUNT.email,
      /Réponse à votre demande/,
      20_000,
    );
    expect(answer.text).toContain('votre nouvelle adresse sera utilisée');

    // Before lunch, the dashboard of the session: its chart is an image with a text alternative.
    await clickToPage(page, () =>
      page
        .getByRole('navigation', { name: 'Menu de l’espace gestionnaire' })
        .getByRole('link', { name: 'Tableau de bord' })
        .click(),
    );
    await page
      .getByRole('img', { name: /inscriptions/i })
      .first()
      .waitFor();
    await expectNoAxeViolations(page);
  });
});
