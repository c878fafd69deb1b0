/**
 * One candidate's data across every table that holds some (for their download), the accounts
 * past retention, and their deletion. Deleting the account row cascades (foreign keys ON
 * DELETE CASCADE, enforced by SQLite's connection too) to tokens, sessions, drafts, identity,
 * registrations and their versions, documents, uploads, published documents, requests and
 * answers, reminders and mails; what is counted or listed first is read in the same
 * transaction. The audit log has no foreign keys and is never touched.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type {
  CandidateRecord,
  PersonalDataRepository,
  PersonalDataUnit,
  RetentionCutoff,
} from '../../domain/personal-data/ports.js';
import type { TransactionRunner } from '../../domain/accounts/ports.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { Schema } from '../db/schema.js';
import { unitRunner } from './executor.js';
import { auditLog } from './audit-log.repository.js';
import type { Executor } from './executor.js';

export function personalDataStore(
  db: Kysely<Schema>,
  addressKey: Buffer,
): TransactionRunner<PersonalDataUnit> {
  return unitRunner(db, (trx) => ({
    data: personalDataRepository(trx),
    audit: auditLog(trx, addressKey),
  }));
}

/**
 * The retention rule as SQL, on `accounts as a`: created before the cutoff, and no
 * registration or draft in a session that is not past it (a session missing from the
 * catalogue counts as not past, and so does a draft touched since the cutoff).
 */
function pastRetention(cutoff: RetentionCutoff): RawBuilder<boolean> {
  const before = toDb(cutoff.before);
  const day = cutoff.cutoffDay;
  return sql<boolean>`a.created_at < ${before}
    and not exists (select 1 from registrations r
      left join exam_sessions s on s.code = r.session_code
      where r.account_id = a.id and (s.first_exam_day is null or s.first_exam_day > ${day}))
    and not exists (select 1 from registration_drafts d
      left join exam_sessions s on s.code = d.session_code
      where d.account_id = a.id
        and (s.first_exam_day is null or s.first_exam_day > ${day} or d.updated_at >= ${before}))`;
}

const parse = (text: string): unknown => JSON.parse(text) as unknown;

