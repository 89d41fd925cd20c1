import type { Kysely } from 'kysely';

/**
 * Appointments. A service may take bookings (`appointments_enabled`) in a mode (`first_come`, or
 * `allocation` by lottery), giving appointments a share of its counter time. Slots are derived from
 * opening hours and counters; a slot gets a row the first time it is booked or blocked, with its
 * capacity fixed then and a `taken` counter that only a guarded UPDATE (taken < capacity) raises —
 * so no seat is sold twice, on one node or many. A booking stores no identity in the clear: a keyed
 * hash of document number + birth date binds it to a person, and `active_key` (set only while the
 * booking is booked or checked in) is unique, so one person holds one active booking per service.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('service').addColumn('appointments_enabled', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('service').addColumn('booking_mode', 'text', (c) => c.notNull().defaultTo('first_come')).execute();
  await db.schema.alterTable('service').addColumn('appointment_share_percent', 'integer', (c) => c.notNull().defaultTo(40)).execute();
  await db.schema.alterTable('service').addColumn('slot_minutes', 'integer', (c) => c.notNull().defaultTo(30)).execute();
  await db.schema.alterTable('service').addColumn('checkin_early_minutes', 'integer', (c) => c.notNull().defaultTo(60)).execute();
  await db.schema.alterTable('service').addColumn('checkin_late_minutes', 'integer', (c) => c.notNull().defaultTo(15)).execute();
  await db.schema.alterTable('partner').addColumn('booking_retention_days', 'integer').execute();

  await db.schema
    .createTable('server_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('appointment_closure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('centre_id', 'text', (c) => c.references('centre.id')) // null: the whole network
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appointment_closure_date_idx').on('appointment_closure').columns(['date']).execute();

  await db.schema
    .createTable('appointment_slot')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centre.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('taken', 'integer', (c) => c.notNull())
    .addColumn('blocked', 'integer', (c) => c.notNull())
    .addColumn('block_reason', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('appointment_slot_service_start_uq', ['service_id', 'starts_at'])
    .execute();
  await db.schema.createIndex('appointment_slot_service_date_idx').on('appointment_slot').columns(['service_id', 'local_date']).execute();

  await db.schema
    .createTable('appointment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('manage_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centre.id'))
    .addColumn('slot_id', 'text', (c) => c.notNull().references('appointment_slot.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // booked | checked_in | served | no_show | cancelled
    .addColumn('identity_hash', 'text', (c) => c.notNull())
    .addColumn('document_hash', 'text', (c) => c.notNull())
    .addColumn('active_key', 'text', (c) => c.unique()) // identity_hash:service_id while active, else null
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('needs_mediator', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // web | staff | api
    .addColumn('created_by', 'text')
    .addColumn('visit_id', 'text')
    .addColumn('ticket_id', 'text')
    .addColumn('person_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('erase_after', 'text', (c) => c.notNull()) // local date after which the row is deleted
    .execute();
  await db.schema.createIndex('appointment_service_date_idx').on('appointment').columns(['service_id', 'local_date']).execute();
  await db.schema.createIndex('appointment_centre_date_idx').on('appointment').columns(['centre_id', 'local_date']).execute();
  await db.schema.createIndex('appointment_status_start_idx').on('appointment').columns(['status', 'starts_at']).execute();
  await db.schema.createIndex('appointment_identity_idx').on('appointment').columns(['identity_hash', 'created_at']).execute();
  await db.schema.createIndex('appointment_erase_idx').on('appointment').columns(['erase_after']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('appointment').execute();
  await db.schema.dropTable('appointment_slot').execute();
  await db.schema.dropTable('appointment_closure').execute();
  await db.schema.dropTable('server_secret').execute();
  await db.schema.alterTable('partner').dropColumn('booking_retention_days').execute();
  for (const column of ['checkin_late_minutes', 'checkin_early_minutes', 'slot_minutes', 'appointment_share_percent', 'booking_mode', 'appointments_enabled']) {
    await db.schema.alterTable('service').dropColumn(column).execute();
  }
}
