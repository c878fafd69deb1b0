/**
 * `npm run bench:security`: the account-protection figures docs/security.md quotes, measured on
 * the real use cases (argon2id, the rate limits in a real SQLite file) with the clock injected,
 * so an hour of guessing takes seconds.
 *
 * 1. Timing: how long « Se connecter » takes for an email without an account and for a real
 *    account with a wrong password (p50, p99). Equal figures mean the answer's time does not
 *    tell whether an account exists.
 * 2. Guessing: one attempt per second for an hour against one account, from one address, from
 *    a new address each time (a botnet), and against a new account each time from one address
 *    (spraying one password): how many attempts get to the password check.
 *
 * Writes bench/results/security.json and prints a Markdown table.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { signIn } from '../src/domain/accounts/sign-in.js';
import { FixedClock } from '../src/domain/clock.js';
import { DomainError } from '../src/domain/errors.js';
import { DEMO_ACCOUNT, seedDemo } from '../src/demo/demo-data.js';
import { ROOT } from './lib/server.js';
import { Samples } from './lib/stats.js';

const TIMING_SAMPLES = Number(process.env.SECURITY_TIMING_SAMPLES ?? 60);
const HOUR_S = 3600;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'candidat-security-'));
const clock = new FixedClock('2024-11-01T08:00:00.000Z');
const config = loadConfig({
  DATA_DIR: dataDir,
  SESSION_SECRET: 'security bench secret long enough for cookies',
  RECEIPT_KEY: 'security bench receipt key long enough',
  PUBLIC_URL: 'http://localhost:3000',
  LOG_LEVEL: 'silent',
  DEMO: 'true',
});
const app = await createApp(config, { clock });
await seedDemo(app.database.db, app.accounts.hasher, clock.now());

type Outcome = 'checked' | 'rate_limited';

/** One sign-in attempt with a wrong password: whether it reached the password check. */
async function attempt(email: string, address: string): Promise<Outcome> {
  try {
    await signIn(app.accounts, { email, password: 'not the password', clientAddress: address });
    throw new Error('a wrong password was accepted');
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rate_limited') return 'rate_limited';
    if (error instanceof DomainError && error.code === 'bad_credentials') return 'checked';
    throw error;
  }
}

/** Alternates the two kinds of attempt, so a busy moment of the machine weighs on both alike. */
async function timing(): Promise<{ unknown: Samples; known: Samples }> {
  const unknown = new Samples();
  const known = new Samples();
  await attempt('echauffement@exemple.fr', '192.0.2.254'); // the dummy hash is made once
  for (let i = 0; i < 2 * TIMING_SAMPLES; i++) {
    clock.advance(16 * 60_000); // past every limit's window: only the check is timed
    const [email, samples] =
      i % 2 === 0 ? [`personne-${i}@exemple.fr`, unknown] : [DEMO_ACCOUNT.email, known];
    const start = performance.now();
    await attempt(email, `192.0.2.${i % 250}`);
    samples.add(performance.now() - start);
  }
  return { unknown, known };
}

async function guessingHour(
  email: (second: number) => string,
  address: (second: number) => string,
): Promise<number> {
  clock.advance(2 * 3600_000);
  let checked = 0;
  for (let second = 0; second < HOUR_S; second++) {
    if ((await attempt(email(second), address(second))) === 'checked') checked++;
    clock.advance(1000);
  }
  return checked;
}

const { unknown, known } = await timing();
const oneAccountOneAddress = await guessingHour(
  () => DEMO_ACCOUNT.email,
  () => '198.51.100.7',
);
const oneAccountManyAddresses = await guessingHour(
  () => DEMO_ACCOUNT.email,
  (s) => `10.${(s >> 16) & 255}.${(s >> 8) & 255}.${s & 255}`,
);
const manyAccountsOneAddress = await guessingHour(
  (s) => `cible-${s}@exemple.fr`,
  () => '198.51.100.8',
);

const results = {
  machine: { cpus: os.cpus().length, node: process.version },
  timing: { unknownEmail: unknown.summary(), wrongPassword: known.summary() },
  guessingPerHour: { oneAccountOneAddress, oneAccountManyAddresses, manyAccountsOneAddress },
};
await app.close();
rmSync(dataDir, { recursive: true, force: true });

mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(
  path.join(ROOT, 'bench/results/security.json'),
  `${JSON.stringify(results, null, 2)}\n`,
);
const ms = (n: number): string => n.toFixed(1);
console.log(`| « Se connecter » | p50 (ms) | p99 (ms) |
|---|---|---|
| email without an account | ${ms(results.timing.unknownEmail.p50)} | ${ms(results.timing.unknownEmail.p99)} |
| real account, wrong password | ${ms(results.timing.wrongPassword.p50)} | ${ms(results.timing.wrongPassword.p99)} |

| one guess a second for an hour | attempts | reaching the password check |
|---|---|---|
| one account, one address | ${HOUR_S} | ${oneAccountOneAddress} |
| one account, a new address each time | ${HOUR_S} | ${oneAccountManyAddresses} |
| a new account each time, one address | ${HOUR_S} | ${manyAccountsOneAddress} |`);
