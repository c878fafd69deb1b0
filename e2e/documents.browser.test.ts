/**
 * « Mes documents » and « Mes justificatifs » in a real browser (Debian's Chromium) against the
 * real application on the demo catalogue, from a fresh registration: the demo account registers
 * for the BAC PRO Cuisine through the wizard, opens « Mes documents » from « Mes inscriptions »,
 * gets the récapitulatif its link gives (a PDF whose text names the registration and the
 * candidate, and whose verification address, printed and in the QR code, says « authentique »
 * with the initials only, to anyone) and the list of documents, then on « Mes justificatifs » sees a text file named .pdf refused
 * next to its document, adds a PDF, a JPEG and a PNG (each document « Transmis »), declares
 * « J'ai fourni toutes mes pièces » and finds « Ajouter » gone. Every page shown, the refusal
 * too, is checked with axe-core. Run once with JavaScript (the files sent by the progress
 * script, its progress shown), once without (plain multipart forms).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../src/demo/demo-data.js';
import { formatSize } from '../src/domain/documents/file-size.js';
import { formatParisDateTime } from '../src/domain/time/paris-time.js';
import { makeJpeg, makePdf, makePng } from '../test/support/files.js';
import { pdfText, qrOnPage } from '../test/support/pdf.js';
import {
  clickToPage,
  describeInBrowser,
  expectNoAxeViolations,
  waitForHeading,
} from './support/browser.js';
import {
  BAC_PRO_NUMBER as NUMBER,
  IDENTITY,
  expectSpace,
  press,
  registerBacPro,
  registrationCard,
  signInDemo,
} from './support/wizard.js';

// Some twenty pages, each checked with axe (slower without JavaScript: on a copy).
const TIMEOUT = 300_000;
const BASE = `/inscriptions/${NUMBER}`;
const NOT_A_FILE_WE_TAKE =
  'Ce fichier n’est ni un PDF, ni une image JPEG ou PNG. Formats acceptés : PDF, JPEG, PNG.';
/** Always required of this candidature, whatever the day the suite runs. */
const IDENTITY_DOCUMENT = /^Pièce d’identité en cours de validité/;
const WORK_CERTIFICATES = /^Certificats de travail ou attestations d’employeur/;

/** A required document's section on « Mes justificatifs », and its label. */
interface Piece {
  label: string;
  box: Locator;
}

interface TestFile {
  path: string;
  name: string;
  kind: string;
  size: number;
}

