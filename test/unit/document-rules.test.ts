/**
 * The documents each profile must provide, from the rules shipped in the Poitiers catalogue
 * (rules are data: this table is what the office wrote, checked end to end).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../src/domain/catalogue/catalogue.js';
import { requiredDocuments } from '../../src/domain/documents/document-rules.js';
import type { RegistrationData } from '../../src/domain/registrations/registration.js';
import { CATALOGUES_DIR } from '../../src/demo/demo-data.js';
import { readCatalogueFile } from '../../src/infra/catalogue/read-catalogue-file.js';

let catalogue: Catalogue;
beforeAll(async () => {
  const result = await readCatalogueFile(path.join(CATALOGUES_DIR, 'poitiers-2025.yaml'), {
    now: new Date('2024-11-01T00:00:00Z'),
  });
  if (!result.ok) throw new Error('catalogue');
  catalogue = result.catalogue;
});

type Profile = {
  birthDate: string;
  route?: string;
  status?: 'individuel' | 'distance';
  kept?: boolean;
  exemptions?: string[];
  arrangements?: boolean;
  exam?: string;
  specialty?: string;
};

function keys(p: Profile): string[] {
  const data: RegistrationData = {
    identity: {
      birthName: 'A',
      usageName: '',
      firstNames: 'B',
      sex: 'F',
      birthDate: p.birthDate,
      birthCommune: 'Poitiers',
      birthCountry: 'France',
      nationality: 'française',
    },
    contact: {
      address: {
        line1: '1 rue',
        line2: '',
        postalCode: '86000',
        city: 'Poitiers',
        country: 'France',
      },
      phone: '0600000000',
    },
    candidature: {
      status: p.status ?? 'individuel',
      distanceBody: p.status === 'distance' ? 'CNED' : '',
      eligibilityRoute: p.route ?? 'training',
      format: 'globale',
      languages: ['anglais'],
      optionalTest: '',
      keptMarks: p.kept ? [{ unit: 'E5', year: 2023, mark: 12 }] : [],
      exemptions: (p.exemptions ?? []).map((unit) => ({ unit, diploma: 'Baccalauréat général' })),
      arrangementsRequested: p.arrangements ?? false,
      arrangementsDetails: '',
    },
  };
  return requiredDocuments(
    {
      sessionCode: '2025',
      examCode: p.exam ?? 'BCP',
      specialtyCode: p.specialty ?? '40022106',
      data,
    },
    catalogue,
  ).map((d) => d.key);
}

// The session's first exam day is 10 June 2025: ages are counted on it.
describe('required documents by profile', () => {
  it.each<[string, Profile, string[]]>([
    [
      '17 years old on the first day',
      { birthDate: '2007-06-11' },
      ['piece-identite', 'recensement'],
    ],
    ['18 on the very day', { birthDate: '2007-06-10' }, ['piece-identite', 'jdc']],
    ['24 years old', { birthDate: '2000-06-11' }, ['piece-identite', 'jdc']],
    ['25 years old: neither census nor JDC', { birthDate: '2000-06-10' }, ['piece-identite']],
    [
      'by work experience',
      { birthDate: '1990-01-01', route: 'experience' },
      ['piece-identite', 'certificats-travail'],
    ],
    [
      'by a session sat',
      { birthDate: '1990-01-01', route: 'previous-session' },
      ['piece-identite', 'releve-notes'],
    ],
    ['keeping marks', { birthDate: '1990-01-01', kept: true }, ['piece-identite', 'releve-notes']],
    [
      'two exemptions: a diploma copy for each',
      { birthDate: '1990-01-01', exemptions: ['E5', 'E6'] },
      ['piece-identite', 'copie-diplome-dispense:E5', 'copie-diplome-dispense:E6'],
    ],
    [
      'distance learning',
      { birthDate: '1990-01-01', status: 'distance' },
      ['piece-identite', 'certificat-scolarite'],
    ],
    [
      'arrangements requested',
      { birthDate: '1990-01-01', arrangements: true },
      ['piece-identite', 'decision-amenagement'],
    ],
    [
      'CS by its prerequisite diploma',
      { birthDate: '1990-01-01', exam: 'CS', specialty: '46133413', route: 'prerequisite-diploma' },
      ['piece-identite', 'diplome-acces'],
    ],
  ])('%s', (_name, profile, expected) => {
    expect(keys(profile)).toEqual(expected);
  });

  it('says why each document is asked for', () => {
    const docs = requiredDocuments(
      {
        sessionCode: '2025',
        examCode: 'BCP',
        specialtyCode: '40022106',
        data: {
          identity: {
            birthName: 'A',
            usageName: '',
            firstNames: 'B',
            sex: 'F',
            birthDate: '2007-06-11',
            birthCommune: 'P',
            birthCountry: 'France',
            nationality: 'f',
          },
          contact: {
            address: { line1: '1', line2: '', postalCode: '86000', city: 'P', country: 'France' },
            phone: '0600000000',
          },
          candidature: {
            status: 'individuel',
            distanceBody: '',
            eligibilityRoute: 'training',
            format: 'globale',
            languages: [],
            optionalTest: '',
            keptMarks: [],
            exemptions: [{ unit: 'E5', diploma: 'CAP' }],
            arrangementsRequested: false,
            arrangementsDetails: '',
          },
        },
      },
      catalogue,
    );
    expect(docs.find((d) => d.key === 'recensement')?.reason).toBe(
      'Vous aurez moins de 18 ans le premier jour des épreuves.',
    );
    const diploma = docs.find((d) => d.key === 'copie-diplome-dispense:E5');
    expect(diploma?.label).toBe(
      'Copie du diplôme qui vous dispense de l’épreuve (Français et histoire-géographie et enseignement moral et civique)',
    );
    expect(diploma?.reason).toContain('au titre de : CAP');
  });
});
