/**
 * The world the corpus of hostile requests runs against, built once per database: candidate A
 * (the demo account) and candidate B, each registered with a file, a request to the pôle and a
 * document published to them; the office's visitors; links of every state (valid, expired,
 * used); and what the corpus's placeholders stand for. Also the two checks every case ends
 * with: what is stored (every table and the upload folder, compared before and after) and
 * what must never reach a visitor (the other candidate's data).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { TokenPurpose } from '../../src/domain/accounts/ports.js';
import { hashToken, newSecretToken } from '../../src/domain/accounts/secret-token.js';
import { signOut } from '../../src/domain/accounts/sign-out.js';
import { publishDocument } from '../../src/domain/documents/review/publish-document.js';
import { disableStaff } from '../../src/domain/staff/manage-staff.js';
import { openStaffSession, signOutStaff } from '../../src/domain/staff/staff-session.js';
import { requestChange } from '../../src/domain/registrations/request-change.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { startRegistration } from '../../src/domain/registrations/start-registration.js';
import { DEMO_ACCOUNT } from '../../src/demo/demo-data.js';
import { toDb } from '../../src/infra/db/instants.js';
import {
  staffSessionRepository,
  staffTokenRepository,
} from '../../src/infra/repositories/staff.repository.js';
import { tokenRepository } from '../../src/infra/repositories/token.repository.js';
import { makePdf } from './files.js';
import type { COOKIE_VARIANTS, Sender } from './hostile-corpus.js';
import { IDENTITY_FIELDS, draftFields } from './registration.js';
import { activateStaff, addStaffMember } from './staff.js';
import type { TestApp } from './test-app.js';
import { type TestBrowser, csrfOf } from './test-browser.js';
import {
  type VisitorIds,
  addActiveCandidate,
  addOfficeVisitors,
  browserOf,
  demoAccountId,
  mintCandidateSession,
  registerDemoCandidate,
  uploadThroughPage,
} from './visitors.js';

const HOUR_MS = 3_600_000;
const SESSION = 'demo';
const EXAM = 'BCP';
const SPECIALTY = '40022106';
const DOCUMENT = 'piece-identite';

/** B's identity: words found nowhere else, so that any page showing them to A leaks B. */
const B_IDENTITY = {
  ...IDENTITY_FIELDS,
  birthName: 'Zorglub',
  firstNames: 'Bérénice Oriane',
  birthDate: '1999-02-03',
  birthCommune: 'Châtellerault',
  addressLine1: '7 impasse des Tilleuls',
  postalCode: '86100',
  city: 'Châtellerault',
  phone: '07 99 88 77 66',
};
const B_EMAIL = 'bernadette.zorglub@exemple.fr';

export interface HostileWorld {
  ids: VisitorIds;
  /** What the corpus's {placeholders} stand for. */
  placeholders: Record<string, string>;
  /** Words of each candidate's data that nobody else may be shown. */
  privateWords: { candidateA: string[]; candidateB: string[] };
  /** A browser of `visitor` holding, besides, the cookies a case asks for. */
  browser(
    sender: Sender,
    cookies: Partial<Record<CookieName, CookieValue>> | undefined,
  ): Promise<TestBrowser>;
}

export type CookieName = 'candidat_session' | 'candidat_gestion';
export type CookieValue = (typeof COOKIE_VARIANTS)[number] | { value: string };

