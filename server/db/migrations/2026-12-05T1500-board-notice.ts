import type { Kysely } from 'kysely';

/**
 * A line the centre's managers show on its display boards (a closure, an outage, a desk moved).
 * One per centre; null when there is none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('centre').addColumn('board_notice', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('centre').dropColumn('board_notice').execute();
}