// A fresh application for each test, so each registration is the session's first.
describeInBrowser(
  'receipts and supporting documents in a browser',
  { timeout: TIMEOUT, appPerTest: true },
  ({ e2e, newPage, pageErrors }) => {
    let directory: string;
    /** A PDF, a JPEG and a PNG, in the order they are added. */
    let files: TestFile[];
    /** A text file named .pdf. */
    let fake: TestFile;

    beforeAll(async () => {
      directory = await mkdtemp(path.join(tmpdir(), 'candidat-e2e-'));
      const write = async (name: string, kind: string, bytes: Buffer): Promise<TestFile> => {
        const file = path.join(directory, name);
        await writeFile(file, bytes);
        return { path: file, name, kind, size: bytes.length };
      };
      files = [
        await write('carte-identite.pdf', 'PDF', await makePdf()),
        await write('attestation-employeur.jpg', 'JPEG', makeJpeg()),
        await write('verso.png', 'PNG', makePng()),
      ];
      fake = await write('scan.pdf', 'text', Buffer.from('Ceci n’est pas un PDF.\n'));
    }, TIMEOUT);

    afterAll(async () => {
      if (directory) await rm(directory, { recursive: true, force: true });
    }, TIMEOUT);

    /**
     * Removes from the errors recorded the one a test expects (a refusal answered to a
     * request that is not a navigation), failing if it was not recorded.
     */
    function expectRecordedError(entry: string): void {
      const errors = pageErrors();
      const at = errors.indexOf(entry);
      expect(errors, 'the refusal answered to the script').toContain(entry);
      errors.splice(at, 1);
    }

    /** « Mes documents », from the registration's card on « Mes inscriptions ». */
    async function openMyDocuments(page: Page): Promise<string> {
      await clickToPage(page, () =>
        registrationCard(page).getByRole('link', { name: 'Mes documents' }).click(),
      );
      expect(new URL(page.url()).pathname).toBe(`${BASE}/documents`);
      await waitForHeading(page, 'Mes documents');
      const main = page.getByRole('main');
      await main.getByText(`Inscription n° ${NUMBER} :`).waitFor();
      await expectNoAxeViolations(page);
      const code = /Code de vérification : ([0-9A-Z-]+)\./.exec(await main.innerText())?.[1];
      if (!code) throw new Error('no verification code on « Mes documents »');
      return code;
    }

    /**
     * « Visualiser / imprimer »: the file its link gives, asked with the browser's session
     * (Debian's Chromium would open it in its PDF viewer, an extension whose chrome-extension://
     * resources the loopback guard refuses). Returns the verification address the PDF carries.
     */
    async function downloadReceipt(page: Page, code: string): Promise<string> {
      const link = page.getByRole('link', {
        name: 'Visualiser / imprimer la confirmation d’inscription (PDF)',
      });
      const href = await link.getAttribute('href');
      expect(href).toBe(`${BASE}/recapitulatif.pdf`);
      const response = await page.request.get(e2e().baseUrl + (href ?? ''));
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect(response.headers()['content-disposition']).toBe(
        `inline; filename="recapitulatif-${NUMBER}-v1.pdf"`,
      );
      expect(response.headers()['cache-control']).toBe('private, no-store');
      const bytes = await response.body();
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const text = await pdfText(bytes);
      expect(text).toContain('Confirmation d’inscription');
      expect(text).toContain(`n° ${NUMBER}, version 1, enregistrée le`);
      expect(text).toContain(`Nom de naissance ${IDENTITY.birthName}`);
      expect(text).toContain(`Prénoms ${IDENTITY.firstNames}`);
      const address = /Adresse (http:\/\/\S+\/verifier\/\S+)/.exec(text)?.[1];
      expect(address).toBe(`${e2e().baseUrl}/verifier/${code}`);
      expect(text).toContain(`Code de vérification ${code}`);
      expect(await qrOnPage(bytes)).toBe(address);
      return address ?? '';
    }

    /** The list of documents, as a PDF too. */
    async function expectDocumentListPdf(page: Page): Promise<void> {
      const link = page.getByRole('link', {
        name: 'Visualiser / imprimer la liste des pièces (PDF)',
      });
      const response = await page.request.get(
        e2e().baseUrl + ((await link.getAttribute('href')) ?? ''),
      );
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      const text = await pdfText(await response.body());
      expect(text).toContain('Liste des pièces justificatives');
      expect(text).toContain(`Inscription n° ${NUMBER} (version 1)`);
      expect(text).toContain(`Candidat ${IDENTITY.firstNames} ${IDENTITY.birthName}`);
    }

    /** The verification address, opened by someone without an account: initials only. */
    async function verifyAsAnyone(address: string, javaScriptEnabled: boolean): Promise<void> {
      const page = await newPage({ javaScriptEnabled });
      expect((await page.goto(address))?.status()).toBe(200);
      await waitForHeading(page, 'Vérifier un récapitulatif d’inscription');
      await page
        .getByRole('status')
        .getByRole('heading', { name: 'Ce récapitulatif est authentique' })
        .waitFor();
      await page.getByText('C’est la version la plus récente de cette inscription.').waitFor();
      const main = page.getByRole('main');
      const facts = await main
        .locator('dt')
        .evaluateAll((terms) =>
          terms.map((dt) => [
            dt.textContent?.trim(),
            dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim(),
          ]),
        );
      expect(facts.slice(0, 2)).toEqual([
        ['Inscription', `n° ${NUMBER}`],
        ['Candidat', 'C. D.'],
      ]);
      const shown = await page.content();
      for (const secret of [
        IDENTITY.birthName,
        'Camille',
        'Marie',
        '12/04/2001',
        IDENTITY.address,
        DEMO_ACCOUNT.email,
      ])
        expect(shown).not.toContain(secret);
      await expectNoAxeViolations(page);
    }

    /** « Mes justificatifs », from « Mes documents »; returns its documents' sections. */
    async function openJustificatifs(page: Page, javaScriptEnabled: boolean): Promise<Piece[]> {
      await clickToPage(page, () =>
        page.getByRole('main').getByRole('link', { name: 'Mes justificatifs' }).click(),
      );
      expect(new URL(page.url()).pathname).toBe(`${BASE}/justificatifs`);
      await expectJustificatifs(page);
      const headings = await page
        .getByRole('main')
        .locator('section > h2')
        .evaluateAll((h2s) => h2s.map((h) => h.textContent ?? ''));
      expect(headings.some((h) => IDENTITY_DOCUMENT.test(h))).toBe(true);
      expect(headings.some((h) => WORK_CERTIFICATES.test(h))).toBe(true);
      const sections = headings.map((label) => ({ label, box: section(page, label) }));
      for (const { box } of sections) {
        await expectState(box, 'Attendu');
        await box.getByText('Aucun fichier déposé.').waitFor();
      }
      expect(
        await page.getByRole('button', { name: 'J’ai fourni toutes mes pièces' }).count(),
      ).toBe(0);
      // The progress script took every form, or none without JavaScript.
      const bound = await page
        .locator('form[data-upload-progress]')
        .evaluateAll((forms) => forms.map((f) => f.getAttribute('data-upload-bound')));
      expect(bound).toEqual(sections.map(() => (javaScriptEnabled ? 'oui' : null)));
      return sections;
    }

    async function expectJustificatifs(page: Page): Promise<void> {
      await waitForHeading(page, 'Mes justificatifs');
      await page.getByRole('main').getByText(`Inscription n° ${NUMBER} :`).waitFor();
      await expectNoAxeViolations(page);
    }

    /** The section of the document whose heading is `label`. */
    function section(page: Page, label: string): Locator {
      return page
        .getByRole('main')
        .locator('section', { has: page.getByRole('heading', { level: 2, name: label }) });
    }

    async function expectState(s: Locator, state: string): Promise<void> {
      await s.locator('.fr-badge').getByText(state, { exact: true }).waitFor();
    }

    /** « Ajouter », named for a screen reader with its document (the file input is named so too). */
    const addButton = (piece: Piece): Locator =>
      piece.box.getByRole('button', { name: `Ajouter un fichier : ${piece.label}`, exact: true });

    /**
     * « Ajouter » `file` for `piece`; returns the status of the page that follows. With
     * `showProgress` (JavaScript on), the request is held until the script's progress is seen.
     */
    async function addFile(
      page: Page,
      piece: Piece,
      file: TestFile,
      showProgress: boolean,
    ): Promise<number> {
      const s = piece.box;
      await s.locator('input[type=file]').setInputFiles(file.path);
      if (!showProgress) return (await clickToPage(page, () => addButton(piece).click())).status();

      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Left in place once released: removing a page's last route makes Playwright continue
      // the requests then in flight itself, and the loopback guard's own continue then fails.
      await page.route(
        (url) => url.pathname.startsWith(`${BASE}/justificatifs/pieces/`),
        async (route) => {
          await held;
          await route.fallback();
        },
      );
      const arrived = clickToPage(page, () => addButton(piece).click());
      // Should a check below fail, the navigation left waiting must not fail unhandled later.
      arrived.catch(() => undefined);
      try {
        const status = s.locator('[data-upload-status]');
        await status.waitFor({ state: 'visible' });
        await status.getByRole('progressbar', { name: 'Envoi du fichier' }).waitFor();
        expect(await status.locator('[data-upload-text]').innerText()).toMatch(
          /^(Envoi en cours : \d+ %|Vérification du fichier…)$/,
        );
        expect(await addButton(piece).isDisabled()).toBe(true);
        await expectNoAxeViolations(page);
      } finally {
        release();
      }
      return (await arrived).status();
    }

    /** A text file named .pdf: refused, next to its document, which is still awaited. */
    async function refuseFake(page: Page, piece: Piece, javaScriptEnabled: boolean): Promise<void> {
      const s = piece.box;
      await s.locator('input[type=file]').setInputFiles(fake.path);
      const action = await s.locator('form[enctype="multipart/form-data"]').getAttribute('action');
      expect(action).toMatch(new RegExp(`^${BASE}/justificatifs/pieces/`));
      const url = `${e2e().baseUrl}${action ?? ''}`;
      if (javaScriptEnabled) {
        // The script puts the refusal's page in place of the main content: no navigation.
        const [refused] = await Promise.all([
          page.waitForResponse((r) => r.url() === url),
          addButton(piece).click(),
        ]);
        expect(refused.status()).toBe(415);
        await s.locator('.fr-message--error').waitFor();
        expectRecordedError(`${url}: 415`);
        expect(new URL(page.url()).pathname).toBe(`${BASE}/justificatifs`);
      } else {
        const refused = await clickToPage(page, () => addButton(piece).click());
        expect(refused.status()).toBe(415);
        expect(page.url()).toBe(url);
      }
      await expectJustificatifs(page);
      const group = s.locator('.fr-upload-group--error');
      const message = group.locator('.fr-message--error');
      expect(await message.innerText()).toBe(NOT_A_FILE_WE_TAKE);
      const input = group.locator('input[type=file]');
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
      const messagesId = await group.locator('.fr-messages-group').getAttribute('id');
      expect(describedBy.split(' ')).toContain(messagesId);
      if (javaScriptEnabled)
        expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
      await expectState(s, 'Attendu');
      await s.getByText('Aucun fichier déposé.').waitFor();
      expect(await page.locator('.fr-message--error').count()).toBe(1);
    }

    /** The whole journey on « Mes documents » and « Mes justificatifs ». */
    async function provideDocuments(page: Page, javaScriptEnabled: boolean): Promise<void> {
      // How the forms were sent: by the script (xhr) or by the browser itself (document).
      const sentAs: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().includes('/pieces/'))
          sentAs.push(request.resourceType());
      });

      await signInDemo(page, e2e().baseUrl);
      expect(await page.locator('html').getAttribute('data-fr-js')).toBe(
        javaScriptEnabled ? 'true' : null,
      );
      await registerBacPro(page);

      const code = await openMyDocuments(page);
      const address = await downloadReceipt(page, code);
      await expectDocumentListPdf(page);
      await verifyAsAnyone(address, javaScriptEnabled);

      const sections = await openJustificatifs(page, javaScriptEnabled);
      const [first] = sections;
      if (!first) throw new Error('no document section');
      await refuseFake(page, first, javaScriptEnabled);

      // A file for each document, then the formats left over as more files of the first (the
      // identity document takes several: recto and verso), so that each format is sent.
      const plan = [
        ...sections.map((target, i) => ({ target, file: files[i % files.length] })),
        ...files.slice(sections.length).map((file) => ({ target: first, file })),
      ];
      for (const [i, { file, target }] of plan.entries()) {
        if (!file) throw new Error('no file to send');
        const status = await addFile(page, target, file, javaScriptEnabled && i === 0);
        expect(status).toBe(200);
        expect(new URL(page.url()).search).toBe('?ajout=1');
        await page.getByRole('status').getByText('Votre fichier a été ajouté.').waitFor();
        await target.box
          .getByRole('listitem')
          .filter({ hasText: `${file.name} (${file.kind}, ${formatSize(file.size)}, déposé le ` })
          .waitFor();
        await expectState(target.box, 'Transmis');
        expect(await page.locator('.fr-message--error').count()).toBe(0);
        await expectNoAxeViolations(page);
      }
      for (const { box } of sections) await expectState(box, 'Transmis');
      expect(sentAs).toEqual(
        Array<string>(plan.length + 1).fill(javaScriptEnabled ? 'xhr' : 'document'),
      );

      // « Voir » gives the PDF back as it was sent.
      const view = first.box.getByRole('link', { name: `Voir ${files[0]?.name ?? ''}` });
      const viewed = await page.request.get(
        e2e().baseUrl + ((await view.getAttribute('href')) ?? ''),
      );
      expect(viewed.headers()['content-type']).toBe('application/pdf');
      expect((await viewed.body()).equals(await readFile(files[0]?.path ?? ''))).toBe(true);

      await declareComplete(page, sections);
    }

    /** « J'ai fourni toutes mes pièces »: the instant confirmed, « Ajouter » gone. */
    async function declareComplete(page: Page, sections: Piece[]): Promise<void> {
      await page
        .getByText('Toutes les pièces demandées ont un fichier, et aucune n’est refusée.')
        .waitFor();
      const before = formatParisDateTime(e2e().app.clock.now());
      await press(page, 'J’ai fourni toutes mes pièces');
      const after = formatParisDateTime(e2e().app.clock.now());
      expect(new URL(page.url()).search).toBe('?complet=1');
      await page
        .getByRole('status')
        .getByText(
          'Vous avez déclaré avoir fourni toutes vos pièces. Un courriel vous le confirme.',
        )
        .waitFor();
      const confirmation = await page
        .getByRole('heading', { level: 2, name: /^Dossier déclaré complet le / })
        .innerText();
      const instant = /^Dossier déclaré complet le (.+) \(heure de Paris\)$/.exec(
        confirmation.replace(/\s+/g, ' '),
      )?.[1];
      expect([before, after]).toContain(instant);
      await expectJustificatifs(page);
      expect(await page.getByRole('button', { name: /^Ajouter/ }).count()).toBe(0);
      expect(await page.locator('input[type=file]').count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Supprimer/ }).count()).toBe(0);
      expect(
        await page.getByRole('button', { name: 'J’ai fourni toutes mes pièces' }).count(),
      ).toBe(0);
      for (const { box } of sections) await expectState(box, 'Transmis');
      const mail = await e2e().listener.waitFor(
        DEMO_ACCOUNT.email,
        /^Pièces justificatives fournies/,
        20_000,
      );
      expect(mail.text).toContain(`l’inscription n° ${NUMBER}`);

      // « Mes inscriptions » says so, and « Mes documents » lists every document transmitted.
      await clickToPage(page, () =>
        page.getByRole('link', { name: 'Retour à mes inscriptions' }).click(),
      );
      await expectSpace(page, DEMO_ACCOUNT.email);
      await registrationCard(page)
        .getByText(`Pièces justificatives : dossier déclaré complet le ${instant}`)
        .waitFor();
      await openMyDocuments(page);
      const states = await page
        .locator('tr[data-piece] .fr-badge')
        .evaluateAll((badges) => badges.map((b) => b.textContent?.trim()));
      expect(states).toEqual(sections.map(() => 'Transmis'));
    }

    it('gives the receipt and takes the documents with JavaScript, showing the progress', async () => {
      await provideDocuments(await newPage({ javaScriptEnabled: true }), true);
    });

    it('gives the receipt and takes the documents with JavaScript disabled', async () => {
      await provideDocuments(await newPage({ javaScriptEnabled: false }), false);
    });
  },
);
