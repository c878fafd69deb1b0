import { describe, expect, it } from 'vitest';
import type { ExamOptions } from '../../src/domain/catalogue/catalogue.js';
import {
  ageOn,
  parseCandidature,
  parseContact,
  parseDay,
  parseIdentity,
} from '../../src/domain/registrations/registration-form.js';

const session = { code: '2025', name: 'Session juin 2025', firstExamDay: '2025-06-10' };
const options: ExamOptions = {
  formats: ['globale', 'progressive'],
  eligibilityRoutes: [{ code: 'experience', label: 'Trois ans d’activité' }],
  languages: [
    { code: 'anglais', label: 'Anglais' },
    { code: 'espagnol', label: 'Espagnol' },
  ],
  languageCount: 2,
  optionalTests: [{ code: 'arts', label: 'Arts' }],
  units: [{ code: 'E5', label: 'E5 – Français' }],
};
const identity = {
  birthName: 'N’Diaye-Martin',
  usageName: '',
  firstNames: 'Aïssa Hélène',
  sex: 'F',
  birthDate: '12/04/2001',
  birthCommune: 'Saint-Denis (La Réunion)',
  birthCountry: 'France',
  nationality: 'française',
};

describe('registration form', () => {
  it('reads dates typed either way and refuses impossible ones', () => {
    expect(parseDay('2001-04-12')).toBe('2001-04-12');
    expect(parseDay('12/04/2001')).toBe('2001-04-12');
    expect(parseDay('31/02/2001')).toBeNull();
    expect(parseDay('2001-13-01')).toBeNull();
    expect(parseDay('hier')).toBeNull();
  });

  it('counts age in whole years on the first exam day', () => {
    expect(ageOn('2007-06-10', '2025-06-10')).toBe(18);
    expect(ageOn('2007-06-11', '2025-06-10')).toBe(17);
  });

  it('accepts French names with accents, apostrophes and hyphens', () => {
    const { value, errors } = parseIdentity(identity, session);
    expect(errors).toEqual({});
    expect(value.birthDate).toBe('2001-04-12');
    expect(value.birthName).toBe('N’Diaye-Martin');
  });

  it.each([
    ['birthName', '', 'Indiquez votre nom de naissance.'],
    ['birthName', 'Dupont3', 'Utilisez uniquement des lettres'],
    ['birthName', 'Dupоnt', 'Utilisez uniquement des lettres'], // a Cyrillic "о" inside a Latin name
    ['birthName', '<script>', 'Utilisez uniquement des lettres'],
    ['firstNames', 'x'.repeat(101), 'ne peut pas dépasser 100 caractères'],
    ['birthDate', '2030-01-01', 'âge impossible'],
    ['birthDate', '30/02/2000', 'n’est pas une date valide'],
    ['sex', 'X', 'Indiquez votre sexe.'],
    ['birthCommune', 'Poitiers\u202e', 'caractères non autorisés'],
  ])('refuses %s = %j', (field, value, message) => {
    const { errors } = parseIdentity({ ...identity, [field]: value }, session);
    expect(errors[field]).toContain(message);
  });

  it('checks the postal code and phone', () => {
    const base = {
      addressLine1: '1 rue Carnot',
      postalCode: '86000',
      city: 'Poitiers',
      phone: '05 49 00 00 00',
    };
    expect(parseContact(base).errors).toEqual({});
    expect(parseContact(base).value.phone).toBe('0549000000');
    expect(parseContact({ ...base, postalCode: '8600' }).errors.postalCode).toContain('5 chiffres');
    expect(parseContact({ ...base, country: 'Belgique', postalCode: '1000' }).errors).toEqual({});
    expect(parseContact({ ...base, phone: '12' }).errors.phone).toContain('n’est pas valide');
  });

  it('offers only what the catalogue offers, and two different languages when two are asked', () => {
    const base = {
      status: 'individuel',
      eligibilityRoute: 'experience',
      format: 'globale',
      language1: 'anglais',
      language2: 'espagnol',
      arrangements: 'non',
    };
    expect(parseCandidature(base, options, session).errors).toEqual({});
    expect(
      parseCandidature({ ...base, language2: 'anglais' }, options, session).errors.language2,
    ).toBe('Choisissez deux langues différentes.');
    expect(
      parseCandidature({ ...base, eligibilityRoute: 'magic' }, options, session).errors
        .eligibilityRoute,
    ).toBeDefined();
    expect(
      parseCandidature({ ...base, format: 'express' }, options, session).errors.format,
    ).toBeDefined();
    expect(
      parseCandidature({ ...base, optionalTest: 'eps' }, options, session).errors.optionalTest,
    ).toBeDefined();
    expect(
      parseCandidature({ ...base, status: 'distance' }, options, session).errors.distanceBody,
    ).toContain('Indiquez l’organisme');
  });

  it('keeps a mark of at least 10/20 from the five previous sessions only', () => {
    const base = {
      status: 'individuel',
      eligibilityRoute: 'experience',
      format: 'globale',
      language1: 'anglais',
      language2: 'espagnol',
      arrangements: 'non',
      kept_E5: 'oui',
    };
    expect(
      parseCandidature({ ...base, keptYear_E5: '2023', keptMark_E5: '12,5' }, options, session)
        .value.keptMarks,
    ).toEqual([{ unit: 'E5', year: 2023, mark: 12.5 }]);
    expect(
      parseCandidature({ ...base, keptYear_E5: '2019', keptMark_E5: '12' }, options, session).errors
        .keptYear_E5,
    ).toContain('de 2020 à 2024');
    expect(
      parseCandidature({ ...base, keptYear_E5: '2023', keptMark_E5: '9,5' }, options, session)
        .errors.keptMark_E5,
    ).toContain('au moins 10 sur 20');
    expect(
      parseCandidature({ ...base, exempt_E5: 'oui', exemptDiploma_E5: 'Bac' }, options, session)
        .errors.kept_E5,
    ).toContain('à la fois');
  });
});
