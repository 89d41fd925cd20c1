import type { Kysely } from 'kysely';

/**
 * One outbox for every message to a client (email, SMS, Web Push). A message is written in the
 * same transaction as the thing it announces, so it exists if and only if that thing committed;
 * a sending job on any node claims due messages with a lease (status 'sending' + lease_until), so
 * two nodes never send one message twice while both live, and a node that dies mid-send leaves a
 * lease that expires and the message is sent again. The recipient and the bodies are personal data:
 * they are cleared once the message is sent or given up; the row keeps a masked recipient, the
 * state and the last error for staff, and is deleted after the retention period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox_message')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull()) // email | sms | push
    .addColumn('recipient', 'text') // address, phone number or push subscription (JSON); null once purged
    .addColumn('recipient_hint', 'text', (c) => c.notNull()) // masked, for staff
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body_text', 'text')
    .addColumn('body_html', 'text')
    .addColumn('attachments', 'text') // JSON [{filename, contentType, content (base64)}]
    .addColumn('relates_type', 'text')
    .addColumn('relates_id', 'text')
    .addColumn('centre_id', 'text')
    .addColumn('partner_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | sending | sent | failed | cancelled
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_message_due_idx').on('outbox_message').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_message_relates_idx').on('outbox_message').columns(['relates_type', 'relates_id']).execute();
  await db.schema.createIndex('outbox_message_centre_idx').on('outbox_message').columns(['centre_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox_message').execute();
}
