import type { Kysely } from 'kysely';

/**
 * Network-wide settings the network administrator edits as a whole, one JSON value per key:
 * the branding (name and colours), the logo (its bytes, base64) and the accessibility statement.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('network_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('network_setting').execute();
}
