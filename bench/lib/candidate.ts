/**
 * What a candidate does on the portal, step by step, through its real pages: create an account,
 * activate it with the link from the mail, sign in, register with the wizard (« M'inscrire »,
 * « Enregistrer »), upload supporting documents, declare them complete, download the
 * récapitulatif, and re-save a registration (« Modifier », « Enregistrer »). Every request is
 * timed under its step name; an answer the candidate would not expect throws a StepError.
 */
import { type Browser, StepError, csrfOf, expectStatus, formActions, hiddenOf } from './browser.js';
import type { OutboxView } from './database.js';
import type { UploadFile } from './files.js';
import { CANDIDATURE_FIELDS, IDENTITY_FIELDS } from '../../test/support/registration.js';

/** The demo catalogue's session and exam open for registration, and one of its specialties. */
export const SESSION = 'demo';
export const EXAM = 'BCP';
export const SPECIALTY = '40022106';
const BASE = `/inscription/${SESSION}/${EXAM}`;

export const PASSWORD = 'une phrase de passe pour le banc d’essai';

/** Identity as a candidate types it (the tests' own values); 21 this year, so the JDC is asked too. */
export function identityFields(): Record<string, string> {
  return { ...IDENTITY_FIELDS, birthDate: `${new Date().getUTCFullYear() - 21}-04-12` };
}

export { CANDIDATURE_FIELDS };

/** « Créer votre compte », then the activation link from the mail, then « Activer mon compte ». */
export async function createAndActivate(
  b: Browser,
  email: string,
  outbox: OutboxView,
): Promise<void> {
  const form = await b.get('GET /compte/creer', '/compte/creer');
  expectStatus('GET /compte/creer', form, 200);
  const created = await b.postForm('POST /compte/creer', '/compte/creer', {
    _csrf: csrfOf('GET /compte/creer', form),
    email,
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
  });
  expectStatus('POST /compte/creer', created, 200);

  const started = performance.now();
  const token = await outbox.activationToken(email);
  b.recordBench('(bench) read the activation mail', performance.now() - started);

  const link = `/compte/activer?jeton=${token}`;
  const confirm = await b.get('GET /compte/activer', link);
  expectStatus('GET /compte/activer', confirm, 200);
  const activated = await b.postForm('POST /compte/activer', '/compte/activer', {
    _csrf: csrfOf('GET /compte/activer', confirm),
    jeton: hiddenOf('GET /compte/activer', confirm, 'jeton'),
  });
  expectStatus('POST /compte/activer', activated, 303, '/espace?bienvenue=1');
  expectStatus('GET /espace', await b.get('GET /espace', '/espace?bienvenue=1'), 200);
}

/** « Se connecter » from a browser without a session; lands on « Mes inscriptions ». */
export async function signIn(b: Browser, email: string): Promise<string> {
  const form = await b.get('GET /connexion', '/connexion');
  expectStatus('GET /connexion', form, 200);
  const signedIn = await b.postForm('POST /connexion', '/connexion', {
    _csrf: csrfOf('GET /connexion', form),
    email,
    password: PASSWORD,
  });
  expectStatus('POST /connexion', signedIn, 303, '/espace');
  const space = await b.get('GET /espace', '/espace');
  expectStatus('GET /espace', space, 200);
  return csrfOf('GET /espace', space);
}

/** Submits a form of the page just got and expects a 303 to `next`; returns the next page. */
async function step(
  b: Browser,
  page: { path: string; csrf: string },
  name: string,
  fields: Record<string, string>,
  next: string,
): Promise<{ path: string; csrf: string }> {
  const posted = await b.postForm(`POST ${name}`, page.path, { _csrf: page.csrf, ...fields });
  expectStatus(`POST ${name}`, posted, 303, next);
  return open(b, next);
}

async function open(b: Browser, path: string): Promise<{ path: string; csrf: string }> {
  const name = `GET ${path.replace(BASE, '…')}`;
  const page = await b.get(name, path);
  expectStatus(name, page, 200);
  return { path, csrf: csrfOf(name, page) };
}

/** « M'inscrire » from the choice of exam to « Enregistrer »; returns the registration number. */
export async function registerWithWizard(
  b: Browser,
  identity: Record<string, string> = identityFields(),
): Promise<string> {
  await fillWizard(b, identity);
  const { number, location } = await saveFromRecap(b);
  const space = await b.get('GET /espace', location);
  expectStatus('GET /espace', space, 200);
  if (!space.text.includes(number))
    throw new StepError('GET /espace', `registration ${number} not listed on « Mes inscriptions »`);
  return number;
}

/** « M'inscrire » from the choice of exam up to the récapitulatif (nothing saved yet). */
export async function fillWizard(b: Browser, identity: Record<string, string>): Promise<void> {
  let page = await open(b, '/inscription/nouvelle');
  page = await step(
    b,
    page,
    '/inscription/nouvelle',
    { examen: `${SESSION}/${EXAM}` },
    `${BASE}/specialite`,
  );
  page = await step(b, page, '…/specialite', { specialite: SPECIALTY }, `${BASE}/conditions`);
  page = await step(
    b,
    page,
    '…/conditions',
    { conditions: 'oui', action: 'suivant' },
    `${BASE}/identite`,
  );
  await identityAndCandidature(b, page, identity);
}

async function identityAndCandidature(
  b: Browser,
  page: { path: string; csrf: string },
  identity: Record<string, string>,
): Promise<void> {
  page = await step(
    b,
    page,
    '…/identite',
    { ...identity, action: 'suivant' },
    `${BASE}/candidature`,
  );
  await step(
    b,
    page,
    '…/candidature',
    { ...CANDIDATURE_FIELDS, action: 'suivant' },
    `${BASE}/recapitulatif`,
  );
}

