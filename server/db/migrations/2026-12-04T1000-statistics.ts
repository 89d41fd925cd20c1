import type { Kysely } from 'kysely';

const BUCKETS = 16;

/**
 * Statistics are read from aggregates kept up to date as tickets finish, never from years of
 * ticket rows. A cell is one centre × service × period × breakdown value; hour cells hold the
 * total only, day and month cells also each breakdown (language, nationality, channel, priority).
 * Waits and handling times are kept as bucket counts (w0…, h0…) so percentiles need no raw rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  let tickets = db.schema
    .createTable('stats_ticket_cell')
    .addColumn('grain', 'text', (c) => c.notNull()) // hour | day | month
    .addColumn('dim', 'text', (c) => c.notNull()) // all | language | nationality | channel | priority
    .addColumn('period', 'text', (c) => c.notNull()) // 2025-03-14T09 | 2025-03-14 | 2025-03
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('tickets', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('served', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('no_show', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transferred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wait_sum_s', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('within_target', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handle_sum_s', 'bigint', (c) => c.notNull().defaultTo(0));
  for (let i = 0; i < BUCKETS; i++) tickets = tickets.addColumn(`w${i}`, 'integer', (c) => c.notNull().defaultTo(0));
  for (let i = 0; i < BUCKETS; i++) tickets = tickets.addColumn(`h${i}`, 'integer', (c) => c.notNull().defaultTo(0));
  await tickets.addPrimaryKeyConstraint('stats_ticket_cell_pk', ['grain', 'dim', 'period', 'centre_id', 'service_id', 'value']).execute();

  await db.schema
    .createTable('stats_visit_cell')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('served_visits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('multi_desk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('desks', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('stats_visit_cell_pk', ['grain', 'dim', 'period', 'centre_id', 'value'])
    .execute();

  // How far each centre's event log has been folded into the cells; its row lock makes one node fold at a time.
  await db.schema
    .createTable('stats_fold')
    .addColumn('centre_id', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('folded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('visit').addColumn('stats_folded', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // A country the client chose to declare "for statistics only" at pre-sorting or the kiosk (ISO 3166 alpha-2).
  await db.schema.alterTable('visit').addColumn('declared_country', 'text').execute();
  // The wait a service aims to call its clients within: "share called within target".
  await db.schema.alterTable('service').addColumn('target_wait_minutes', 'integer', (c) => c.notNull().defaultTo(20)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('service').dropColumn('target_wait_minutes').execute();
  await db.schema.alterTable('visit').dropColumn('declared_country').execute();
  await db.schema.alterTable('visit').dropColumn('stats_folded').execute();
  await db.schema.dropTable('stats_fold').execute();
  await db.schema.dropTable('stats_visit_cell').execute();
  await db.schema.dropTable('stats_ticket_cell').execute();
}
