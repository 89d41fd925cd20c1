import type { Kysely } from 'kysely';

/**
 * Calling next reads the longest-waiting ordinary tickets of a queue. With the queue time as the
 * index's last column they come out already in order, so a call reads a few rows instead of
 * sorting every waiting ticket of the morning (it replaces the priority index, which it covers).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('ticket_queue_priority_order_idx').on('ticket').columns(['service_id', 'status', 'priority', 'queued_at']).execute();
  await db.schema.dropIndex('ticket_queue_priority_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('ticket_queue_priority_idx').on('ticket').columns(['service_id', 'status', 'priority']).execute();
  await db.schema.dropIndex('ticket_queue_priority_order_idx').execute();
}