/** Builds the world on `t` (an application on the demo catalogue). */
export async function buildHostileWorld(t: TestApp): Promise<HostileWorld> {
  const db = t.app.database.db;
  const now = t.clock.now();

  // Candidate A: the demo account, registered through the wizard, with one file.
  const registrationOfA = await registerDemoCandidate(t, SESSION, EXAM, SPECIALTY);
  const candidateA = await demoAccountId(t);
  const office = await addOfficeVisitors(t);
  const candidateB = await addActiveCandidate(t, B_EMAIL);
  const ids: VisitorIds = { candidateA, candidateB, ...office };
  await uploadThroughPage(await browserOf(t, ids, 'candidateA'), registrationOfA, DOCUMENT);

  // Candidate B: registered through the use case with an identity of their own, one file.
  const savedB = await saveRegistration(t.app.registrations, {
    accountId: candidateB,
    accountEmail: B_EMAIL,
    fields: draftFields(SESSION, EXAM, SPECIALTY, B_IDENTITY),
  });
  const registrationOfB = savedB.number;
  await uploadThroughPage(
    await browserOf(t, ids, 'candidateB'),
    registrationOfB,
    DOCUMENT,
    'passeport-zorglub.pdf',
  );
  const uploads = await db
    .selectFrom('uploads')
    .innerJoin('registrations', 'registrations.id', 'uploads.registration_id')
    .select(['uploads.id', 'registrations.number'])
    .execute();
  const uploadOf = (number: string): string => uploads.find((u) => u.number === number)?.id ?? '';

  // A request of each to the pôle, and a document the office published to each.
  const request = (accountId: string, email: string, number: string, message: string) =>
    requestChange(t.app.registrations, {
      accountId,
      accountEmail: email,
      registrationNumber: number,
      kind: 'identity',
      message,
    });
  const requestOfA = await request(candidateA, DEMO_ACCOUNT.email, registrationOfA, 'Mon prénom.');
  const requestOfB = await request(
    candidateB,
    B_EMAIL,
    registrationOfB,
    'Mon nom est Zorglub-Quenotte.',
  );
  const publisher = await addStaffMember(t, {
    email: 'publication@ac-poitiers.fr',
    name: 'Publication',
    role: 'admin',
  });
  const publish = async (number: string, title: string) =>
    publishDocument(t.app.review, {
      staff: publisher.member,
      registrationNumber: number,
      title,
      originalName: 'convocation.pdf',
      source: Readable.from([await makePdf()]),
    });
  const publishedOfA = await publish(registrationOfA, 'Convocation');
  const publishedOfB = await publish(registrationOfB, 'Convocation de Bérénice Zorglub');

  // A's registration being modified: the wizard's steps have a draft to write to.
  const modifying = await browserOf(t, ids, 'candidateA');
  const modified = await modifying.post(
    `/inscription/${SESSION}/${EXAM}/modifier`,
    {},
    csrfOf(await modifying.get('/mot-de-passe/oublie')),
  );
  if (modified.status !== 303) throw new Error(`« Modifier » refused: ${modified.status}`);

  // The newcomer: a draft begun, nothing saved.
  const newcomer = await addActiveCandidate(t, 'nouvelle.venue@exemple.fr');
  await startRegistration(t.app.registrations, {
    accountId: newcomer,
    sessionCode: SESSION,
    examCode: EXAM,
    specialtyCode: SPECIALTY,
  });

  // Staff: a member whose setup link is unused, one whose link expired, one whose link was
  // used, one to act upon, one disabled.
  const pending = await addStaffMember(t, {
    email: 'en.attente@ac-poitiers.fr',
    name: 'En attente',
    role: 'gestionnaire',
    desks: ['sah'],
  });
  const setupToken = new URL(pending.setupPath, 'http://x').searchParams.get('jeton') ?? '';
  const staffToken = async (state: 'expired' | 'used'): Promise<string> => {
    const member = await addStaffMember(t, {
      email: `lien.${state}@ac-poitiers.fr`,
      name: `Lien ${state}`,
      role: 'gestionnaire',
      desks: ['sah'],
    });
    const token = newSecretToken();
    await staffTokenRepository(db).insert({
      tokenHash: hashToken(token),
      staffId: member.member.id,
      createdAt: new Date(now.getTime() - 48 * HOUR_MS),
      expiresAt: new Date(now.getTime() - (state === 'expired' ? 1 : -24) * HOUR_MS),
      usedAt: state === 'used' ? new Date(now.getTime() - HOUR_MS) : null,
    });
    return token;
  };
  const victim = await addStaffMember(t, {
    email: 'victime@ac-poitiers.fr',
    name: 'Victime',
    role: 'gestionnaire',
    desks: ['bac-pro'],
  });
  const disabled = await addStaffMember(t, {
    email: 'desactive@ac-poitiers.fr',
    name: 'Désactivé',
    role: 'admin',
  });
  await disableStaff(t.app.staff, {
    staffId: disabled.member.id,
    actor: { kind: 'system', id: null },
  });

  // A member who set up a password and a second factor, for the code step's cases.
  const twoFactor = await addStaffMember(t, {
    email: 'deux.facteurs@ac-poitiers.fr',
    name: 'Deux facteurs',
    role: 'admin',
  });
  await activateStaff(t, t.browser(), twoFactor.setupPath);

  // Candidates' links: an account created 49 hours ago and never activated (its link
  // expired), one created now whose link was used, and A's reset and address-confirmation
  // links, expired and used.
  const waitingAccount = async (email: string, createdAt: Date): Promise<string> => {
    const id = await addActiveCandidate(t, email);
    await db
      .updateTable('accounts')
      .set({ activated_at: null, created_at: toDb(createdAt) })
      .where('id', '=', id)
      .execute();
    return id;
  };
  const lateAccount = await waitingAccount(
    'en.retard@exemple.fr',
    new Date(now.getTime() - 49 * HOUR_MS),
  );
  const pendingAccount = await waitingAccount('en.attente@exemple.fr', now);
  const accountToken = async (
    accountId: string,
    purpose: TokenPurpose,
    state: 'expired' | 'used',
  ): Promise<string> => {
    const token = newSecretToken();
    await tokenRepository(db).insert({
      tokenHash: hashToken(token),
      accountId,
      purpose,
      createdAt: new Date(now.getTime() - 49 * HOUR_MS),
      expiresAt: new Date(now.getTime() - (state === 'expired' ? 1 : -1) * HOUR_MS),
      usedAt: state === 'used' ? new Date(now.getTime() - 2 * HOUR_MS) : null,
      newEmail: purpose === 'email-change' ? 'nouvelle.adresse@exemple.fr' : undefined,
    });
    return token;
  };

  // What the office's forms were showing: the window's stamp and the catalogue's revision.
  const admin = await browserOf(t, ids, 'admin');
  const windowForm = (await admin.get('/gestion/catalogue/fenetres')).html
    .querySelectorAll('form')
    .find((f) => f.getAttribute('action') === `/gestion/catalogue/fenetres/${SESSION}/${EXAM}`);
  const yamlPage = await admin.get('/gestion/catalogue/yaml');
  const mail = await db.selectFrom('outbox').select('id').executeTakeFirstOrThrow();

  const placeholders: Record<string, string> = {
    session: SESSION,
    exam: EXAM,
    specialty: SPECIALTY,
    document: DOCUMENT,
    registrationOfA,
    registrationOfB,
    uploadOfA: uploadOf(registrationOfA),
    uploadOfB: uploadOf(registrationOfB),
    requestOfA: requestOfA.id,
    requestOfB: requestOfB.id,
    publishedOfA: publishedOfA.id,
    publishedOfB: publishedOfB.id,
    emailOfA: DEMO_ACCOUNT.email,
    emailOfB: B_EMAIL,
    passwordOfA: DEMO_ACCOUNT.password,
    mail: mail.id,
    staffVictim: victim.member.id,
    staffDisabled: disabled.member.id,
    staffAdmin: office.admin,
    setupToken,
    expiredSetupToken: await staffToken('expired'),
    usedSetupToken: await staffToken('used'),
    expiredActivationToken: await accountToken(lateAccount, 'activation', 'expired'),
    usedActivationToken: await accountToken(pendingAccount, 'activation', 'used'),
    expiredResetToken: await accountToken(candidateA, 'reset', 'expired'),
    usedResetToken: await accountToken(candidateA, 'reset', 'used'),
    expiredEmailChangeToken: await accountToken(candidateA, 'email-change', 'expired'),
    usedEmailChangeToken: await accountToken(candidateA, 'email-change', 'used'),
    neverIssuedToken: newSecretToken(),
    registrationOfBLower: registrationOfB.toLowerCase(),
    uploadOfBUpper: uploadOf(registrationOfB).toUpperCase(),
    longSegment: 'A'.repeat(5000),
    windowStamp:
      windowForm?.querySelector('input[name=avant]')?.getAttribute('value') ??
      'no window stamp found',
    catalogueRevision:
      yamlPage.html.querySelector('input[name=revision]')?.getAttribute('value') ??
      'no revision found',
  };

  const staffSession = (staffId: string, stage: 'signed-in' | 'password', at = t.clock.now()) =>
    openStaffSession(staffSessionRepository(db), staffId, stage, at);
  /** The token a cookie variant stands for, on the candidate's or the office's side. */
  const cookieToken = async (name: CookieName, variant: CookieValue): Promise<string> => {
    if (typeof variant === 'object') return variant.value;
    const candidateSide = name === 'candidat_session';
    switch (variant) {
      case 'forged':
        return randomBytes(32).toString('base64url');
      case 'expired':
        return candidateSide
          ? mintCandidateSession(t, candidateA, new Date(t.clock.now().getTime() - 13 * HOUR_MS))
          : staffSession(
              office.deskRight,
              'signed-in',
              new Date(t.clock.now().getTime() - 9 * HOUR_MS),
            );
      case 'replayed': {
        if (candidateSide) {
          const token = await mintCandidateSession(t, candidateA);
          await signOut(t.app.accounts, token);
          return token;
        }
        const token = await staffSession(office.deskRight, 'signed-in');
        await signOutStaff(t.app.staff, token, '192.0.2.1');
        return token;
      }
      case 'crossed':
        return candidateSide
          ? staffSession(office.admin, 'signed-in')
          : mintCandidateSession(t, candidateA);
      case 'half-signed-in':
        return staffSession(twoFactor.member.id, 'password');
      case 'disabled':
        return staffSession(disabled.member.id, 'signed-in');
    }
  };

  return {
    ids,
    placeholders,
    privateWords: {
      candidateA: [DEMO_ACCOUNT.email, registrationOfA, IDENTITY_FIELDS.birthName, '0612345678'],
      candidateB: [B_EMAIL, registrationOfB, 'Zorglub', 'Bérénice', '0799887766', 'Tilleuls'],
    },
    async browser(sender, cookies) {
      const browser = sender === 'newcomer' ? t.browser() : await browserOf(t, ids, sender);
      if (sender === 'newcomer')
        browser.cookies.set('candidat_session', await mintCandidateSession(t, newcomer));
      for (const [name, variant] of Object.entries(cookies ?? {}) as Array<
        [CookieName, CookieValue]
      >)
        browser.cookies.set(name, await cookieToken(name, variant));
      return browser;
    },
  };
}

