import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { migrations } from '../db/migrations/index.ts';

export interface QueueGauge {
  centre: string;
  service: string;
  waiting: number;
  oldestQueuedAt: string | null;
}

/**
 * People waiting and the oldest queue time per active service. Each subquery reads one service's
 * waiting tickets through the (service_id, status, …) index, so a scrape stays cheap however much
 * history the ticket table holds.
 */
export async function queueGauges(db: Kysely<Database>): Promise<QueueGauge[]> {
  const rows = await db
    .selectFrom('service')
    .innerJoin('centre', 'centre.id', 'service.centre_id')
    .select((eb) => [
      'centre.code as centre',
      'service.code as service',
      eb.selectFrom('ticket').select((e) => e.fn.countAll<string | number>().as('n')).whereRef('ticket.service_id', '=', 'service.id').where('ticket.status', '=', 'waiting').as('waiting'),
      eb.selectFrom('ticket').select((e) => e.fn.min<string>('ticket.queued_at').as('m')).whereRef('ticket.service_id', '=', 'service.id').where('ticket.status', '=', 'waiting').as('oldest'),
    ])
    .where('service.active', '=', 1)
    .where('centre.active', '=', 1)
    .execute();
  return rows.map((r) => ({ centre: r.centre, service: r.service, waiting: Number(r.waiting ?? 0), oldestQueuedAt: r.oldest ?? null }));
}

/** Migrations the code knows that the database has not run (empty when the schema is current). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const done = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = new Set(done.rows.map((r) => r.name));
  return Object.keys(migrations).filter((name) => !names.has(name));
}
