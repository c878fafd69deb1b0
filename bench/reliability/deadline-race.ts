/**
 * Guarantee 2, « deadline race »: the application runs in this process (createApp, the real
 * Fastify server listening on a loopback port, a real database) with the RaceClock armed so
 * that its stamps straddle the close of the notice's BAC PRO window (13 November 2024,
 * 19:00 Paris): half the writes get a stamp before it, half at or after it. Then `writes`
 * requests are sent at once over HTTP, half « Enregistrer » (a new version of a saved
 * registration, from its draft) and half « J'ai fourni toutes mes pièces », each for its own
 * registration, and each answer is checked against the database:
 *
 * - the stamps the server gave below the close are exactly the stamps stored by the accepted
 *   writes (every write stamped before the close was accepted, and none is lost);
 * - every other write was refused with a 409 and the French message naming the close, and
 *   left nothing: no version, no declaration, no mail, no audit entry;
 * - every accepted write is whole: its version or declaration, its mail and its audit entry,
 *   all at its stamp.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Agent } from 'undici';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openSession } from '../../src/domain/accounts/open-session.js';
import { addUpload } from '../../src/domain/documents/add-upload.js';
import { beginModification } from '../../src/domain/registrations/begin-modification.js';
import { saveRegistration } from '../../src/domain/registrations/save-registration.js';
import { accountRepository } from '../../src/infra/repositories/account.repository.js';
import { sessionRepository } from '../../src/infra/repositories/session.repository.js';
import { importCatalogue } from '../../test/support/catalogue.js';
import { makePng } from '../../test/support/files.js';
import { draftFields } from '../../test/support/registration.js';
import { Browser, type Reply, csrfOf } from '../lib/browser.js';
import { Samples, type LatencySummary } from '../lib/stats.js';
import { RaceClock } from './lib/race-clock.js';

export interface DeadlineRaceOptions {
  /** A fresh PostgreSQL database; SQLite in a temporary folder without it. */
  postgresUrl?: string | undefined;
  /** Requests sent at once (half saves, half declarations). */
  writes: number;
  log: (message: string) => void;
}

export interface DeadlineRaceResult {
  dialect: 'sqlite' | 'postgres';
  writes: number;
  close: string;
  /** Stamps the server gave before the close, and at or after it. */
  stampedBefore: number;
  stampedAfter: number;
  accepted: { saves: number; declarations: number };
  refused: { saves: number; declarations: number };
  /** Answers that were neither (should be none). */
  otherAnswers: number;
  /** The whole burst, first request sent to last answer, and each request's time. */
  burstMs: number;
  latency: LatencySummary;
  violations: string[];
  seconds: number;
}

const SESSION = '2025';
const EXAM = 'BCP';
const PASSWORD = 'une phrase de passe pour la course';
/** The refusal after the close, as the window rule words it (Paris time). */
const REFUSAL =
  'Les inscriptions pour cet examen sont closes depuis le 13 novembre 2024 à 19 h 00.';

interface Racer {
  kind: 'save' | 'declare';
  accountId: string;
  number: string;
  registrationId: string;
  browser: Browser;
}

async function prepare(app: App, base: string, dispatcher: Agent, writes: number) {
  const db = app.database.db;
  const passwordHash = await app.accounts.hasher.hash(PASSWORD);
  // One CSRF secret for every racer: the token is bound to its cookie, not to the session.
  const anonymous = new Browser([base], dispatcher);
  const csrf = csrfOf('GET /connexion', await anonymous.get('GET /connexion', '/connexion'));
  const racers: Racer[] = [];
  for (let i = 0; i < writes; i += 1) {
    const kind = i % 2 === 0 ? 'save' : 'declare';
    const accountId = randomUUID();
    const email = `course.${i}@exemple.fr`;
    const now = app.clock.now();
    // Accounts as seedDemo makes the demo candidate's: activated, with a real argon2id hash.
    await accountRepository(db).insert({
      id: accountId,
      email,
      passwordHash,
      createdAt: now,
      activatedAt: now,
    });
    const token = await openSession(sessionRepository(db), accountId, now);
    const saved = await saveRegistration(app.registrations, {
      accountId,
      accountEmail: email,
      fields: draftFields(SESSION, EXAM, '40022106'),
    });
    if (kind === 'save') {
      await beginModification(app.registrations, {
        accountId,
        sessionCode: SESSION,
        examCode: EXAM,
      });
    } else {
      const documents = await db
        .selectFrom('required_documents')
        .select('key')
        .where('registration_id', '=', saved.id)
        .where('required', '=', 1)
        .execute();
      for (const { key } of documents)
        await addUpload(app.documents, {
          accountId,
          registrationNumber: saved.number,
          documentKey: key,
          originalName: 'scan.png',
          source: Readable.from([makePng()]),
        });
    }
    const browser = new Browser([base], dispatcher);
    for (const [name, value] of anonymous.cookies) browser.cookies.set(name, value);
    browser.cookies.set('candidat_session', token);
    racers.push({ kind, accountId, number: saved.number, registrationId: saved.id, browser });
  }
  return { racers, csrf };
}

