/**
 * `node --import tsx bench/receipt-drawing.ts`: how long the récapitulatif's PDF takes to draw,
 * alone in this process (no server, no database). Every candidate downloads it at the end of
 * the journey, and « Mes données personnelles » draws one per registration version, so its
 * cost is paid on the main thread once per journey at least. Prints ms of wall-clock and of
 * CPU per PDF, after a warm-up.
 */
import path from 'node:path';
import { CATALOGUES_DIR } from '../src/demo/demo-data.js';
import { buildReceipt } from '../src/domain/receipts/receipt.js';
import type { RegistrationVersion } from '../src/domain/registrations/ports.js';
import { readCatalogueFile } from '../src/infra/catalogue/read-catalogue-file.js';
import { renderReceipt } from '../src/infra/pdf/receipt-pdfs.js';

const WARM_UP = 50;
const DRAWN = 300;

const read = await readCatalogueFile(path.join(CATALOGUES_DIR, 'poitiers-2025.yaml'), {
  now: new Date('2024-11-01T00:00:00Z'),
});
if (!read.ok) throw new Error('the Poitiers catalogue does not load');

// A BAC PRO candidate as the journey registers one: plain answers, one language, no exemption.
const version: RegistrationVersion = {
  version: 1,
  savedAt: new Date('2024-11-13T17:59:00.000Z'),
  specialtyCode: '40022106',
  data: {
    identity: {
      birthName: 'Martin',
      usageName: '',
      firstNames: 'Léa',
      sex: 'F',
      birthDate: '2006-05-14',
      birthCommune: 'Poitiers',
      birthCountry: 'France',
      nationality: 'française',
    },
    contact: {
      address: {
        line1: '12 rue de la Cathédrale',
        line2: '',
        postalCode: '86000',
        city: 'Poitiers',
        country: 'France',
      },
      phone: '0612345678',
    },
    candidature: {
      status: 'individuel',
      distanceBody: '',
      eligibilityRoute: 'experience',
      format: 'globale',
      languages: ['anglais'],
      optionalTest: '',
      keptMarks: [],
      exemptions: [],
      arrangementsRequested: false,
      arrangementsDetails: '',
    },
  },
};
const receipt = buildReceipt({
  registration: { number: '2025-BCP-000123', sessionCode: '2025', examCode: 'BCP' },
  version,
  catalogue: read.catalogue,
  key: 'the receipt key of the benchmark, long enough',
  publicUrl: new URL('https://inscriptions.exemple.fr'),
});

for (let i = 0; i < WARM_UP; i++) await renderReceipt(receipt);
const started = performance.now();
const cpu = process.cpuUsage();
let bytes = 0;
for (let i = 0; i < DRAWN; i++) bytes = (await renderReceipt(receipt)).length;
const used = process.cpuUsage(cpu);
const wall = (performance.now() - started) / DRAWN;
const cpuMs = (used.user + used.system) / 1000 / DRAWN;
console.log(
  `récapitulatif PDF (${bytes} bytes): ${wall.toFixed(2)} ms wall-clock, ${cpuMs.toFixed(2)} ms CPU ` +
    `each (${DRAWN} drawn after ${WARM_UP} to warm up; CPU includes the garbage collector's threads)`,
);
