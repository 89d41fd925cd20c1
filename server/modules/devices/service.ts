import { randomUUID } from 'node:crypto';
import type { DeviceActor } from '../../access/actor.ts';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { newPairingCode, newToken, normalisePairingCode, tokenHash } from '../auth/tokens.ts';
import * as store from './store.ts';

export const PAIRING_CODE_MINUTES = 15;

export interface NewPairing {
  device: store.Device;
  pairingCode: string;
}

/** A centre manager registers a device and gets a short code to type on it; the code works once. */
export async function createPairing(ctx: AppContext, input: { centreId: string; kind: 'kiosk' | 'display'; name: string }, createdBy: string): Promise<NewPairing> {
  const centre = await ctx.db.selectFrom('centre').select('id').where('id', '=', input.centreId).executeTakeFirst();
  if (!centre) throw new AppError(400, 'validation', {}, { centreId: 'unknown_centre' });
  const now = ctx.now();
  const pairingCode = newPairingCode();
  const row: store.DeviceRow = {
    id: randomUUID(),
    centre_id: input.centreId,
    kind: input.kind,
    name: input.name.trim(),
    pairing_code_hash: tokenHash(normalisePairingCode(pairingCode)),
    pairing_expires_at: new Date(now.getTime() + PAIRING_CODE_MINUTES * 60000).toISOString(),
    token_hash: null,
    paired_at: null,
    revoked_at: null,
    last_seen_at: null,
    created_by: createdBy,
    created_at: now.toISOString(),
  };
  await store.insertDevice(ctx.db, row);
  return { device: store.toDevice(row), pairingCode };
}

export interface PairedDevice {
  token: string;
  device: store.Device;
}

/** The device side: exchanges the one-time code for a long-lived, revocable token. */
export async function pairDevice(ctx: AppContext, code: string): Promise<PairedDevice> {
  const codeHash = tokenHash(normalisePairingCode(code));
  const now = ctx.now().toISOString();
  const row = await store.findDeviceByPairingCode(ctx.db, codeHash);
  if (!row || row.revoked_at || row.paired_at || !row.pairing_expires_at || row.pairing_expires_at <= now) {
    throw new AppError(400, 'pairing_code_invalid');
  }
  const token = newToken();
  // Clearing the code hash in the same statement that checks it makes the code single-use.
  const result = await ctx.db
    .updateTable('device')
    .set({ token_hash: tokenHash(token), pairing_code_hash: null, pairing_expires_at: null, paired_at: now, last_seen_at: now })
    .where('id', '=', row.id)
    .where('pairing_code_hash', '=', codeHash)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError(400, 'pairing_code_invalid');
  const paired = await store.findDevice(ctx.db, row.id);
  return { token, device: store.toDevice(paired!) };
}

export async function revokeDevice(ctx: AppContext, id: string): Promise<store.Device> {
  const row = await store.findDevice(ctx.db, id);
  if (!row) throw notFound('device_not_found');
  if (!row.revoked_at) {
    const now = ctx.now().toISOString();
    await store.updateDevice(ctx.db, id, { revoked_at: now, token_hash: null, pairing_code_hash: null });
    return store.toDevice({ ...row, revoked_at: now, token_hash: null });
  }
  return store.toDevice(row);
}

const SEEN_EVERY_MS = 60_000;

export async function actorFromDeviceToken(ctx: AppContext, token: string): Promise<DeviceActor | null> {
  const row = await store.findDeviceByToken(ctx.db, tokenHash(token));
  if (!row || row.revoked_at) return null;
  const now = ctx.now();
  if (!row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) > SEEN_EVERY_MS) {
    await store.updateDevice(ctx.db, row.id, { last_seen_at: now.toISOString() });
  }
  return { type: 'device', id: row.id, kind: row.kind as DeviceActor['kind'], centreId: row.centre_id };
}

export async function deviceCentreId(ctx: AppContext, id: string): Promise<string | null> {
  const row = await store.findDevice(ctx.db, id);
  return row?.centre_id ?? null;
}
