import type { Kysely } from 'kysely';

/**
 * Fair allocation of appointment places (core/appointments/allocation.ts). A round is one service
 * at one centre for one week, with a number of places and a request window; its seed is made when
 * the round is opened and only its SHA-256 is shown until the draw. A request holds the least a
 * lottery needs: a pseudonymous public id, the keyed identity hash (never the document number), a
 * name and a way to reach the client, and its place in the draw. `active_key` (identity hash and
 * service while the request is requested, allocated or waiting; null otherwise) is unique, so one
 * person holds one live request per service, on one node or many.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('allocation_round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centre.id'))
    .addColumn('week_start', 'text', (c) => c.notNull()) // the Monday, centre's local date
    .addColumn('places', 'integer', (c) => c.notNull())
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull()) // secret until drawn_at is set
    .addColumn('seed_hash', 'text', (c) => c.notNull())
    .addColumn('list_digest', 'text')
    .addColumn('request_count', 'integer')
    .addColumn('drawn_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('allocation_round_week_uq', ['service_id', 'centre_id', 'week_start'])
    .execute();
  await db.schema.createIndex('allocation_round_due_idx').on('allocation_round').columns(['drawn_at', 'closes_at']).execute();

  await db.schema
    .createTable('allocation_request')
    .addColumn('id', 'text', (c) => c.primaryKey()) // pseudonymous, published with the draw
    .addColumn('round_id', 'text', (c) => c.notNull().references('allocation_round.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
    .addColumn('identity_hash', 'text', (c) => c.notNull())
    .addColumn('active_key', 'text', (c) => c.unique())
    .addColumn('status_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull()) // requested | allocated | waiting | cancelled | not_drawn
    .addColumn('position', 'integer') // 1-based place in the draw
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('needs_mediator', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('allocation_request_round_idx').on('allocation_request').columns(['round_id', 'status', 'position']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('allocation_request').execute();
  await db.schema.dropTable('allocation_round').execute();
}
