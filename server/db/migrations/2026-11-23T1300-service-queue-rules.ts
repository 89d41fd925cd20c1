import type { Kysely } from 'kysely';

/** Per-service guard against priority starving everyone else. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('service').addColumn('max_wait_minutes', 'integer', (c) => c.notNull().defaultTo(45)).execute();
  await db.schema.alterTable('service').addColumn('priority_burst', 'integer', (c) => c.notNull().defaultTo(3)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('service').dropColumn('priority_burst').execute();
  await db.schema.alterTable('service').dropColumn('max_wait_minutes').execute();
}