function send(racer: Racer, csrf: string): Promise<Reply> {
  return racer.kind === 'save'
    ? racer.browser.postForm('save', `/inscription/${SESSION}/${EXAM}/enregistrer`, {
        _csrf: csrf,
        revision: '1',
      })
    : racer.browser.postForm(
        'declare',
        `/inscriptions/${encodeURIComponent(racer.number)}/justificatifs/complet`,
        { _csrf: csrf },
      );
}

export async function deadlineRaceScenario(o: DeadlineRaceOptions): Promise<DeadlineRaceResult> {
  const started = performance.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'candidat-race-'));
  const clock = new RaceClock(new Date('2024-11-13T10:00:00.000Z'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: o.postgresUrl ?? `sqlite:${path.join(dataDir, 'candidat.sqlite')}`,
    SESSION_SECRET: 'the deadline race secret, long enough to sign cookies',
    RECEIPT_KEY: 'the deadline race receipt key, long enough to sign codes',
    PUBLIC_URL: 'http://127.0.0.1',
    DEMO: 'true', // the mails stay in the outbox, where the check reads them
    LOG_LEVEL: 'silent',
  });
  const app = await createApp(config, { clock, logger: false });
  const dispatcher = new Agent({ connections: Math.min(o.writes, 512) });
  try {
    await importCatalogue(app, 'poitiers-2025.yaml');
    await app.server.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.server.address();
    const base = `http://127.0.0.1:${address && typeof address === 'object' ? address.port : 0}`;
    const db = app.database.db;
    const window = await db
      .selectFrom('registration_windows')
      .select('closes_at')
      .where('session_code', '=', SESSION)
      .where('exam_code', '=', EXAM)
      .executeTakeFirstOrThrow();
    const close = new Date(window.closes_at);
    const { racers, csrf } = await prepare(app, base, dispatcher, o.writes);
    o.log(`deadline ${app.database.dialect}: ${racers.length} registrations ready, racing`);

    const before = Math.floor(o.writes / 2);
    clock.arm(close, before);
    const latencies = new Samples();
    const burstStarted = performance.now();
    const answers = await Promise.all(
      racers.map(async (racer) => {
        const t = performance.now();
        const reply = await send(racer, csrf).catch((error: unknown) => error as Error);
        latencies.add(performance.now() - t);
        return reply;
      }),
    );
    const burstMs = performance.now() - burstStarted;
    clock.disarm();

    const violations: string[] = [];
    const ids = racers.map((r) => r.registrationId);
    const registrations = new Map(
      (
        await db
          .selectFrom('registrations')
          .select(['id', 'version', 'saved_at', 'complete_declared_at'])
          .where('id', 'in', ids)
          .execute()
      ).map((r) => [r.id, r]),
    );
    const versions = await db
      .selectFrom('registration_versions')
      .select(['registration_id', 'version', 'saved_at'])
      .where('registration_id', 'in', ids)
      .where('version', '>', 1)
      .execute();
    const mails = new Set(
      (await db.selectFrom('outbox').select(['account_id', 'created_at']).execute()).map(
        (m) => `${m.account_id ?? ''}@${m.created_at}`,
      ),
    );
    const audit = new Set(
      (
        await db
          .selectFrom('audit_log')
          .select(['subject_id', 'at', 'action'])
          .where('action', 'in', ['registration.saved', 'documents.declared_complete'])
          .execute()
      ).map((a) => `${a.action}:${a.subject_id ?? ''}@${a.at}`),
    );
    const late = (iso: string): boolean => iso >= close.toISOString();

    const stamped = clock.stamps.map((s) => s.at.toISOString());
    if (stamped.length !== o.writes)
      violations.push(
        `${stamped.length} stamps for ${o.writes} writes: each write must read the clock once`,
      );
    const stampedBefore = stamped.filter((s) => !late(s));
    const acceptedStamps: string[] = [];
    const accepted = { saves: 0, declarations: 0 };
    const refused = { saves: 0, declarations: 0 };
    let otherAnswers = 0;
    for (const [i, racer] of racers.entries()) {
      const answer = answers[i];
      const reply = answer instanceof Error ? undefined : answer;
      const row = registrations.get(racer.registrationId);
      const stored =
        racer.kind === 'save'
          ? versions.find((v) => v.registration_id === racer.registrationId)?.saved_at
          : (row?.complete_declared_at ?? undefined);
      const what = `${racer.kind} of ${racer.number}`;
      const done =
        reply?.status === 303 &&
        (racer.kind === 'save'
          ? (reply.location ?? '').startsWith('/espace?enregistree=')
          : (reply.location ?? '').endsWith('?complet=1'));
      if (done) {
        if (racer.kind === 'save') accepted.saves += 1;
        else accepted.declarations += 1;
        if (stored === undefined) {
          violations.push(`${what}: accepted but not stored`);
          continue;
        }
        acceptedStamps.push(stored);
        if (late(stored))
          violations.push(`${what}: accepted with the stamp ${stored}, after the close`);
        if (racer.kind === 'save' && (row?.version !== 2 || row.saved_at !== stored))
          violations.push(`${what}: the version is stored but not the registration`);
        const action = racer.kind === 'save' ? 'registration.saved' : 'documents.declared_complete';
        if (!audit.has(`${action}:${racer.registrationId}@${stored}`))
          violations.push(`${what}: no audit entry at its stamp`);
        if (!mails.has(`${racer.accountId}@${stored}`))
          violations.push(`${what}: no mail at its stamp`);
      } else if (reply?.status === 409 && reply.text.includes(REFUSAL)) {
        if (racer.kind === 'save') refused.saves += 1;
        else refused.declarations += 1;
        if (stored !== undefined || (racer.kind === 'save' && row?.version !== 1))
          violations.push(`${what}: refused but written`);
      } else {
        otherAnswers += 1;
        const detail =
          answer instanceof Error ? answer.message : `${reply?.status} ${reply?.location ?? ''}`;
        if (otherAnswers <= 5) violations.push(`${what}: unexpected answer ${detail}`);
      }
    }
    const expected = [...stampedBefore].sort();
    const got = [...acceptedStamps].sort();
    if (expected.join() !== got.join())
      violations.push(
        `stamps before the close ${expected.length}, accepted writes ${got.length}: they must be the same`,
      );
    const lateMails = [...mails].filter((m) => late(m.split('@').pop() ?? '')).length;
    const lateAudit = [...audit].filter((a) => late(a.split('@').pop() ?? '')).length;
    if (lateMails > 0 || lateAudit > 0)
      violations.push(
        `${lateMails} mail(s) and ${lateAudit} audit entr(ies) at or after the close`,
      );
    o.log(
      `deadline ${app.database.dialect}: ${stampedBefore.length} stamped before the close, ` +
        `${accepted.saves + accepted.declarations} accepted, ${refused.saves + refused.declarations} refused, ` +
        `${otherAnswers} other, burst ${Math.round(burstMs)} ms`,
    );
    return {
      dialect: app.database.dialect,
      writes: o.writes,
      close: close.toISOString(),
      stampedBefore: stampedBefore.length,
      stampedAfter: stamped.length - stampedBefore.length,
      accepted,
      refused,
      otherAnswers,
      burstMs: Math.round(burstMs),
      latency: latencies.summary(),
      violations,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await app.close();
    await dispatcher.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