// ------------------------------------------------------------------ what is stored

/** Rate-limit counters are written by refusals on purpose; migrations' bookkeeping never is. */
const NOT_COMPARED = new Set(['rate_limits', 'kysely_migration', 'kysely_migration_lock']);

export interface StoredState {
  /** Each table's rows, as sorted JSON. */
  tables: Map<string, string[]>;
  /** Every file under the upload folder (temporary ones included). */
  files: string[];
}

async function tableNames(t: TestApp): Promise<string[]> {
  const db = t.app.database.db;
  const rows =
    t.database.location.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
          db,
        )
      : await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  return rows.rows.map((r) => r.name).filter((name) => !NOT_COMPARED.has(name));
}

function filesUnder(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(folder, e.name)) : [path.join(folder, e.name)],
  );
}

/** What the application has stored right now: every table's rows and the uploaded files. */
export async function storedState(t: TestApp): Promise<StoredState> {
  const db = t.app.database.db;
  const names = await tableNames(t);
  const contents = await Promise.all(
    names.map(async (name) => {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
      return rows.rows.map((r) => JSON.stringify(r)).sort();
    }),
  );
  const tables = new Map(names.map((name, i) => [name, contents[i] ?? []]));
  return { tables, files: filesUnder(t.app.config.uploadDir).sort() };
}

/**
 * What changed between two states, as lines naming the table (its row count before and after)
 * or the folder; `draftAllowed` leaves the wizard's draft out (it keeps what was typed), and
 * `journalAllowed` lets the audit log gain entries (an accepted export is journaled).
 */
export function storedChanges(
  before: StoredState,
  after: StoredState,
  draftAllowed: boolean,
  journalAllowed = false,
): string[] {
  const changes: string[] = [];
  for (const [name, rows] of after.tables) {
    const old = before.tables.get(name) ?? [];
    if (draftAllowed && name === 'registration_drafts' && old.length === rows.length) continue;
    if (journalAllowed && name === 'audit_log' && old.every((row) => rows.includes(row))) continue;
    if (old.length !== rows.length || old.some((row, i) => row !== rows[i]))
      changes.push(`${name}: ${old.length} rows → ${rows.length}, contents changed`);
  }
  if (before.files.join('\n') !== after.files.join('\n'))
    changes.push(`upload folder: ${before.files.length} files → ${after.files.length}`);
  return changes;
}
