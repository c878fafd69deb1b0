/**
 * The registration form as the candidate fills it: raw text fields per step, kept as typed
 * (in the draft) so going back and forth loses nothing, then parsed into `RegistrationData`
 * with a French message per wrong field. The options offered come from the catalogue.
 */
import type { ExamOptions, ExamSession } from '../catalogue/catalogue.js';
import type {
  Candidature,
  Contact,
  Identity,
  PostalAddress,
  RegistrationData,
} from './registration.js';

export type RawFields = Record<string, string>;
export type FieldErrors = Record<string, string>;

const NAME = /^[\p{Script=Latin}][\p{Script=Latin}\p{M} '’-]*$/u;
const PLACE = /^[\p{Script=Latin}0-9][\p{Script=Latin}\p{M}0-9 '’().,/-]*$/u;
const CONTROL = /[\p{Cc}\p{Cf}]/u;

function text(fields: RawFields, name: string): string {
  return (fields[name] ?? '').replace(/\s+/g, ' ').trim();
}

function checkText(
  errors: FieldErrors,
  name: string,
  value: string,
  opts: { label: string; required: boolean; max: number; shape?: RegExp; shapeMessage?: string },
): void {
  if (!value) {
    if (opts.required) errors[name] = `Indiquez ${opts.label}.`;
    return;
  }
  if ([...value].length > opts.max)
    errors[name] = `Ce champ ne peut pas dépasser ${opts.max} caractères.`;
  else if (CONTROL.test(value)) errors[name] = 'Ce champ contient des caractères non autorisés.';
  else if (opts.shape && !opts.shape.test(value))
    errors[name] = opts.shapeMessage ?? 'Ce champ contient des caractères non autorisés.';
}

/** Reads a date typed as YYYY-MM-DD (date input) or DD/MM/YYYY; null when it is not a real date. */
export function parseDay(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(m) - 1 ||
    date.getUTCDate() !== Number(d)
  )
    return null;
  return date.toISOString().slice(0, 10);
}

/** Age in whole years on `day` (YYYY-MM-DD) for someone born on `birthDate`. */
export function ageOn(birthDate: string, day: string): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number);
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function parseIdentity(
  fields: RawFields,
  session: ExamSession,
): { value: Identity; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const nameMessage =
    'Utilisez uniquement des lettres, des espaces, des apostrophes et des traits d’union.';
  const value: Identity = {
    birthName: text(fields, 'birthName'),
    usageName: text(fields, 'usageName'),
    firstNames: text(fields, 'firstNames'),
    sex: fields.sex === 'F' || fields.sex === 'M' ? fields.sex : 'F',
    birthDate: '',
    birthCommune: text(fields, 'birthCommune'),
    birthCountry: text(fields, 'birthCountry'),
    nationality: text(fields, 'nationality'),
  };
  checkText(errors, 'birthName', value.birthName, {
    label: 'votre nom de naissance',
    required: true,
    max: 60,
    shape: NAME,
    shapeMessage: nameMessage,
  });
  checkText(errors, 'usageName', value.usageName, {
    label: 'votre nom d’usage',
    required: false,
    max: 60,
    shape: NAME,
    shapeMessage: nameMessage,
  });
  checkText(errors, 'firstNames', value.firstNames, {
    label: 'vos prénoms',
    required: true,
    max: 100,
    shape: NAME,
    shapeMessage: nameMessage,
  });
  if (fields.sex !== 'F' && fields.sex !== 'M') errors.sex = 'Indiquez votre sexe.';
  const birthDate = parseDay(text(fields, 'birthDate'));
  if (!text(fields, 'birthDate')) errors.birthDate = 'Indiquez votre date de naissance.';
  else if (!birthDate)
    errors.birthDate = 'La date de naissance n’est pas une date valide. Exemple : 14/07/2005';
  else {
    const age = ageOn(birthDate, session.firstExamDay);
    if (age < 14 || age > 100)
      errors.birthDate =
        'Vérifiez la date de naissance : elle donne un âge impossible pour cette session.';
    else value.birthDate = birthDate;
  }
  checkText(errors, 'birthCommune', value.birthCommune, {
    label: 'votre commune de naissance',
    required: true,
    max: 80,
    shape: PLACE,
  });
  checkText(errors, 'birthCountry', value.birthCountry, {
    label: 'votre pays de naissance',
    required: true,
    max: 60,
    shape: PLACE,
  });
  checkText(errors, 'nationality', value.nationality, {
    label: 'votre nationalité',
    required: true,
    max: 60,
    shape: PLACE,
  });
  return { value, errors };
}

