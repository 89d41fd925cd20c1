
import type { Role } from '../../../core/roles.ts';
import type { Config } from '../../config.ts';
import type { StaffActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { findUserById, findUserByUsername, toStaffUser, updateUser, type StaffUser, type StaffUserRow } from '../staff/store.ts';
import { burnVerifyTime, verifyPassword } from './passwords.ts';
import * as sessions from './store.ts';
import { newToken, tokenHash } from './tokens.ts';
import { acceptedTotpStep, newTotpSecret, totpQrSvg, totpUri } from './totp.ts';

/** Whether someone holding `roles` must prove a second factor (SECOND_FACTOR_ROLES). */
export const needsTotp = (config: Pick<Config, 'secondFactorRoles'>, roles: readonly Role[]): boolean => roles.some((r) => config.secondFactorRoles.includes(r));

/**
 * Where a signed-in user stands with the second factor: done; must enrol one before anything else;
 * or (after a single sign-on whose provider did not prove one) must type a code of the one enrolled.
 */
export type MfaState = 'ok' | 'enrolment_required' | 'code_required';

export function mfaState(config: Pick<Config, 'secondFactorRoles'>, roles: readonly Role[], totpEnabled: boolean, sessionProvedSecondFactor: boolean): MfaState {
  if (!needsTotp(config, roles) || sessionProvedSecondFactor) return 'ok';
  return totpEnabled ? 'code_required' : 'enrolment_required';
}

export interface NewSession {
  token: string;
  csrfToken: string;
  iso: string;
}

/** Opens a session for `user` inside `trx`: a local sign-in or a single sign-on. */
export async function openSession(
  ctx: AppContext,
  trx: AppContext['db'],
  user: Pick<StaffUserRow, 'id'>,
  how: { secondFactor: boolean; ssoProviderId: string | null; userAgent: string },
): Promise<NewSession> {
  const now = ctx.now();
  const token = newToken();
  const csrfToken = newToken(24);
  const iso = now.toISOString();
  await updateUser(trx, user.id, { failed_sign_ins: 0, locked_until: null, last_sign_in_at: iso });
  await sessions.insertSession(trx, {
    id: tokenHash(token),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: iso,
    last_seen_at: iso,
    expires_at: new Date(now.getTime() + ctx.config.sessionAbsoluteHours * 3600000).toISOString(),
    user_agent: how.userAgent.slice(0, 300),
    second_factor: how.secondFactor ? 1 : 0,
    sso_provider_id: how.ssoProviderId,
  });
  return { token, csrfToken, iso };
}

export interface SignInInput {
  username: string;
  password: string;
  totpCode?: string | undefined;
  userAgent: string;
}

export interface SignedIn {
  token: string;
  user: StaffUser;
  csrfToken: string;
}

const LOCK_BASE_MINUTES = 1;
const LOCK_MAX_MINUTES = 60;

/** Minutes an account stays locked after `failures` failed sign-ins (doubling past the limit). */
export function lockMinutes(failures: number, maxFailures: number): number {
  if (failures < maxFailures) return 0;
  return Math.min(LOCK_MAX_MINUTES, LOCK_BASE_MINUTES * 2 ** (failures - maxFailures));
}

export async function signIn(ctx: AppContext, input: SignInInput): Promise<SignedIn> {
  const now = ctx.now();
  const user = await findUserByUsername(ctx.db, input.username);
  if (!user) {
    await burnVerifyTime(input.password);
    throw new AppError(401, 'invalid_credentials');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    const minutes = Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60000);
    throw new AppError(429, 'sign_in_locked', { minutes });
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (passwordOk && user.disabled_at === null && user.totp_enabled === 1 && !input.totpCode) {
    // The password was right; ask for the second factor without counting a failure.
    throw new AppError(401, 'totp_required');
  }
  const step = user.totp_enabled === 1 && user.totp_secret !== null ? acceptedTotpStep(user.totp_secret, input.totpCode ?? '') : null;
  const totpOk = user.totp_enabled !== 1 || step !== null;
  // A right code is spent only after the right password (else anyone could burn a user's code).
  const replayed = passwordOk && user.disabled_at === null && step !== null && !(await sessions.claimTotpStep(ctx.db, user.id, step));
  if (passwordOk && user.disabled_at === null && !localSignInAllowed(ctx.config, JSON.parse(user.roles) as Role[])) {
    throw new AppError(403, 'local_sign_in_disabled');
  }
  if (!passwordOk || !totpOk || replayed || user.disabled_at !== null) {
    const failures = user.failed_sign_ins + 1;
    const minutes = lockMinutes(failures, ctx.config.maxFailedSignIns);
    await updateUser(ctx.db, user.id, {
      failed_sign_ins: failures,
      locked_until: minutes > 0 ? new Date(now.getTime() + minutes * 60000).toISOString() : null,
    });
    if (minutes > 0) throw new AppError(429, 'sign_in_locked', { minutes });
    const secondFactorOnly = passwordOk && user.disabled_at === null;
    throw new AppError(401, secondFactorOnly && replayed ? 'totp_replayed' : secondFactorOnly && !totpOk ? 'totp_invalid' : 'invalid_credentials');
  }

  const { token, csrfToken, iso } = await ctx.db
    .transaction()
    .execute((trx) => openSession(ctx, trx, user, { secondFactor: user.totp_enabled === 1, ssoProviderId: null, userAgent: input.userAgent }));
  return { token, csrfToken, user: toStaffUser({ ...user, last_sign_in_at: iso }) };
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Resolves a session cookie to the acting user, or null when the session is unknown, expired,
 * idle too long or its user disabled. Roles and partner are read fresh every time, so an
 * administrator's change applies on the user's next request.
 */
export async function actorFromSessionToken(ctx: AppContext, token: string, options: { touch?: boolean } = {}): Promise<(StaffActor & { csrfToken: string }) | null> {
  const id = tokenHash(token);
  const row = await sessions.findSessionWithUser(ctx.db, id);
  if (!row) return null;
  const now = ctx.now();
  const idleLimit = new Date(now.getTime() - ctx.config.sessionIdleMinutes * 60000).toISOString();
  if (row.disabled_at !== null || row.expires_at <= now.toISOString() || row.last_seen_at < idleLimit) {
    await sessions.deleteSession(ctx.db, id);
    return null;
  }
  // An open event stream re-checking its session is not activity: it must not stop the idle limit.
  if (options.touch !== false && now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await sessions.touchSession(ctx.db, id, now.toISOString());
  }
  const roles = JSON.parse(row.roles) as Role[];
  // A password sign-in of a user with TOTP enabled always checked a code; a single sign-on proved
  // a second factor only when its provider said so, or when a code was typed after it.
  const provedSecondFactor = row.sso_provider_id === null ? row.totp_enabled === 1 : row.second_factor === 1;
  return {
    type: 'staff',
    id: row.user_id,
    sessionId: id,
    roles,
    partnerId: row.partner_id,
    centreId: row.centre_id,
    mfaSatisfied: mfaState(ctx.config, roles, row.totp_enabled === 1, provedSecondFactor) === 'ok',
    csrfToken: row.csrf_token,
  };
}

export const signOut = (ctx: AppContext, sessionId: string): Promise<void> => sessions.deleteSession(ctx.db, sessionId);

export async function currentUser(ctx: AppContext, userId: string): Promise<StaffUser> {
  const row = await findUserById(ctx.db, userId);
  if (!row) throw new AppError(401, 'unauthenticated');
  return toStaffUser(row);
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** Starts (or restarts) second-factor enrolment: a new secret, not yet active until confirmed. */
export async function beginTotpEnrolment(ctx: AppContext, userId: string): Promise<TotpEnrolment> {
  const row = await findUserById(ctx.db, userId);
  if (!row) throw new AppError(401, 'unauthenticated');
  if (row.totp_enabled === 1) throw badRequest('totp_already_enabled');
  const secret = newTotpSecret();
  await updateUser(ctx.db, userId, { totp_secret: secret, updated_at: ctx.now().toISOString() });
  const otpauthUri = totpUri(row.username, secret);
  return { secret, otpauthUri, qrSvg: await totpQrSvg(otpauthUri) };
}

export async function confirmTotpEnrolment(ctx: AppContext, userId: string, sessionId: string, code: string): Promise<StaffUser> {
  const row = await findUserById(ctx.db, userId);
  if (!row) throw new AppError(401, 'unauthenticated');
  if (row.totp_enabled === 1) throw badRequest('totp_already_enabled');
  if (!row.totp_secret) throw badRequest('totp_not_started');
  const step = acceptedTotpStep(row.totp_secret, code);
  if (step === null) throw new AppError(400, 'validation', {}, { code: 'totp_invalid' });
  await ctx.db.transaction().execute(async (trx) => {
    // The code that confirmed enrolment is spent: it cannot sign in afterwards.
    if (!(await sessions.claimTotpStep(trx, userId, step))) throw new AppError(400, 'validation', {}, { code: 'totp_replayed' });
    await updateUser(trx, userId, { totp_enabled: 1, updated_at: ctx.now().toISOString() });
    await sessions.markSecondFactor(trx, sessionId);
    // Other sessions were opened with one factor only: end them.
    await sessions.deleteSessionsOfUser(trx, userId, sessionId);
  });
  return toStaffUser({ ...row, totp_enabled: 1 });
}

/**
 * After a single sign-on whose provider proved no second factor, the code of the authenticator
 * the user enrolled here proves it for this session (each code once).
 */
export async function proveSecondFactor(ctx: AppContext, userId: string, sessionId: string, code: string): Promise<StaffUser> {
  const row = await findUserById(ctx.db, userId);
  if (!row) throw new AppError(401, 'unauthenticated');
  if (row.totp_enabled !== 1 || !row.totp_secret) throw badRequest('totp_not_started');
  const step = acceptedTotpStep(row.totp_secret, code);
  if (step === null) throw new AppError(400, 'validation', {}, { code: 'totp_invalid' });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await sessions.claimTotpStep(trx, userId, step))) throw new AppError(400, 'validation', {}, { code: 'totp_replayed' });
    await sessions.markSecondFactor(trx, sessionId);
  });
  return toStaffUser(row);
}

/**
 * LOCAL_SIGN_IN: `all` (default) lets everyone sign in with a password; `admins` only network
 * administrators (a way in when the identity provider is down); `none` nobody.
 */
export function localSignInAllowed(config: Pick<Config, 'localSignIn'>, roles: readonly Role[]): boolean {
  if (config.localSignIn === 'all') return true;
  if (config.localSignIn === 'admins') return roles.includes('network_admin');
  return false;
}

