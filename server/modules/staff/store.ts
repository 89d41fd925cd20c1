import type { Kysely, Selectable } from 'kysely';
import type { Database, StaffUserTable } from '../../db/schema.ts';
import type { Role } from '../../../core/roles.ts';

export type StaffUserRow = Selectable<StaffUserTable>;

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  partnerId: string | null;
  centreId: string | null;
  locale: string;
  totpEnabled: boolean;
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

export function toStaffUser(row: StaffUserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    partnerId: row.partner_id,
    centreId: row.centre_id,
    locale: row.locale,
    totpEnabled: row.totp_enabled === 1,
    disabled: row.disabled_at !== null,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

export function findUserByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('staff_user').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: string) {
  return db.selectFrom('staff_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Kysely<Database>) {
  return db.selectFrom('staff_user').selectAll().orderBy('username').execute();
}

export async function insertUser(db: Kysely<Database>, row: StaffUserRow): Promise<void> {
  await db.insertInto('staff_user').values(row).execute();
}

export async function updateUser(db: Kysely<Database>, id: string, changes: Partial<StaffUserRow>): Promise<void> {
  await db.updateTable('staff_user').set(changes).where('id', '=', id).execute();
}
