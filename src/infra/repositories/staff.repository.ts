/** Staff members, their pôles, setup links and sessions, over Kysely (SQLite or PostgreSQL). */
import type {
  StaffMember,
  StaffRepository,
  StaffRole,
  StaffSessionRepository,
  StaffSessionStage,
  StaffTokenRepository,
} from '../../domain/staff/ports.js';
import { fromDb, fromDbNullable, toDb } from '../db/instants.js';
import type { StaffTable } from '../db/schema.js';
import type { Executor } from './executor.js';

export function staffRepository(db: Executor): StaffRepository {
  const desksOf = async (ids: string[]): Promise<Map<string, string[]>> => {
    const map = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return map;
    const rows = await db
      .selectFrom('staff_desks')
      .innerJoin('desks', 'desks.code', 'staff_desks.desk_code')
      .select(['staff_desks.staff_id', 'staff_desks.desk_code'])
      .where('staff_desks.staff_id', 'in', ids)
      .orderBy('desks.position')
      .execute();
    for (const row of rows) map.get(row.staff_id)?.push(row.desk_code);
    return map;
  };
  const one = async (row: StaffTable | undefined): Promise<StaffMember | undefined> => {
    if (!row) return undefined;
    return toMember(row, (await desksOf([row.id])).get(row.id) ?? []);
  };

  return {
    async findByEmail(email) {
      return one(
        await db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst(),
      );
    },
    async findById(id) {
      return one(await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst());
    },
    async list() {
      const rows = await db
        .selectFrom('staff')
        .selectAll()
        .orderBy('name')
        .orderBy('email')
        .execute();
      const desks = await desksOf(rows.map((r) => r.id));
      return rows.map((row) => toMember(row, desks.get(row.id) ?? []));
    },
    async insert(member) {
      const result = await db
        .insertInto('staff')
        .values({
          id: member.id,
          email: member.email,
          name: member.name,
          role: member.role,
          password_hash: member.passwordHash,
          totp_secret: member.totpSecret,
          totp_confirmed_at: member.totpConfirmedAt && toDb(member.totpConfirmedAt),
          totp_last_step: member.totpLastStep,
          created_at: toDb(member.createdAt),
          disabled_at: member.disabledAt && toDb(member.disabledAt),
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      if (member.desks.length > 0)
        await db
          .insertInto('staff_desks')
          .values(member.desks.map((desk) => ({ staff_id: member.id, desk_code: desk })))
          .execute();
      return true;
    },
    async setPassword(id, passwordHash) {
      await db
        .updateTable('staff')
        .set({
          password_hash: passwordHash,
          totp_secret: null,
          totp_confirmed_at: null,
          totp_last_step: null,
        })
        .where('id', '=', id)
        .execute();
    },
    async clearCredentials(id) {
      await db
        .updateTable('staff')
        .set({
          password_hash: null,
          totp_secret: null,
          totp_confirmed_at: null,
          totp_last_step: null,
        })
        .where('id', '=', id)
        .execute();
    },
    async keepUnconfirmedSecret(id, sealed) {
      await db
        .updateTable('staff')
        .set({ totp_secret: sealed })
        .where('id', '=', id)
        .where('totp_secret', 'is', null)
        .execute();
      const row = await db
        .selectFrom('staff')
        .select('totp_secret')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return row.totp_secret ?? sealed;
    },
    async acceptStep(id, step, confirmAt) {
      const result = await db
        .updateTable('staff')
        .set({
          totp_last_step: step,
          ...(confirmAt ? { totp_confirmed_at: toDb(confirmAt) } : {}),
        })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async disable(id, at) {
      const result = await db
        .updateTable('staff')
        .set({ disabled_at: toDb(at) })
        .where('id', '=', id)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

function toMember(row: StaffTable, desks: string[]): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as StaffRole,
    desks,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpConfirmedAt: fromDbNullable(row.totp_confirmed_at),
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    createdAt: fromDb(row.created_at),
    disabledAt: fromDbNullable(row.disabled_at),
  };
}

export function staffTokenRepository(db: Executor): StaffTokenRepository {
  return {
    async insert(token) {
      await db
        .insertInto('staff_tokens')
        .values({
          token_hash: token.tokenHash,
          staff_id: token.staffId,
          created_at: toDb(token.createdAt),
          expires_at: toDb(token.expiresAt),
          used_at: token.usedAt && toDb(token.usedAt),
        })
        .execute();
    },
    async find(tokenHash) {
      const row = await db
        .selectFrom('staff_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        tokenHash: row.token_hash,
        staffId: row.staff_id,
        createdAt: fromDb(row.created_at),
        expiresAt: fromDb(row.expires_at),
        usedAt: fromDbNullable(row.used_at),
      };
    },
    async consumeAll(staffId, at) {
      const result = await db
        .updateTable('staff_tokens')
        .set({ used_at: toDb(at) })
        .where('staff_id', '=', staffId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export function staffSessionRepository(db: Executor): StaffSessionRepository {
  return {
    async insert(session) {
      await db
        .insertInto('staff_sessions')
        .values({
          id_hash: session.idHash,
          staff_id: session.staffId,
          stage: session.stage,
          created_at: toDb(session.createdAt),
          expires_at: toDb(session.expiresAt),
        })
        .execute();
    },
    async findActive(idHash, now) {
      const row = await db
        .selectFrom('staff_sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', toDb(now))
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        idHash: row.id_hash,
        staffId: row.staff_id,
        stage: row.stage as StaffSessionStage,
        createdAt: fromDb(row.created_at),
        expiresAt: fromDb(row.expires_at),
      };
    },
    async delete(idHash) {
      await db.deleteFrom('staff_sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForStaff(staffId) {
      const result = await db
        .deleteFrom('staff_sessions')
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpired(now) {
      const result = await db
        .deleteFrom('staff_sessions')
        .where('expires_at', '<=', toDb(now))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
