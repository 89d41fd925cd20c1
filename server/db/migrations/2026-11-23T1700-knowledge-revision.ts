import type { Kysely } from 'kysely';

/**
 * One counter that every knowledge-base write moves on, inside its transaction. Readers on every
 * node compare it with their cache (timestamps can collide or arrive out of order across nodes),
 * and its row lock queues writers, so version numbers and slugs are checked without races.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kb_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('rev', 'integer', (c) => c.notNull())
    .execute();
  await (db as Kysely<{ kb_revision: { id: number; rev: number } }>).insertInto('kb_revision').values({ id: 1, rev: 0 }).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kb_revision').execute();
}