export function parseAddress(fields: RawFields): { value: PostalAddress; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const value: PostalAddress = {
    line1: text(fields, 'addressLine1'),
    line2: text(fields, 'addressLine2'),
    postalCode: text(fields, 'postalCode').toUpperCase(),
    city: text(fields, 'city'),
    country: text(fields, 'country') || 'France',
  };
  checkText(errors, 'addressLine1', value.line1, {
    label: 'votre adresse',
    required: true,
    max: 120,
    shape: PLACE,
  });
  checkText(errors, 'addressLine2', value.line2, {
    label: 'le complément d’adresse',
    required: false,
    max: 120,
    shape: PLACE,
  });
  checkText(errors, 'city', value.city, {
    label: 'votre commune',
    required: true,
    max: 80,
    shape: PLACE,
  });
  checkText(errors, 'country', value.country, {
    label: 'votre pays',
    required: true,
    max: 60,
    shape: PLACE,
  });
  const inFrance = value.country.toLowerCase() === 'france';
  if (!value.postalCode) errors.postalCode = 'Indiquez votre code postal.';
  else if (
    inFrance
      ? !/^\d{5}$/.test(value.postalCode)
      : !/^[A-Z0-9][A-Z0-9 -]{1,11}$/.test(value.postalCode)
  ) {
    errors.postalCode = inFrance
      ? 'Le code postal comporte 5 chiffres. Exemple : 86000'
      : 'Le code postal n’est pas valide.';
  }
  return { value, errors };
}

export function parseContact(fields: RawFields): { value: Contact; errors: FieldErrors } {
  const { value: address, errors } = parseAddress(fields);
  const phone = text(fields, 'phone');
  const digits = phone.replace(/[\s.()-]/g, '');
  if (!phone) errors.phone = 'Indiquez un numéro de téléphone.';
  else if (!/^(0[1-9]\d{8}|\+\d{8,15})$/.test(digits)) {
    errors.phone =
      'Le numéro de téléphone n’est pas valide. Exemple : 06 12 34 56 78 ou +33 6 12 34 56 78';
  }
  return { value: { address, phone: errors.phone ? phone : digits }, errors };
}

