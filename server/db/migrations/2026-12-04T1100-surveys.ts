import type { Kysely } from 'kysely';

/**
 * Satisfaction surveys. Questions have a text per language, versioned like the knowledge base's
 * (each translation records the source version it was made from), and the survey itself has
 * versions: the questions asked, in order, from a given date. Answers are anonymous: a visit gets
 * an invitation with a random token (to answer once, within 7 days), but the response keeps only the
 * centre, the partner of the visit's last desk, the language and the visit's local date — no
 * visit, ticket, person or time of day — so no answer can be traced back to anyone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('survey_question')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('source_locale', 'text', (c) => c.notNull())
    .addColumn('source_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createTable('survey_question_text')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('question_id', 'text', (c) => c.notNull().references('survey_question.id'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source_version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // JSON QuestionContent
    .addColumn('machine_translated', 'integer', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_question_text_version_uq', ['question_id', 'locale', 'version'])
    .execute();
  await db.schema
    .createTable('survey_version')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('question_ids', 'text', (c) => c.notNull()) // JSON string[], in the order asked
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createTable('survey_invitation')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().unique().references('visit.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('answered', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('survey_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_version', 'integer', (c) => c.notNull().references('survey_version.version'))
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // phone | kiosk
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createTable('survey_answer')
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_response.id'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('survey_question.id'))
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_answer_pk', ['response_id', 'question_id'])
    .execute();
  await db.schema.createIndex('survey_response_centre_date_idx').on('survey_response').columns(['centre_id', 'local_date']).execute();
  await db.schema.createIndex('survey_response_date_idx').on('survey_response').columns(['local_date']).execute();
  await db.schema.createIndex('survey_answer_question_idx').on('survey_answer').columns(['question_id', 'value']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['survey_answer', 'survey_response', 'survey_invitation', 'survey_version', 'survey_question_text', 'survey_question']) await db.schema.dropTable(table).execute();
}
