/**
 * The people of the rights tests: candidate A (the demo account, who registers and uploads),
 * candidate B (another active account), a gestionnaire of A's registration's pôle (bac-pro), a
 * gestionnaire of another pôle (sah) and an administrator; and a browser holding a fresh
 * session of any of them. Sessions are minted as sign-in or the second factor would open them,
 * so a test of rights spends no password hash and no TOTP step per request.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { openSession } from '../../src/domain/accounts/open-session.js';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { makePdf } from './files.js';
import { MULTIPART_TYPE, multipartBody } from './multipart.js';
import { fillWizard, signInDemo } from './registration.js';
import { addStaffMember, mintStaffSession } from './staff.js';
import type { TestApp } from './test-app.js';
import { type TestBrowser, csrfOf } from './test-browser.js';

export const VISITORS = [
  'anonymous',
  'candidateA',
  'candidateB',
  'deskRight',
  'deskOther',
  'admin',
] as const;
export type Visitor = (typeof VISITORS)[number];

/** The account or staff id of every visitor but the anonymous one. */
export type VisitorIds = Record<Exclude<Visitor, 'anonymous'>, string>;

/** The id of the demo account (candidate A). */
export async function demoAccountId(t: TestApp): Promise<string> {
  const demo = await accountRepository(t.app.database.db).findByEmail(DEMO_ACCOUNT.email);
  if (!demo) throw new Error('the demo account is missing');
  return demo.id;
}

/** An active candidate account with `email`; its password is never used (sessions are minted). */
export async function addActiveCandidate(t: TestApp, email: string): Promise<string> {
  const id = randomUUID();
  await accountRepository(t.app.database.db).insert({
    id,
    email,
    passwordHash: 'not used: sessions are minted',
    createdAt: t.clock.now(),
    activatedAt: t.clock.now(),
  });
  return id;
}

/** The office's three visitors: gestionnaires of bac-pro and of sah, and an administrator. */
export async function addOfficeVisitors(
  t: TestApp,
): Promise<Pick<VisitorIds, 'deskRight' | 'deskOther' | 'admin'>> {
  const staff = async (email: string, role: 'admin' | 'gestionnaire', desks?: string[]) =>
    (await addStaffMember(t, { email, name: email, role, ...(desks ? { desks } : {}) })).member.id;
  return {
    deskRight: await staff('bac.pro@ac-poitiers.fr', 'gestionnaire', ['bac-pro']),
    deskOther: await staff('sah@ac-poitiers.fr', 'gestionnaire', ['sah']),
    admin: await staff('admin@ac-poitiers.fr', 'admin'),
  };
}

/**
 * Signs the demo candidate in, walks « M'inscrire » for `exam`/`specialty` of `session` and
 * saves: returns the registration's number.
 */
export async function registerDemoCandidate(
  t: TestApp,
  session: string,
  exam: string,
  specialty: string,
): Promise<string> {
  const browser = t.browser();
  await signInDemo(browser);
  const recap = await fillWizard(browser, session, exam, specialty);
  const saved = await browser.submit(recap, `/inscription/${session}/${exam}/enregistrer`, {});
  const number = new URL(saved.location ?? '', 'http://x').searchParams.get('enregistree');
  if (!number) throw new Error(`the registration was not saved: ${saved.status}`);
  return number;
}

/** Adds a one-page PDF to `document` of registration `number` through « Ajouter ». */
export async function uploadThroughPage(
  browser: TestBrowser,
  number: string,
  document: string,
  filename = 'piece.pdf',
): Promise<void> {
  const page = await browser.get(`/inscriptions/${number}/justificatifs`);
  const added = await browser.raw(
    'POST',
    `/inscriptions/${number}/justificatifs/pieces/${document}`,
    multipartBody([
      { name: '_csrf', value: csrfOf(page) },
      { name: 'fichier', filename, data: await makePdf() },
    ]),
    MULTIPART_TYPE,
  );
  if (added.status !== 303) throw new Error(`upload refused: ${added.status} ${added.text}`);
}

/**
 * Adds a one-page PDF to document `key` of registration `number` as its candidate, through
 * the use case (« Ajouter » without the page): 'accepted', or the French refusal.
 */
export async function tryAddFile(
  t: TestApp,
  owner: { accountId: string; number: string },
  key: string,
): Promise<string> {
  return addUpload(t.app.documents, {
    accountId: owner.accountId,
    registrationNumber: owner.number,
    documentKey: key,
    originalName: `${key}.pdf`,
    source: Readable.from([await makePdf(key)]),
  }).then(
    () => 'accepted',
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

/** Mints a candidate session for `accountId`, as sign-in opens one. */
export async function mintCandidateSession(
  t: TestApp,
  accountId: string,
  at: Date = t.clock.now(),
): Promise<string> {
  return openSession(sessionRepository(t.app.database.db), accountId, at);
}

/** A new browser signed in as the demo candidate through « Se connecter ». */
export async function signedInDemo(t: TestApp): Promise<TestBrowser> {
  const browser = t.browser();
  await signInDemo(browser);
  return browser;
}

/** A new browser signed in as the candidate `accountId` (a session minted now). */
export async function candidateBrowser(t: TestApp, accountId: string): Promise<TestBrowser> {
  const browser = t.browser();
  browser.cookies.set('candidat_session', await mintCandidateSession(t, accountId));
  return browser;
}

/** A new browser signed in to the office as staff member `staffId` (TOTP passed). */
export async function staffBrowser(t: TestApp, staffId: string): Promise<TestBrowser> {
  const browser = t.browser();
  browser.cookies.set('candidat_gestion', await mintStaffSession(t, staffId));
  return browser;
}

/** A new browser holding a fresh session of `visitor` (none for the anonymous one). */
export async function browserOf(
  t: TestApp,
  ids: VisitorIds,
  visitor: Visitor,
): Promise<TestBrowser> {
  if (visitor === 'candidateA' || visitor === 'candidateB')
    return candidateBrowser(t, ids[visitor]);
  if (visitor !== 'anonymous') return staffBrowser(t, ids[visitor]);
  return t.browser();
}