export function parseCandidature(
  fields: RawFields,
  options: ExamOptions,
  session: ExamSession,
): { value: Candidature; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const has = (list: { code: string }[], code: string): boolean =>
    list.some((c) => c.code === code);
  const value: Candidature = {
    status: fields.status === 'distance' ? 'distance' : 'individuel',
    distanceBody: text(fields, 'distanceBody'),
    eligibilityRoute: text(fields, 'eligibilityRoute'),
    format: text(fields, 'format'),
    languages: [],
    optionalTest: text(fields, 'optionalTest'),
    keptMarks: [],
    exemptions: [],
    arrangementsRequested: fields.arrangements === 'oui',
    arrangementsDetails: text(fields, 'arrangementsDetails'),
  };
  if (fields.status !== 'individuel' && fields.status !== 'distance')
    errors.status = 'Indiquez votre statut de candidat.';
  if (value.status === 'distance') {
    checkText(errors, 'distanceBody', value.distanceBody, {
      label: 'l’organisme d’enseignement à distance',
      required: true,
      max: 120,
      shape: PLACE,
    });
  } else value.distanceBody = '';
  if (!has(options.eligibilityRoutes, value.eligibilityRoute))
    errors.eligibilityRoute = 'Indiquez à quel titre vous vous présentez.';
  if (!options.formats.includes(value.format as never))
    errors.format = 'Indiquez la forme de l’examen.';

  for (let i = 1; i <= options.languageCount; i += 1) {
    const code = text(fields, `language${i}`);
    if (!has(options.languages, code))
      errors[`language${i}`] =
        options.languageCount > 1
          ? `Choisissez la langue vivante ${i}.`
          : 'Choisissez votre langue vivante.';
    else if (value.languages.includes(code))
      errors[`language${i}`] = 'Choisissez deux langues différentes.';
    else value.languages.push(code);
  }
  if (value.optionalTest && !has(options.optionalTests, value.optionalTest))
    errors.optionalTest = 'Cette épreuve facultative n’est pas proposée pour cet examen.';

  const sessionYear = Number(session.firstExamDay.slice(0, 4));
  for (const unit of options.units) {
    const kept = fields[`kept_${unit.code}`] === 'oui';
    const exempt = fields[`exempt_${unit.code}`] === 'oui';
    if (kept && exempt) {
      errors[`kept_${unit.code}`] =
        'Une même épreuve ne peut pas être à la fois conservée et dispensée.';
      continue;
    }
    if (kept) {
      const year = Number(text(fields, `keptYear_${unit.code}`));
      const typedMark = text(fields, `keptMark_${unit.code}`);
      const mark = Number(typedMark.replace(',', '.'));
      if (!Number.isInteger(year) || year < sessionYear - 5 || year > sessionYear - 1) {
        errors[`keptYear_${unit.code}`] =
          `Une note se conserve cinq ans : indiquez une session de ${sessionYear - 5} à ${sessionYear - 1}.`;
      } else if (
        // Two decimals at most, read from the text: 16,85 × 100 is 1684.9999999999998 in floats.
        !/^\d{1,2}(?:[.,]\d{1,2})?$/.test(typedMark) ||
        mark < 10 ||
        mark > 20
      ) {
        errors[`keptMark_${unit.code}`] =
          'Seule une note d’au moins 10 sur 20 peut être conservée. Exemple : 12,5';
      } else value.keptMarks.push({ unit: unit.code, year, mark });
    }
    if (exempt) {
      const diploma = text(fields, `exemptDiploma_${unit.code}`);
      checkText(errors, `exemptDiploma_${unit.code}`, diploma, {
        label: 'le diplôme qui vous dispense de cette épreuve',
        required: true,
        max: 120,
        shape: PLACE,
      });
      if (!errors[`exemptDiploma_${unit.code}`])
        value.exemptions.push({ unit: unit.code, diploma });
    }
  }
  if (fields.arrangements !== 'oui' && fields.arrangements !== 'non')
    errors.arrangements = 'Indiquez si vous demandez un aménagement des épreuves.';
  if (value.arrangementsRequested) {
    checkText(errors, 'arrangementsDetails', value.arrangementsDetails, {
      label: 'la nature de l’aménagement demandé',
      required: false,
      max: 1000,
    });
  } else value.arrangementsDetails = '';
  return { value, errors };
}

/** The raw fields that show a saved registration again, for « Modifier ». */
export function rawFieldsOf(data: RegistrationData): {
  identity: RawFields;
  candidature: RawFields;
} {
  const { identity: i, contact: c, candidature: k } = data;
  const candidature: RawFields = {
    status: k.status,
    distanceBody: k.distanceBody,
    eligibilityRoute: k.eligibilityRoute,
    format: k.format,
    optionalTest: k.optionalTest,
    arrangements: k.arrangementsRequested ? 'oui' : 'non',
    arrangementsDetails: k.arrangementsDetails,
  };
  k.languages.forEach((code, index) => (candidature[`language${index + 1}`] = code));
  for (const m of k.keptMarks) {
    candidature[`kept_${m.unit}`] = 'oui';
    candidature[`keptYear_${m.unit}`] = String(m.year);
    candidature[`keptMark_${m.unit}`] = String(m.mark).replace('.', ',');
  }
  for (const e of k.exemptions) {
    candidature[`exempt_${e.unit}`] = 'oui';
    candidature[`exemptDiploma_${e.unit}`] = e.diploma;
  }
  return {
    identity: {
      birthName: i.birthName,
      usageName: i.usageName,
      firstNames: i.firstNames,
      sex: i.sex,
      birthDate: i.birthDate,
      birthCommune: i.birthCommune,
      birthCountry: i.birthCountry,
      nationality: i.nationality,
      addressLine1: c.address.line1,
      addressLine2: c.address.line2,
      postalCode: c.address.postalCode,
      city: c.address.city,
      country: c.address.country,
      phone: c.phone,
    },
    candidature,
  };
}