/**
 * « Enregistrer » on the récapitulatif, which carries the draft's revision; returns the
 * registration number from the redirect (the save is acknowledged then, before any other page).
 */
export async function saveFromRecap(b: Browser): Promise<{ number: string; location: string }> {
  const recap = await b.get('GET …/recapitulatif', `${BASE}/recapitulatif`);
  expectStatus('GET …/recapitulatif', recap, 200);
  const saved = await b.postForm('POST …/enregistrer', `${BASE}/enregistrer`, {
    _csrf: csrfOf('GET …/recapitulatif', recap),
    revision: hiddenOf('GET …/recapitulatif', recap, 'revision'),
  });
  expectStatus('POST …/enregistrer', saved, 303, /^\/espace\?enregistree=/);
  const number = decodeURIComponent(saved.location?.split('enregistree=')[1] ?? '');
  return { number, location: saved.location ?? '/espace' };
}

/**
 * « Modifier », then the identity step with `identity` (the contact lines change; the identity
 * itself is locked since the first save) and the candidature step, up to the récapitulatif;
 * `saveFromRecap` saves it as a new version.
 */
export async function modifyWithWizard(
  b: Browser,
  csrf: string,
  identity: Record<string, string>,
): Promise<void> {
  const opened = await b.postForm('POST …/modifier', `${BASE}/modifier`, { _csrf: csrf });
  expectStatus('POST …/modifier', opened, 303, `${BASE}/identite`);
  await identityAndCandidature(b, await open(b, `${BASE}/identite`), identity);
}

export const justificatifsPath = (number: string): string =>
  `/inscriptions/${encodeURIComponent(number)}/justificatifs`;

/**
 * « Mes justificatifs »: one file for each document asked, in page order (the files in turn;
 * more files than documents go to the first one, which takes several), then « J'ai fourni
 * toutes mes pièces ».
 */
export async function uploadAndDeclare(
  b: Browser,
  number: string,
  files: readonly UploadFile[],
): Promise<void> {
  const path = justificatifsPath(number);
  let page = await b.get('GET …/justificatifs', path);
  expectStatus('GET …/justificatifs', page, 200);
  const actions = formActions(page, `${path}/pieces/`);
  if (actions.length === 0) throw new StepError('GET …/justificatifs', 'no document to upload');
  for (const [i, file] of files.entries()) {
    const action = actions[i] ?? actions[0] ?? '';
    const name = `POST …/pieces/:document (${label(file)})`;
    const sent = await b.postFile(name, action, csrfOf('GET …/justificatifs', page), file);
    expectStatus(name, sent, 303, `${path}?ajout=1`);
    page = await b.get('GET …/justificatifs', `${path}?ajout=1`);
    expectStatus('GET …/justificatifs', page, 200);
  }
  await declareAllProvided(b, number, csrfOf('GET …/justificatifs', page));
  expectStatus('GET …/justificatifs', await b.get('GET …/justificatifs', `${path}?complet=1`), 200);
}

/** « J'ai fourni toutes mes pièces » (acknowledged by its redirect). */
export async function declareAllProvided(b: Browser, number: string, csrf: string): Promise<void> {
  const path = justificatifsPath(number);
  const declared = await b.postForm('POST …/justificatifs/complet', `${path}/complet`, {
    _csrf: csrf,
  });
  expectStatus('POST …/justificatifs/complet', declared, 303, `${path}?complet=1`);
}

/** One file to a document that takes several (the identity document, recto and verso). */
export async function uploadOne(
  b: Browser,
  number: string,
  csrf: string,
  file: UploadFile,
  document = 'piece-identite',
): Promise<void> {
  const path = justificatifsPath(number);
  const name = `POST …/pieces/:document (${label(file)})`;
  const sent = await b.postFile(name, `${path}/pieces/${document}`, csrf, file);
  expectStatus(name, sent, 303, `${path}?ajout=1`);
}

/** The récapitulatif PDF of the registration's current version. */
export async function downloadReceipt(b: Browser, number: string): Promise<void> {
  const name = 'GET …/recapitulatif.pdf';
  const pdf = await b.get(
    name,
    `/inscriptions/${encodeURIComponent(number)}/recapitulatif.pdf`,
    true,
  );
  expectStatus(name, pdf, 200);
  if (
    !pdf.contentType.startsWith('application/pdf') ||
    pdf.bytes.subarray(0, 5).toString() !== '%PDF-'
  )
    throw new StepError(name, `not a PDF (${pdf.contentType}, ${pdf.bytes.length} bytes)`);
}

/**
 * A re-save, the shortest way the routes allow: « Modifier » (which opens a draft from the
 * current version, revision 1) then « Enregistrer » with that revision: a new version.
 */
export async function resave(b: Browser, csrf: string): Promise<void> {
  const opened = await b.postForm('POST …/modifier', `${BASE}/modifier`, { _csrf: csrf });
  expectStatus('POST …/modifier', opened, 303, `${BASE}/identite`);
  const saved = await b.postForm('POST …/enregistrer', `${BASE}/enregistrer`, {
    _csrf: csrf,
    revision: '1',
  });
  expectStatus('POST …/enregistrer', saved, 303, /^\/espace\?enregistree=/);
}

function label(file: UploadFile): string {
  const size = file.bytes.length;
  const amount =
    size >= 1024 * 1024 ? `${Math.round(size / 1024 / 1024)} MB` : `${Math.round(size / 1024)} KB`;
  return `${file.type === 'application/pdf' ? 'PDF' : 'JPEG'} ${amount}`;
}
