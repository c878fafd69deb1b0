/**
 * The office's staff in tests: `candidat staff add` run as an operator would (a child
 * process on the test's database), the setup link walked to a signed-in session, TOTP codes
 * computed here from the secret shown on the page (RFC 6238 written out with node:crypto,
 * independent of the library the portal uses), and the QR code read back from its SVG.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { promisify } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQR from 'jsqr';
import { addStaff } from '../../src/domain/staff/add-staff.js';
import type { StaffMember } from '../../src/domain/staff/ports.js';
import { openStaffSession } from '../../src/domain/staff/staff-session.js';
import { staffSessionRepository } from '../../src/infra/repositories/staff.repository.js';
import type { TestApp } from './test-app.js';
import type { Page, TestBrowser } from './test-browser.js';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `candidat ARGS` against the test application's database. */
export async function candidatCli(t: TestApp, args: string[]): Promise<CliResult> {
  const location = t.database.location;
  const env = {
    PATH: process.env.PATH,
    DATA_DIR: t.database.dataDir,
    DATABASE_URL: location.dialect === 'sqlite' ? `sqlite:${location.file}` : location.url,
    PUBLIC_URL: 'http://localhost:3000',
  };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      { env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The path and query of the first /gestion/activation link in `text`. */
export function setupPathIn(text: string): string {
  const match = /https?:\/\/\S+\/gestion\/activation\?jeton=[A-Za-z0-9_-]{43}/.exec(text);
  if (!match) throw new Error(`no setup link in: ${text}`);
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}

// ---------------------------------------------------------------- RFC 6238, by hand

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The 6-digit TOTP code of `secret` (base32) at `at`: HMAC-SHA1, 30-second steps. */
export function totpAt(secret: string, at: Date): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** The secret shown for manual entry on the TOTP setup page. */
export function secretOn(page: Page): string {
  const text = page.html.querySelector('#cle-totp')?.textContent;
  if (!text) throw new Error(`no TOTP secret on this page (status ${page.status})`);
  return text.replace(/\s/g, '');
}

/** What the setup page's QR code says, read from its inline SVG as a phone would. */
export async function qrOn(page: Page): Promise<string | undefined> {
  const svg = page.html.querySelector('main svg')?.toString();
  if (!svg) return undefined;
  const image = await loadImage(Buffer.from(svg));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height);
  return jsQR.default(new Uint8ClampedArray(data.data.buffer), data.width, data.height)?.data;
}

// ---------------------------------------------------------------- journeys

export const STAFF_PASSWORD = 'une longue phrase pour le rectorat';

/**
 * Follows a setup link to a signed-in office session: chooses the password, reads the secret
 * on the setup page and confirms it with a code. Returns the secret.
 */
export async function activateStaff(
  t: TestApp,
  browser: TestBrowser,
  setupPath: string,
  password = STAFF_PASSWORD,
): Promise<string> {
  const form = await browser.get(setupPath);
  if (form.status !== 200) throw new Error(`setup link refused: ${form.status} ${form.text}`);
  const chosen = await browser.submit(form, '/gestion/activation', {
    password,
    passwordConfirmation: password,
  });
  if (chosen.location !== '/gestion/connexion/code')
    throw new Error(`password refused: ${chosen.status} ${chosen.text}`);
  const setup = await browser.follow(chosen);
  const secret = secretOn(setup);
  const signedIn = await browser.submit(setup, '/gestion/connexion/code', {
    code: totpAt(secret, t.clock.now()),
  });
  if (signedIn.location !== '/gestion') throw new Error(`code refused: ${signedIn.status}`);
  return secret;
}

/** Both steps of the office's sign-in; returns the page the code step answered. */
export async function signInStaffWith(
  t: TestApp,
  browser: TestBrowser,
  email: string,
  secret: string,
  password = STAFF_PASSWORD,
): Promise<Page> {
  const first = await browser.submit(
    await browser.get('/gestion/connexion'),
    '/gestion/connexion',
    { email, password },
  );
  if (first.location !== '/gestion/connexion/code')
    throw new Error(`password step refused: ${first.status} ${first.text}`);
  return browser.submit(await browser.follow(first), '/gestion/connexion/code', {
    code: totpAt(secret, t.clock.now()),
  });
}

/** Adds a member directly through the use case (as the command line does), no mail. */
export async function addStaffMember(
  t: TestApp,
  fields: { email: string; name: string; role: 'admin' | 'gestionnaire'; desks?: string[] },
): Promise<{ member: StaffMember; setupPath: string }> {
  const added = await addStaff(t.app.staff, {
    ...fields,
    desks: fields.desks ?? [],
    actor: { kind: 'system', id: null },
    mailLink: false,
  });
  return { member: added.member, setupPath: setupPathIn(added.setupLink) };
}

/**
 * A signed-in office session for `staffId`, minted as the second factor would: for tests of
 * rights, which must not spend one TOTP step per request.
 */
export async function mintStaffSession(t: TestApp, staffId: string): Promise<string> {
  return openStaffSession(
    staffSessionRepository(t.app.database.db),
    staffId,
    'signed-in',
    t.clock.now(),
  );
}

export interface Reviewers {
  /** Agnès Martin, gestionnaire of the BAC PRO pôle (the demo registration's). */
  bacPro: StaffMember;
  /** A gestionnaire of another pôle (services, alimentation, hôtellerie). */
  sah: StaffMember;
  admin: StaffMember;
}

/** The office staff the review tests act as, on the notice's catalogue (poitiers-2025). */
export async function addReviewers(t: TestApp): Promise<Reviewers> {
  const add = async (fields: Parameters<typeof addStaffMember>[1]) =>
    (await addStaffMember(t, fields)).member;
  return {
    bacPro: await add({
      email: 'bac.pro@ac-poitiers.fr',
      name: 'Agnès Martin',
      role: 'gestionnaire',
      desks: ['bac-pro'],
    }),
    sah: await add({
      email: 'sah@ac-poitiers.fr',
      name: 'Sami Haddad',
      role: 'gestionnaire',
      desks: ['sah'],
    }),
    admin: await add({ email: 'admin@ac-poitiers.fr', name: 'Admin', role: 'admin' }),
  };
}
