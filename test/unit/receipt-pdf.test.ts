/**
 * The récapitulatif's PDF drawn from plain values (no database): the same version gives the
 * same bytes whenever it is drawn, text outside the standard fonts' WinAnsi set is spelt with
 * what they have, and a long registration flows onto more pages with the QR code still read.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/domain/catalogue/catalogue.js';
import { buildReceipt } from '../../src/domain/receipts/receipt.js';
import type { RegistrationVersion } from '../../src/domain/registrations/ports.js';
import { CATALOGUES_DIR } from '../../src/demo/demo-data.js';
import { readCatalogueFile } from '../../src/infra/catalogue/read-catalogue-file.js';
import { renderReceipt } from '../../src/infra/pdf/receipt-pdfs.js';
import { pdfPageCount, pdfText, qrOnPage } from '../support/pdf.js';

let catalogue: Catalogue;
beforeAll(async () => {
  const result = await readCatalogueFile(path.join(CATALOGUES_DIR, 'poitiers-2025.yaml'), {
    now: new Date('2024-11-01T00:00:00Z'),
  });
  if (!result.ok) throw new Error('catalogue');
  catalogue = result.catalogue;
});

const KEY = 'a receipt key that is long enough for the tests';
const PUBLIC_URL = new URL('https://inscriptions.exemple.fr');
const registration = { number: '2025-BCP-000123', sessionCode: '2025', examCode: 'BCP' };

function version(overrides: Partial<RegistrationVersion['data']['candidature']> = {}) {
  return {
    version: 2,
    savedAt: new Date('2024-11-13T17:59:00.000Z'),
    specialtyCode: '40022106',
    data: {
      identity: {
        birthName: 'Wałęsa-Nguyễn',
        usageName: '',
        firstNames: 'Zoë 李 Ørjan',
        sex: 'M' as const,
        birthDate: '2000-02-29',
        birthCommune: 'Łódź',
        birthCountry: 'Pologne',
        nationality: 'polonaise',
      },
      contact: {
        address: {
          line1: '1 allée des Œillets',
          line2: 'Bât. « B » – 2ᵉ étage 🏠',
          postalCode: '86000',
          city: 'Poitiers',
          country: 'France',
        },
        phone: '0612345678',
      },
      candidature: {
        status: 'individuel' as const,
        distanceBody: '',
        eligibilityRoute: 'experience',
        format: 'globale',
        languages: ['anglais'],
        optionalTest: '',
        keptMarks: [],
        exemptions: [],
        arrangementsRequested: false,
        arrangementsDetails: '',
        ...overrides,
      },
    },
  };
}

const receipt = (v = version()) =>
  buildReceipt({ registration, version: v, catalogue, key: KEY, publicUrl: PUBLIC_URL });

describe('récapitulatif PDF', () => {
  it('is byte-identical for the same version, whenever it is drawn', async () => {
    const first = Buffer.from(await renderReceipt(receipt()));
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a second later: no "now" inside
    const second = Buffer.from(await renderReceipt(receipt()));
    expect(second.equals(first)).toBe(true);
    const other = Buffer.from(await renderReceipt(receipt(version({ format: 'progressive' }))));
    expect(other.equals(first)).toBe(false);
    // Dated with the version's instant, no /ID, no "now".
    const raw = first.toString('latin1');
    expect(raw).toContain('/CreationDate (D:20241113175900Z)');
    expect(raw).not.toMatch(/\/ID\s*\[/);
  });

  it('spells what Helvetica cannot draw with what it can', async () => {
    const text = await pdfText(await renderReceipt(receipt()));
    expect(text).toContain('Nom de naissance Walesa-Nguyen');
    expect(text).toContain('Prénoms Zoë ? Ørjan');
    expect(text).toContain('Commune de naissance Lódz');
    expect(text).toContain('1 allée des Œillets, Bât. « B » – 2e étage ?');
  });

  it('flows a long registration onto further pages and keeps the QR code readable', async () => {
    const long = receipt(
      version({
        arrangementsRequested: true,
        arrangementsDetails: 'Tiers temps, salle au rez-de-chaussée. '.repeat(40),
        exemptions: ['EP1', 'EP2', 'EP3', 'EG1', 'EG2'].map((unit) => ({
          unit,
          diploma: 'CAP Cuisine obtenu en 2019, avec mention, délivré par l’académie de Poitiers',
        })),
      }),
    );
    const bytes = await renderReceipt(long);
    expect(await pdfPageCount(bytes)).toBeGreaterThan(2);
    expect(await qrOnPage(bytes, 1)).toBe(long.verification.url);
    expect(long.verification.url).toMatch(
      /^https:\/\/inscriptions\.exemple\.fr\/verifier\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/,
    );
    const text = await pdfText(bytes);
    expect(text).toContain('Page 1 sur');
    expect(text).toContain(`Code de vérification ${long.verification.code}`);
  });
});
