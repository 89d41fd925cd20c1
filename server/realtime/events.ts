import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Something that happened at a centre, as boards, counters and phones hear it. */
export interface CentreEvent {
  centreId: string;
  /** Per-centre, gap-free, in commit order: a client that missed some can ask for everything after its last. */
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  at: string;
}

/**
 * Takes the centre's event lock for the rest of the transaction (a no-op update of its counter
 * row). Operations that read-then-write a queue take it first, so they run one at a time per
 * centre on both databases.
 */
export async function lockCentre(trx: Kysely<Database>, centreId: string): Promise<void> {
  await trx
    .insertInto('centre_event_counter')
    .values({ centre_id: centreId, last_seq: 0 })
    .onConflict((oc) => oc.column('centre_id').doUpdateSet((eb) => ({ last_seq: eb.ref('centre_event_counter.last_seq') })))
    .execute();
}

/**
 * Records an event inside the caller's transaction. Call it last in the transaction: taking the
 * centre's sequence locks its counter row until commit.
 */
export async function recordEvent(trx: Kysely<Database>, centreId: string, type: string, payload: Record<string, unknown>, at: string): Promise<number> {
  const { last_seq: seq } = await trx
    .insertInto('centre_event_counter')
    .values({ centre_id: centreId, last_seq: 1 })
    .onConflict((oc) => oc.column('centre_id').doUpdateSet((eb) => ({ last_seq: eb('centre_event_counter.last_seq', '+', 1) })))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  await trx.insertInto('centre_event').values({ centre_id: centreId, seq, type, payload: JSON.stringify(payload), created_at: at }).execute();
  return seq;
}

export async function eventsAfter(db: Kysely<Database>, centreId: string, afterSeq: number, limit = 500): Promise<CentreEvent[]> {
  const rows = await db
    .selectFrom('centre_event')
    .selectAll()
    .where('centre_id', '=', centreId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ centreId: r.centre_id, seq: Number(r.seq), type: r.type, payload: JSON.parse(r.payload), at: r.created_at }));
}

export async function lastSeq(db: Kysely<Database>, centreId: string): Promise<number> {
  const row = await db.selectFrom('centre_event_counter').select('last_seq').where('centre_id', '=', centreId).executeTakeFirst();
  return Number(row?.last_seq ?? 0);
}
