import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The shared digital casefile: persons (the core), their documents and household links, cases
 * owned by one partner each (the partner's section), notes, referrals between partners, and the
 * append-only, hash-chained audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull()) // as the person writes it, any script
    .addColumn('search_name', 'text', (c) => c.notNull()) // transliterated, lower case, for search
    .addColumn('birth_date', 'text')
    .addColumn('nationalities', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('contacts', 'text', (c) => c.notNull())
    .addColumn('merged_into', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_search_idx').on('person').column('search_name').execute();
  await db.schema.createIndex('person_birth_idx').on('person').column('birth_date').execute();

  await db.schema
    .createTable('household_link')
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('related_person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('household_link_pk', ['person_id', 'related_person_id'])
    .execute();

  await db.schema
    .createTable('person_document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('number_key', 'text', (c) => c.notNull()) // upper case, letters and digits only
    .addColumn('issuing_country', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('attachment_path', 'text')
    .addColumn('attachment_type', 'text')
    .addColumn('attachment_size', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_document_number_idx').on('person_document').column('number_key').execute();
  await db.schema.createIndex('person_document_expiry_idx').on('person_document').column('expires_on').execute();

  await db.schema
    .createTable('case_matter')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partner.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centre.id'))
    .addColumn('visit_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_step', 'text')
    .addColumn('follow_up_on', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_matter_person_idx').on('case_matter').columns(['person_id', 'partner_id']).execute();

  await db.schema
    .createTable('case_note')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_matter.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_note_case_idx').on('case_note').column('case_id').execute();

  await db.schema
    .createTable('referral')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id'))
    .addColumn('from_partner_id', 'text', (c) => c.notNull().references('partner.id'))
    .addColumn('to_partner_id', 'text', (c) => c.notNull().references('partner.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull()) // consent | legal_basis
    .addColumn('consent_given_by', 'text')
    .addColumn('consent_given_at', 'text')
    .addColumn('legal_basis_reason', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | rejected | revoked
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('referral_person_idx').on('referral').columns(['person_id', 'to_partner_id', 'status']).execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('audit_head' as never).values({ id: 1, last_seq: 0, last_hash: 'genesis' } as never).execute();

  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_partner_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull()) // allowed | denied
    .addColumn('person_id', 'text')
    .addColumn('section', 'text') // 'core' or a partner id
    .addColumn('purpose', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entry_person_idx').on('audit_entry').columns(['person_id', 'seq']).execute();

  // Append-only in the database too: updates and deletes of audit entries are refused.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function audit_entry_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_entry is append-only'; end $$`.execute(db);
    await sql`create trigger audit_entry_no_update before update or delete on audit_entry for each row execute function audit_entry_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_entry_no_update before update on audit_entry begin select raise(abort, 'audit_entry is append-only'); end`.execute(db);
    await sql`create trigger audit_entry_no_delete before delete on audit_entry begin select raise(abort, 'audit_entry is append-only'); end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger if exists audit_entry_no_update on audit_entry`.execute(db);
    await sql`drop function if exists audit_entry_append_only`.execute(db);
  }
  for (const t of ['audit_entry', 'audit_head', 'referral', 'case_note', 'case_matter', 'person_document', 'household_link', 'person']) {
    await db.schema.dropTable(t).execute();
  }
}
