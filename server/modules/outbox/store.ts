import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { Database, OutboxMessageTable } from '../../db/schema.ts';
import type { DatabaseKind } from '../../db/database.ts';

type Db = Kysely<Database>;
export type MessageRow = Selectable<OutboxMessageTable>;

/** Columns that hold personal data: cleared once a message is sent, given up or cancelled. */
const PURGED = { recipient: null, subject: null, body_text: null, body_html: null, attachments: null } as const;

export async function insertMessage(db: Db, row: OutboxMessageTable): Promise<boolean> {
  const res = await db
    .insertInto('outbox_message')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Queued and due, or being sent by a node whose lease ran out (it stopped or crashed). */
function due(now: string) {
  return (eb: ExpressionBuilder<Database, 'outbox_message'>): Expression<SqlBool> =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
    ]);
}

/**
 * Claims up to `limit` due messages for this pass (`token`) until `leaseUntil`, in one statement.
 * The condition is checked again by the UPDATE itself, so when two nodes pick the same rows, the
 * second finds them no longer due and claims none of them; on PostgreSQL the candidates are also
 * locked with SKIP LOCKED so the second node takes other rows instead of waiting.
 */
export async function claimDue(db: Db, kind: DatabaseKind, input: { now: string; leaseUntil: string; token: string; limit: number }): Promise<MessageRow[]> {
  let candidates = db.selectFrom('outbox_message').select('id').where(due(input.now)).orderBy('next_attempt_at').limit(input.limit);
  if (kind === 'postgres') candidates = candidates.forUpdate().skipLocked();
  await db
    .updateTable('outbox_message')
    .set({ status: 'sending', lease_until: input.leaseUntil, claim_token: input.token, attempts: sql<number>`attempts + 1`, updated_at: input.now })
    .where('id', 'in', candidates)
    .where(due(input.now))
    .execute();
  return db.selectFrom('outbox_message').selectAll().where('claim_token', '=', input.token).where('status', '=', 'sending').execute();
}

/** Records a send; only the pass that holds the claim may (a node whose lease ran out may not). */
export async function markSent(db: Db, id: string, token: string, at: string): Promise<void> {
  await db
    .updateTable('outbox_message')
    .set({ ...PURGED, status: 'sent', sent_at: at, lease_until: null, claim_token: null, last_error: null, updated_at: at })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .execute();
}

export async function markRetry(db: Db, id: string, token: string, input: { at: string; nextAttemptAt: string; error: string }): Promise<void> {
  await db
    .updateTable('outbox_message')
    .set({ status: 'queued', next_attempt_at: input.nextAttemptAt, lease_until: null, claim_token: null, last_error: input.error, updated_at: input.at })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .execute();
}

export async function markFailed(db: Db, id: string, token: string, input: { at: string; error: string }): Promise<void> {
  await db
    .updateTable('outbox_message')
    .set({ ...PURGED, status: 'failed', lease_until: null, claim_token: null, last_error: input.error, updated_at: input.at })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .execute();
}

/** Queued messages about something are not sent after all (and their recipients are forgotten). */
export async function cancelQueued(db: Db, relatesType: string, relatesIds: readonly string[], at: string, kinds?: readonly string[]): Promise<number> {
  if (relatesIds.length === 0) return 0;
  let query = db
    .updateTable('outbox_message')
    .set({ ...PURGED, status: 'cancelled', updated_at: at })
    .where('relates_type', '=', relatesType)
    .where('relates_id', 'in', relatesIds)
    .where('status', '=', 'queued');
  if (kinds?.length) query = query.where('kind', 'in', kinds);
  const res = await query.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Rows older than the retention period are deleted; anything left with personal data is cleared. */
export async function deleteOlderThan(db: Db, before: string): Promise<number> {
  const res = await db.deleteFrom('outbox_message').where('created_at', '<', before).where('status', '!=', 'sending').executeTakeFirst();
  return Number(res.numDeletedRows);
}

export interface MessageFilter {
  centreIds?: readonly string[] | undefined;
  partnerIds?: readonly string[] | undefined;
  relatesType?: string | undefined;
  relatesId?: string | undefined;
  status?: string | undefined;
  limit: number;
}

export async function listMessages(db: Db, filter: MessageFilter): Promise<MessageRow[]> {
  let query = db.selectFrom('outbox_message').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit);
  if (filter.centreIds) query = query.where('centre_id', 'in', filter.centreIds.length ? filter.centreIds : ['']);
  if (filter.partnerIds) query = query.where('partner_id', 'in', filter.partnerIds.length ? filter.partnerIds : ['']);
  if (filter.relatesType) query = query.where('relates_type', '=', filter.relatesType);
  if (filter.relatesId) query = query.where('relates_id', '=', filter.relatesId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.execute();
}

export async function findMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('outbox_message').selectAll().where('id', '=', id).executeTakeFirst();
}
