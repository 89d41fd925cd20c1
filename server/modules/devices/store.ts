import type { Kysely, Selectable } from 'kysely';
import type { Database, DeviceTable } from '../../db/schema.ts';

export type DeviceRow = Selectable<DeviceTable>;

export interface Device {
  id: string;
  centreId: string;
  kind: 'kiosk' | 'display';
  name: string;
  status: 'awaiting_pairing' | 'paired' | 'revoked';
  pairingExpiresAt: string | null;
  pairedAt: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  createdAt: string;
}

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    centreId: row.centre_id,
    kind: row.kind as Device['kind'],
    name: row.name,
    status: row.revoked_at ? 'revoked' : row.paired_at ? 'paired' : 'awaiting_pairing',
    pairingExpiresAt: row.pairing_expires_at,
    pairedAt: row.paired_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
    createdAt: row.created_at,
  };
}

export const insertDevice = (db: Kysely<Database>, row: DeviceRow) => db.insertInto('device').values(row).execute();

export const findDevice = (db: Kysely<Database>, id: string) =>
  db.selectFrom('device').selectAll().where('id', '=', id).executeTakeFirst();

export const findDeviceByPairingCode = (db: Kysely<Database>, codeHash: string) =>
  db.selectFrom('device').selectAll().where('pairing_code_hash', '=', codeHash).executeTakeFirst();

export const findDeviceByToken = (db: Kysely<Database>, tokenHash: string) =>
  db
    .selectFrom('device')
    .select(['id', 'kind', 'centre_id', 'revoked_at', 'last_seen_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();

export function listDevices(db: Kysely<Database>, centreId?: string) {
  let q = db.selectFrom('device').selectAll().orderBy('created_at', 'desc');
  if (centreId) q = q.where('centre_id', '=', centreId);
  return q.execute();
}

export const updateDevice = (db: Kysely<Database>, id: string, changes: Partial<DeviceRow>) =>
  db.updateTable('device').set(changes).where('id', '=', id).execute();
