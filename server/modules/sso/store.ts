import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, SsoPendingTable, SsoProviderTable } from '../../db/schema.ts';

export type SsoProviderRow = Selectable<SsoProviderTable>;

export const listProviders = (db: Kysely<Database>) => db.selectFrom('sso_provider').selectAll().orderBy('name').execute();

export const findProvider = (db: Kysely<Database>, id: string) => db.selectFrom('sso_provider').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertProvider(db: Kysely<Database>, row: SsoProviderRow): Promise<void> {
  await db.insertInto('sso_provider').values(row).execute();
}

export async function updateProvider(db: Kysely<Database>, id: string, changes: Partial<SsoProviderRow>): Promise<void> {
  await db.updateTable('sso_provider').set(changes).where('id', '=', id).execute();
}

export async function insertPending(db: Kysely<Database>, row: Insertable<SsoPendingTable>): Promise<void> {
  await db.insertInto('sso_pending').values(row).execute();
}

/**
 * Takes a pending sign-in out of the table: the row, or undefined when another request (on this
 * node or another) already took it. Read, then one DELETE whose row count decides who won.
 */
export async function takePending(db: Kysely<Database>, id: string): Promise<Selectable<SsoPendingTable> | undefined> {
  const row = await db.selectFrom('sso_pending').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const res = await db.deleteFrom('sso_pending').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1 ? row : undefined;
}

export async function deleteExpiredPending(db: Kysely<Database>, now: string): Promise<void> {
  await db.deleteFrom('sso_pending').where('expires_at', '<=', now).execute();
}

export const findLinkedUserId = async (db: Kysely<Database>, providerId: string, subject: string): Promise<string | undefined> =>
  (await db.selectFrom('staff_sso_link').select('user_id').where('provider_id', '=', providerId).where('subject', '=', subject).executeTakeFirst())?.user_id;

export async function insertLink(db: Kysely<Database>, row: { provider_id: string; subject: string; user_id: string; created_at: string }): Promise<void> {
  await db.insertInto('staff_sso_link').values(row).execute();
}

export const usernameTaken = async (db: Kysely<Database>, username: string): Promise<boolean> =>
  (await db.selectFrom('staff_user').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
