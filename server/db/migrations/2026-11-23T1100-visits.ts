import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centre.id'))
    .addColumn('public_token', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'text') // the casefile plugs in here
    .addColumn('client_name', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_reason', 'text')
    .addColumn('needs_mediator', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('topic', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull()) // JSON: service ids still to visit, in order
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('visit_centre_date_idx').on('visit').columns(['centre_id', 'local_date']).execute();

  await db.schema
    .createTable('ticket_sequence')
    .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_sequence_pk', ['service_id', 'local_date'])
    .execute();

  await db.schema
    .createTable('ticket')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visit.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centre.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('needs_mediator', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('appointment_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counter_id', 'text', (c) => c.references('counter.id'))
    .addColumn('target_counter_id', 'text', (c) => c.references('counter.id'))
    .addColumn('served_by', 'text')
    .addColumn('recall_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('transferred_from', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('called_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('ticket_queue_idx').on('ticket').columns(['service_id', 'status', 'queued_at']).execute();
  await db.schema.createIndex('ticket_visit_idx').on('ticket').column('visit_id').execute();
  await db.schema.createIndex('ticket_centre_date_idx').on('ticket').columns(['centre_id', 'local_date']).execute();
  await db.schema.createIndex('ticket_idempotency_idx').on('ticket').columns(['centre_id', 'idempotency_key']).unique().execute();

  await db.schema
    .createTable('counter_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('counter_id', 'text', (c) => c.notNull().references('counter.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_user.id'))
    .addColumn('service_ids', 'text', (c) => c.notNull()) // JSON: which of the counter's services this person calls
    .addColumn('languages', 'text', (c) => c.notNull()) // JSON: languages the person at the counter speaks
    .addColumn('priority_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('counter_session_open_idx').on('counter_session').columns(['counter_id', 'closed_at']).execute();

  // Events carry a per-centre sequence taken from a counter row: the row lock serialises event
  // writers per centre, so sequence order is commit order and a reader never skips an event.
  await db.schema
    .createTable('centre_event_counter')
    .addColumn('centre_id', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('centre_event')
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('centre_event_pk', ['centre_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['centre_event', 'centre_event_counter', 'counter_session', 'ticket', 'ticket_sequence', 'visit']) await db.schema.dropTable(table).execute();
}
