/** The French labels of the registration form's fields, shared by the steps and the error summary. */
export const IDENTITY_LABELS: Record<string, string> = {
  birthName: 'Nom de naissance',
  usageName: 'Nom d’usage',
  firstNames: 'Prénoms',
  sex: 'Sexe',
  birthDate: 'Date de naissance',
  birthCommune: 'Commune de naissance',
  birthCountry: 'Pays de naissance',
  nationality: 'Nationalité',
  addressLine1: 'Adresse',
  addressLine2: 'Complément d’adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  country: 'Pays',
  phone: 'Téléphone',
};

/** Typed by its keys, so that the office's export can head a column with one of them. */
export const CANDIDATURE_LABELS = {
  status: 'Statut',
  distanceBody: 'Organisme d’enseignement à distance',
  eligibilityRoute: 'Voie d’accès',
  format: 'Forme de l’examen',
  language1: 'Langue vivante',
  language2: 'Langue vivante 2',
  optionalTest: 'Épreuve facultative',
  arrangements: 'Aménagement des épreuves',
  arrangementsDetails: 'Nature de l’aménagement demandé',
} satisfies Record<string, string>;

export const STEP_TITLES = [
  'Modalités d’inscription',
  'Identité et coordonnées',
  'Candidature',
  'Récapitulatif',
] as const;
