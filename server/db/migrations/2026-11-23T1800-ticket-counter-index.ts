import type { Kysely } from 'kysely';

/**
 * "What is at this counter now?" is asked on every call, start and finish; without an index it
 * scanned the day's tickets, which made calling slower as the day went on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('ticket_counter_status_idx').on('ticket').columns(['counter_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('ticket_counter_status_idx').execute();
}
