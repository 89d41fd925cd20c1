import type { Insertable, Kysely } from 'kysely';
import type { Database, StaffSessionTable } from '../../db/schema.ts';

export async function insertSession(db: Kysely<Database>, row: Insertable<StaffSessionTable>): Promise<void> {
  await db.insertInto('staff_session').values(row).execute();
}

/** The session with its user in one round trip: this runs on every signed-in request. */
export function findSessionWithUser(db: Kysely<Database>, sessionId: string) {
  return db
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.user_id')
    .select([
      's.id as session_id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      's.second_factor',
      's.sso_provider_id',
      'u.id as user_id',
      'u.roles',
      'u.partner_id',
      'u.centre_id',
      'u.totp_enabled',
      'u.disabled_at',
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, sessionId: string, at: string): Promise<void> {
  await db.updateTable('staff_session').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('staff_session').where('id', '=', sessionId).execute();
}

/** Records that this session has now proven a second factor (enrolment, or a code after single sign-on). */
export async function markSecondFactor(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.updateTable('staff_session').set({ second_factor: 1 }).where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string, exceptSessionId?: string): Promise<void> {
  let q = db.deleteFrom('staff_session').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: string, idleBefore: string): Promise<void> {
  await db
    .deleteFrom('staff_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .execute();
}

/**
 * Records that a second-factor code of `step` was used, unless one of that step or a later one
 * already was: true when this call claimed it. One conditional UPDATE, so two sign-ins racing
 * with the same code — on one node or two — cannot both succeed.
 */
export async function claimTotpStep(db: Kysely<Database>, userId: string, step: number): Promise<boolean> {
  const res = await db
    .updateTable('staff_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
