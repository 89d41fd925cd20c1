import type { Kysely } from 'kysely';

/** Each partner's retention rule for its casefile sections. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Years after a case closes before it is erased automatically; null keeps it until erased on request.
  await db.schema.alterTable('partner').addColumn('retention_years', 'integer').execute();
  // The legal obligation to keep the section, if any: then it is not erased on request, and the reason is shown.
  await db.schema.alterTable('partner').addColumn('retention_basis', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('partner').dropColumn('retention_basis').execute();
  await db.schema.alterTable('partner').dropColumn('retention_years').execute();
}
