import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PARTNER_BOUND_ROLES, type Role } from '../../../core/roles.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, fieldError, notFound } from '../../http/errors.ts';
import { deleteSessionsOfUser } from '../auth/store.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { StaffInputT, StaffPatchT } from './schemas.ts';
import * as store from './store.ts';

async function checkAssignment(db: Kysely<Database>, roles: Role[], partnerId: string | null, centreId: string | null): Promise<void> {
  if (roles.some((r) => PARTNER_BOUND_ROLES.includes(r)) && !partnerId) throw fieldError('partnerId', 'partner_required');
  if (partnerId && !(await db.selectFrom('partner').select('id').where('id', '=', partnerId).executeTakeFirst())) throw fieldError('partnerId', 'unknown_partner');
  if (centreId && !(await db.selectFrom('centre').select('id').where('id', '=', centreId).executeTakeFirst())) throw fieldError('centreId', 'unknown_centre');
}

export async function listStaff(ctx: AppContext): Promise<store.StaffUser[]> {
  return (await store.listUsers(ctx.db)).map(store.toStaffUser);
}

export async function createStaff(ctx: AppContext, input: StaffInputT, options: { isDemo?: boolean } = {}): Promise<store.StaffUser> {
  const partnerId = input.partnerId ?? null;
  const centreId = input.centreId ?? null;
  await checkAssignment(ctx.db, input.roles, partnerId, centreId);
  const now = ctx.now().toISOString();
  const row: store.StaffUserRow = {
    id: randomUUID(),
    username: input.username.toLowerCase(),
    display_name: input.displayName.trim(),
    password_hash: await hashPassword(input.password),
    roles: JSON.stringify(input.roles),
    partner_id: partnerId,
    centre_id: centreId,
    locale: input.locale ?? 'pt-PT',
    totp_secret: null,
    totp_enabled: 0,
    totp_last_step: null,
    is_demo: options.isDemo ? 1 : 0,
    failed_sign_ins: 0,
    locked_until: null,
    disabled_at: null,
    last_sign_in_at: null,
    created_at: now,
    updated_at: now,
  };
  if (await store.findUserByUsername(ctx.db, row.username)) throw conflict('username_taken', 'username');
  try {
    await store.insertUser(ctx.db, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('username_taken', 'username');
    throw err;
  }
  return store.toStaffUser(row);
}

/** An administrator changes a user. Nobody can change their own roles or partner. */
export async function updateStaff(ctx: AppContext, actorId: string, id: string, patch: StaffPatchT): Promise<store.StaffUser> {
  const existing = await store.findUserById(ctx.db, id);
  if (!existing) throw notFound('user_not_found');
  const current = store.toStaffUser(existing);
  if (actorId === id && (patch.roles !== undefined || patch.partnerId !== undefined || patch.centreId !== undefined)) {
    throw new AppError(403, 'cannot_change_own_access');
  }
  const roles = patch.roles ?? current.roles;
  const partnerId = patch.partnerId !== undefined ? patch.partnerId : current.partnerId;
  const centreId = patch.centreId !== undefined ? patch.centreId : current.centreId;
  await checkAssignment(ctx.db, roles, partnerId, centreId);
  const set = {
    ...(patch.displayName !== undefined && { display_name: patch.displayName.trim() }),
    ...(patch.locale !== undefined && { locale: patch.locale }),
    roles: JSON.stringify(roles),
    partner_id: partnerId,
    centre_id: centreId,
    updated_at: ctx.now().toISOString(),
  };
  await store.updateUser(ctx.db, id, set);
  return store.toStaffUser({ ...existing, ...set });
}

/** Disabling ends every session of the user in the same transaction. */
export async function setDisabled(ctx: AppContext, actorId: string, id: string, disabled: boolean): Promise<store.StaffUser> {
  if (actorId === id) throw new AppError(403, 'cannot_change_own_access');
  const existing = await store.findUserById(ctx.db, id);
  if (!existing) throw notFound('user_not_found');
  const now = ctx.now().toISOString();
  const set = { disabled_at: disabled ? (existing.disabled_at ?? now) : null, failed_sign_ins: 0, locked_until: null, updated_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    await store.updateUser(trx, id, set);
    if (disabled) await deleteSessionsOfUser(trx, id);
  });
  return store.toStaffUser({ ...existing, ...set });
}

export async function resetPassword(ctx: AppContext, actorId: string, id: string, password: string): Promise<store.StaffUser> {
  if (actorId === id) throw new AppError(403, 'cannot_change_own_access');
  const existing = await store.findUserById(ctx.db, id);
  if (!existing) throw notFound('user_not_found');
  const set = { password_hash: await hashPassword(password), failed_sign_ins: 0, locked_until: null, updated_at: ctx.now().toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    await store.updateUser(trx, id, set);
    await deleteSessionsOfUser(trx, id);
  });
  return store.toStaffUser({ ...existing, ...set });
}

/** For a lost phone: the user must enrol a new second factor at their next sign-in. */
export async function resetTotp(ctx: AppContext, actorId: string, id: string): Promise<store.StaffUser> {
  if (actorId === id) throw new AppError(403, 'cannot_change_own_access');
  const existing = await store.findUserById(ctx.db, id);
  if (!existing) throw notFound('user_not_found');
  const set = { totp_secret: null, totp_enabled: 0, updated_at: ctx.now().toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    await store.updateUser(trx, id, set);
    await deleteSessionsOfUser(trx, id);
  });
  return store.toStaffUser({ ...existing, ...set });
}

export async function updateOwnProfile(ctx: AppContext, id: string, patch: { displayName?: string | undefined; locale?: string | undefined }): Promise<store.StaffUser> {
  const existing = await store.findUserById(ctx.db, id);
  if (!existing) throw notFound('user_not_found');
  const set = {
    ...(patch.displayName !== undefined && { display_name: patch.displayName.trim() }),
    ...(patch.locale !== undefined && { locale: patch.locale }),
    updated_at: ctx.now().toISOString(),
  };
  await store.updateUser(ctx.db, id, set);
  return store.toStaffUser({ ...existing, ...set });
}
