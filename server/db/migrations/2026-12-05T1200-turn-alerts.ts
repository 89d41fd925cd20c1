import { sql, type Kysely } from 'kysely';

/**
 * "Your turn is near": a client waiting with a ticket may leave a phone number (or a Web Push
 * subscription) for their visit; they get a message when few people are ahead (the centre's
 * `turn_near_ahead`, 3 by default) and when they are called. The row — the number — is deleted
 * when the visit ends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('turn_alert')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visit.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // sms | push
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('turn_alert_visit_channel_uq', ['visit_id', 'channel'])
    .execute();
  await db.schema.createIndex('turn_alert_centre_idx').on('turn_alert').columns(['centre_id']).execute();
  await db.schema.alterTable('centre').addColumn('turn_near_ahead', 'integer', (c) => c.notNull().defaultTo(sql`3`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('centre').dropColumn('turn_near_ahead').execute();
  await db.schema.dropTable('turn_alert').execute();
}
