import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('child_checkin')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centre.id'))
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visit.id'))
    .addColumn('child_name', 'text', (c) => c.notNull())
    .addColumn('age_years', 'integer')
    .addColumn('notes', 'text')
    .addColumn('checked_in_at', 'text', (c) => c.notNull())
    .addColumn('checked_in_by', 'text', (c) => c.notNull())
    .addColumn('checked_out_at', 'text')
    .addColumn('checked_out_by', 'text')
    .execute();
  await db.schema.createIndex('child_checkin_centre_idx').on('child_checkin').columns(['centre_id', 'checked_out_at']).execute();
  await db.schema.createIndex('child_checkin_visit_idx').on('child_checkin').column('visit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('child_checkin').execute();
}
