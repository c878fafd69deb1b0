/**
 * Reads and writes the catalogue. `saveCatalogue` upserts every entry inside the caller's
 * transaction (an import is all or nothing); entries absent from a new file are kept, since
 * registrations may refer to them.
 */
import type {
  Catalogue,
  ExamOptions,
  RegistrationWindow,
} from '../../domain/catalogue/catalogue.js';
import type { DocumentRule } from '../../domain/documents/document-rules.js';
import { fromDb, toDb } from '../db/instants.js';
import type { Executor } from './executor.js';
import { listDesks, saveDesks } from './desk.repository.js';

export async function loadCatalogue(db: Executor): Promise<Catalogue | undefined> {
  const academy = await db.selectFrom('academy').selectAll().executeTakeFirst();
  if (!academy) return undefined;
  const [desks, exams, specialties, sessions, windows, rules] = await Promise.all([
    listDesks(db),
    // Codes break ties: entries kept from an earlier import may share a position.
    db.selectFrom('exams').selectAll().orderBy('position').orderBy('code').execute(),
    db
      .selectFrom('specialties')
      .selectAll()
      .orderBy('exam_code')
      .orderBy('position')
      .orderBy('code')
      .execute(),
    db.selectFrom('exam_sessions').selectAll().orderBy('position').orderBy('code').execute(),
    db
      .selectFrom('registration_windows')
      .selectAll()
      .orderBy('session_code')
      .orderBy('opens_at')
      .orderBy('exam_code')
      .execute(),
    db.selectFrom('document_rules').selectAll().orderBy('position').orderBy('code').execute(),
  ]);
  return {
    academy: { code: academy.code, name: academy.name },
    desks,
    exams: exams.map((e) => ({
      code: e.code,
      shortName: e.short_name,
      name: e.name,
      deskCode: e.desk_code,
      options: JSON.parse(e.options) as ExamOptions,
    })),
    specialties: specialties.map((s) => ({
      examCode: s.exam_code,
      code: s.code,
      name: s.name,
      deskCode: s.desk_code,
      options: JSON.parse(s.options) as Partial<ExamOptions>,
    })),
    sessions: sessions.map((s) => ({ code: s.code, name: s.name, firstExamDay: s.first_exam_day })),
    documentRules: rules.map((r) => JSON.parse(r.rule) as DocumentRule),
    windows: windows.map((w) => ({
      sessionCode: w.session_code,
      examCode: w.exam_code,
      opensAt: fromDb(w.opens_at),
      closesAt: fromDb(w.closes_at),
    })),
  };
}

export async function saveCatalogue(db: Executor, catalogue: Catalogue): Promise<void> {
  // Rules are not referenced by anything (required documents keep their own copy of the
  // label and reason), so the file's list replaces the stored one.
  await db.deleteFrom('document_rules').execute();
  for (const [position, rule] of catalogue.documentRules.entries()) {
    await db
      .insertInto('document_rules')
      .values({ code: rule.code, position, rule: JSON.stringify(rule) })
      .execute();
  }
  await db.deleteFrom('academy').where('code', '!=', catalogue.academy.code).execute();
  await db
    .insertInto('academy')
    .values(catalogue.academy)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: catalogue.academy.name }))
    .execute();
  await saveDesks(db, catalogue.desks);
  for (const [position, exam] of catalogue.exams.entries()) {
    const values = {
      short_name: exam.shortName,
      name: exam.name,
      desk_code: exam.deskCode,
      options: JSON.stringify(exam.options),
      position,
    };
    await db
      .insertInto('exams')
      .values({ code: exam.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
  }
  for (const [position, specialty] of catalogue.specialties.entries()) {
    const values = {
      name: specialty.name,
      desk_code: specialty.deskCode,
      options: JSON.stringify(specialty.options),
      position,
    };
    await db
      .insertInto('specialties')
      .values({ exam_code: specialty.examCode, code: specialty.code, ...values })
      .onConflict((oc) => oc.columns(['exam_code', 'code']).doUpdateSet(values))
      .execute();
  }
  for (const [position, session] of catalogue.sessions.entries()) {
    const values = { name: session.name, first_exam_day: session.firstExamDay, position };
    await db
      .insertInto('exam_sessions')
      .values({ code: session.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .execute();
  }
  for (const window of catalogue.windows) {
    const values = { opens_at: toDb(window.opensAt), closes_at: toDb(window.closesAt) };
    await db
      .insertInto('registration_windows')
      .values({ session_code: window.sessionCode, exam_code: window.examCode, ...values })
      .onConflict((oc) => oc.columns(['session_code', 'exam_code']).doUpdateSet(values))
      .execute();
  }
}

/** The window as stored now: writes read it inside their transaction, never from a cache. */
export async function findWindowNow(
  db: Executor,
  sessionCode: string,
  examCode: string,
): Promise<RegistrationWindow | undefined> {
  const row = await db
    .selectFrom('registration_windows')
    .selectAll()
    .where('session_code', '=', sessionCode)
    .where('exam_code', '=', examCode)
    .executeTakeFirst();
  return (
    row && {
      sessionCode: row.session_code,
      examCode: row.exam_code,
      opensAt: fromDb(row.opens_at),
      closesAt: fromDb(row.closes_at),
    }
  );
}
