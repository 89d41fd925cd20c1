import type { Kysely } from 'kysely';

/**
 * Calling next looks up the priority tickets of a queue apart from the rest; this index finds them
 * directly instead of walking every waiting ticket (a long morning queue made each call slower).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('ticket_queue_priority_idx').on('ticket').columns(['service_id', 'status', 'priority']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ticket_queue_priority_idx').execute();
}
