import type { Kysely } from 'kysely';

/**
 * The last second-factor time step accepted for each staff member, so a code cannot be used twice
 * within its window (RFC 6238 §5.2). Kept in the database, not in memory, so the refusal holds
 * when the replay is sent to another node.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_user').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff_user').dropColumn('totp_last_step').execute();
}
