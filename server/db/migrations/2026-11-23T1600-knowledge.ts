import type { Kysely } from 'kysely';

/**
 * The knowledge base: topics, procedures and questions & answers, with every text versioned per
 * language. Rows in kb_text are never updated: a change is a new version, so history and the
 * source version a translation was made from are kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kb_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // topic | procedure | faq
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('topic_id', 'text', (c) => c.references('kb_item.id')) // procedures and FAQs: their topic
    .addColumn('topic_code', 'text') // topics: the network topic the kiosk offers
    .addColumn('services', 'text', (c) => c.notNull()) // JSON string[]: service codes, "where to go"
    .addColumn('links', 'text', (c) => c.notNull()) // JSON string[]: official addresses
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('source_locale', 'text', (c) => c.notNull())
    .addColumn('source_version', 'integer', (c) => c.notNull()) // latest version of the source text
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createTable('kb_text')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('kb_item.id'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source_version', 'integer', (c) => c.notNull()) // the source text this was made from
    .addColumn('content', 'text', (c) => c.notNull()) // JSON KnowledgeContent
    .addColumn('machine_translated', 'integer', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('kb_text_version_uq', ['item_id', 'locale', 'version'])
    .execute();
  await db.schema.createIndex('kb_text_locale_idx').on('kb_text').columns(['locale', 'item_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kb_text').execute();
  await db.schema.dropTable('kb_item').execute();
}
