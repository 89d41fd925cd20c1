import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export type SettingKey = 'branding' | 'logo' | 'accessibility';

export async function readSetting<T>(db: Db, key: SettingKey): Promise<{ value: T; updatedAt: string } | null> {
  const row = await db.selectFrom('network_setting').select(['value', 'updated_at']).where('key', '=', key).executeTakeFirst();
  return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at } : null;
}

/** Writes a setting whole (insert or replace), on both databases. */
export async function writeSetting(db: Db, key: SettingKey, value: unknown, at: string, by: string | null): Promise<void> {
  const row = { key, value: JSON.stringify(value), updated_at: at, updated_by: by };
  await db
    .insertInto('network_setting')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: at, updated_by: by }))
    .execute();
}

export async function deleteSetting(db: Db, key: SettingKey): Promise<void> {
  await db.deleteFrom('network_setting').where('key', '=', key).execute();
}