export function personalDataRepository(db: Executor): PersonalDataRepository {
  const count = async (
    table: 'registration_versions' | 'uploads' | 'published_documents',
    registrationIds: readonly string[],
  ): Promise<number> => {
    if (registrationIds.length === 0) return 0;
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('registration_id', 'in', registrationIds)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const countOfAccount = async (
    table: 'office_requests' | 'registration_drafts' | 'sessions',
    accountId: string,
  ): Promise<number> => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  return {
    async collect(accountId) {
      const account = await db
        .selectFrom('accounts')
        .select(['id', 'email', 'created_at', 'activated_at'])
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (!account) return undefined;
      const identity = await db
        .selectFrom('candidate_identities')
        .select(['identity', 'locked_at'])
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      const drafts = await db
        .selectFrom('registration_drafts')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('updated_at')
        .execute();
      const registrations = await db
        .selectFrom('registrations')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('number')
        .execute();
      const ids = registrations.map((r) => r.id);
      const ofRegistrations = ids.length > 0;
      const versions = ofRegistrations
        ? await db
            .selectFrom('registration_versions')
            .selectAll()
            .where('registration_id', 'in', ids)
            .orderBy('registration_id')
            .orderBy('version')
            .execute()
        : [];
      const documents = ofRegistrations
        ? await db
            .selectFrom('required_documents')
            .selectAll()
            .where('registration_id', 'in', ids)
            .orderBy('registration_id')
            .orderBy('position')
            .execute()
        : [];
      const uploads = ofRegistrations
        ? await db
            .selectFrom('uploads')
            .selectAll()
            .where('registration_id', 'in', ids)
            .orderBy('created_at')
            .orderBy('id')
            .execute()
        : [];
      const published = ofRegistrations
        ? await db
            .selectFrom('published_documents')
            .selectAll()
            .where('registration_id', 'in', ids)
            .orderBy('published_at')
            .orderBy('id')
            .execute()
        : [];
      const requests = await db
        .selectFrom('office_requests')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const answers =
        requests.length > 0
          ? await db
              .selectFrom('office_request_answers')
              .select(['request_id', 'answer', 'answered_at'])
              .where(
                'request_id',
                'in',
                requests.map((q) => q.id),
              )
              .orderBy('answered_at')
              .orderBy('id')
              .execute()
          : [];
      const mails = await db
        .selectFrom('outbox')
        .select(['subject', 'created_at', 'sent_at'])
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      // Served by audit_log_actor_idx and audit_log_subject_idx respectively.
      const journal = await db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb.and([eb('actor_kind', '=', 'candidate'), eb('actor_id', '=', accountId)]),
            eb.and([eb('subject_type', '=', 'account'), eb('subject_id', '=', accountId)]),
            ...(ofRegistrations
              ? [eb.and([eb('subject_type', '=', 'registration'), eb('subject_id', 'in', ids)])]
              : []),
          ]),
        )
        .orderBy('at')
        .orderBy('id')
        .execute();

      const record: CandidateRecord = {
        account: {
          id: account.id,
          email: account.email,
          createdAt: fromDb(account.created_at),
          activatedAt: fromDbNullable(account.activated_at),
        },
        identity: identity
          ? { lockedAt: fromDb(identity.locked_at), identity: parse(identity.identity) }
          : null,
        drafts: drafts.map((d) => ({
          sessionCode: d.session_code,
          examCode: d.exam_code,
          specialtyCode: d.specialty_code,
          conditionsAccepted: Number(d.conditions_accepted) === 1,
          identity: parse(d.identity),
          candidature: parse(d.candidature),
          updatedAt: fromDb(d.updated_at),
        })),
        registrations: registrations.map((r) => ({
          id: r.id,
          number: r.number,
          sessionCode: r.session_code,
          examCode: r.exam_code,
          specialtyCode: r.specialty_code,
          version: Number(r.version),
          createdAt: fromDb(r.created_at),
          savedAt: fromDb(r.saved_at),
          completeDeclaredAt: fromDbNullable(r.complete_declared_at),
          setAsideAt: fromDbNullable(r.set_aside_at),
          setAsideReason: r.set_aside_reason,
          versions: versions
            .filter((v) => v.registration_id === r.id)
            .map((v) => ({
              version: Number(v.version),
              savedAt: fromDb(v.saved_at),
              specialtyCode: v.specialty_code,
              data: parse(v.data),
            })),
          documents: documents
            .filter((d) => d.registration_id === r.id)
            .map((d) => ({
              key: d.key,
              label: d.label,
              reason: d.reason,
              required: Number(d.required) === 1,
              state: d.state,
              refusalReason: d.refusal_reason,
              reopenedUntil: fromDbNullable(d.reopened_until),
              waiverReason: d.waiver_reason,
              updatedAt: fromDb(d.updated_at),
              reviewedAt: fromDbNullable(d.reviewed_at),
            })),
          uploads: uploads
            .filter((u) => u.registration_id === r.id)
            .map((u) => ({
              id: u.id,
              documentKey: u.document_key,
              storageKey: u.storage_key,
              originalName: u.original_name,
              mediaType: u.media_type,
              size: Number(u.size),
              sha256: u.sha256,
              createdAt: fromDb(u.created_at),
            })),
          published: published
            .filter((p) => p.registration_id === r.id)
            .map((p) => ({
              id: p.id,
              title: p.title,
              storageKey: p.storage_key,
              originalName: p.original_name,
              mediaType: p.media_type,
              size: Number(p.size),
              sha256: p.sha256,
              publishedAt: fromDb(p.published_at),
              seenAt: fromDbNullable(p.seen_at),
            })),
          requests: requests
            .filter((q) => q.registration_id === r.id)
            .map((q) => ({
              id: q.id,
              kind: q.kind,
              message: q.message,
              payload: parse(q.payload),
              state: q.state,
              createdAt: fromDb(q.created_at),
              appliedAt: fromDbNullable(q.applied_at),
              closedAt: fromDbNullable(q.closed_at),
              answers: answers
                .filter((a) => a.request_id === q.id)
                .map((a) => ({ answer: a.answer, answeredAt: fromDb(a.answered_at) })),
            })),
        })),
        mails: mails.map((m) => ({
          subject: m.subject,
          createdAt: fromDb(m.created_at),
          sentAt: fromDbNullable(m.sent_at),
        })),
        journal: journal.map((e) => ({
          at: fromDb(e.at),
          action: e.action,
          actorKind: e.actor_kind,
          subject:
            e.subject_type && e.subject_id ? { type: e.subject_type, id: e.subject_id } : null,
          before: e.before_state ? (JSON.parse(e.before_state) as Record<string, unknown>) : null,
          after: e.after_state ? (JSON.parse(e.after_state) as Record<string, unknown>) : null,
        })),
      };
      return record;
    },

    async countExpired(cutoff) {
      const row = await db
        .selectFrom('accounts as a')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where(pastRetention(cutoff))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async listExpired(cutoff, offset, limit) {
      const rows = await db
        .selectFrom('accounts as a')
        .select([
          'a.id',
          'a.email',
          'a.created_at',
          sql<number | string>`(select count(*) from registrations r
            where r.account_id = a.id)`.as('registrations'),
          sql<string | null>`(select max(s.first_exam_day) from registrations r
            join exam_sessions s on s.code = r.session_code
            where r.account_id = a.id)`.as('last_exam_day'),
        ])
        .where(pastRetention(cutoff))
        .orderBy('a.created_at')
        .orderBy('a.id')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        accountId: r.id,
        email: r.email,
        createdAt: fromDb(r.created_at),
        registrations: Number(r.registrations),
        lastExamDay: r.last_exam_day,
      }));
    },

    async deleteCandidate(accountId, cutoff) {
      const still = await db
        .selectFrom('accounts as a')
        .select('a.id')
        .where('a.id', '=', accountId)
        .where(pastRetention(cutoff))
        .executeTakeFirst();
      if (!still) return undefined;
      const ids = (
        await db
          .selectFrom('registrations')
          .select('id')
          .where('account_id', '=', accountId)
          .execute()
      ).map((r) => r.id);
      const keys =
        ids.length === 0
          ? []
          : [
              ...(await db
                .selectFrom('uploads')
                .select('storage_key')
                .where('registration_id', 'in', ids)
                .execute()),
              ...(await db
                .selectFrom('published_documents')
                .select('storage_key')
                .where('registration_id', 'in', ids)
                .execute()),
            ].map((row) => row.storage_key);
      const counts = {
        registrations: ids.length,
        versions: await count('registration_versions', ids),
        uploads: await count('uploads', ids),
        publishedDocuments: await count('published_documents', ids),
        requests: await countOfAccount('office_requests', accountId),
        drafts: await countOfAccount('registration_drafts', accountId),
        sessions: await countOfAccount('sessions', accountId),
        mails: 0,
      };
      const mails = await db
        .deleteFrom('outbox')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      counts.mails = Number(mails.numDeletedRows);
      await db.deleteFrom('accounts').where('id', '=', accountId).execute();
      return { counts, storageKeys: keys };
    },

    async queueFileDeletions(storageKeys, at) {
      if (storageKeys.length === 0) return;
      await db
        .insertInto('file_deletions')
        .values(storageKeys.map((key) => ({ storage_key: key, queued_at: toDb(at) })))
        .onConflict((oc) => oc.column('storage_key').doNothing())
        .execute();
    },

    async queuedFileDeletions(limit) {
      const rows = await db
        .selectFrom('file_deletions')
        .select('storage_key')
        .orderBy('queued_at')
        .orderBy('storage_key')
        .limit(limit)
        .execute();
      return rows.map((r) => r.storage_key);
    },

    async forgetFileDeletion(storageKey) {
      await db.deleteFrom('file_deletions').where('storage_key', '=', storageKey).execute();
    },
  };
}
