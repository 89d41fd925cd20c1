import type { Kysely, Selectable } from 'kysely';
import type { AllocationRequestTable, AllocationRoundTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;
export type RoundRow = Selectable<AllocationRoundTable>;
export type RequestRow = Selectable<AllocationRequestTable>;

/** Live statuses: a request that holds its person's one request for the service. */
export const LIVE_REQUEST_STATUSES = ['requested', 'allocated', 'waiting'] as const;

export const insertRound = (db: Db, row: RoundRow) => db.insertInto('allocation_round').values(row).execute();
export const findRound = (db: Db, id: string) => db.selectFrom('allocation_round').selectAll().where('id', '=', id).executeTakeFirst();

export const listRounds = (db: Db, filter: { centreId?: string | undefined; serviceId?: string | undefined }) => {
  let q = db.selectFrom('allocation_round').selectAll();
  if (filter.centreId) q = q.where('centre_id', '=', filter.centreId);
  if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
  return q.orderBy('week_start', 'desc').orderBy('created_at', 'desc').limit(200).execute();
};

/** Rounds whose window has closed and which have not been drawn yet. */
export const dueRoundIds = async (db: Db, nowIso: string) =>
  (await db.selectFrom('allocation_round').select('id').where('drawn_at', 'is', null).where('closes_at', '<=', nowIso).orderBy('closes_at').execute()).map((r) => r.id);

/**
 * Claims a round for its draw: sets drawn_at if nobody has and the window has closed. On
 * PostgreSQL the row lock makes a second node's claim wait and then find drawn_at set; on SQLite
 * writers take turns. True for the one caller that draws.
 */
export async function claimDraw(db: Db, id: string, nowIso: string): Promise<boolean> {
  const r = await db.updateTable('allocation_round').set({ drawn_at: nowIso }).where('id', '=', id).where('drawn_at', 'is', null).where('closes_at', '<=', nowIso).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Locks a round whose window is open against its draw, inside a request's transaction (a no-op
 * update): a request is either in before the draw claims the round, or refused after it.
 */
export async function holdOpenRound(db: Db, id: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('allocation_round')
    .set((eb) => ({ seed_hash: eb.ref('seed_hash') }))
    .where('id', '=', id)
    .where('drawn_at', 'is', null)
    .where('opens_at', '<=', nowIso)
    .where('closes_at', '>', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const setRoundDrawn = (db: Db, id: string, set: { list_digest: string; request_count: number }) => db.updateTable('allocation_round').set(set).where('id', '=', id).execute();

export const insertRequest = (db: Db, row: RequestRow) => db.insertInto('allocation_request').values(row).execute();
export const findRequestByToken = (db: Db, tokenHash: string) => db.selectFrom('allocation_request').selectAll().where('status_token_hash', '=', tokenHash).executeTakeFirst();

/** A round's requests in the order they arrived. */
export const roundRequests = (db: Db, roundId: string) => db.selectFrom('allocation_request').selectAll().where('round_id', '=', roundId).orderBy('created_at').orderBy('id').execute();

export const setRequestDrawn = (db: Db, id: string, status: 'allocated' | 'waiting' | 'not_drawn', position: number | null, nowIso: string) =>
  db
    .updateTable('allocation_request')
    .set({ status, position, updated_at: nowIso, ...(status === 'not_drawn' ? { active_key: null } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .execute();

/** Moves a request from one status to another, only if it is still in the first (true if it was). */
export async function moveRequest(db: Db, id: string, from: readonly string[], to: string, nowIso: string): Promise<boolean> {
  const live = (LIVE_REQUEST_STATUSES as readonly string[]).includes(to);
  const r = await db
    .updateTable('allocation_request')
    .set({ status: to, updated_at: nowIso, ...(live ? {} : { active_key: null }) })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The round's waiting list, first to be promoted first. */
export const waitingList = (db: Db, roundId: string) =>
  db.selectFrom('allocation_request').select(['id', 'position']).where('round_id', '=', roundId).where('status', '=', 'waiting').orderBy('position').execute();

/** How many still wait ahead of (and including) a position. */
export async function waitingPlace(db: Db, roundId: string, position: number): Promise<number> {
  const r = await db
    .selectFrom('allocation_request')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('round_id', '=', roundId)
    .where('status', '=', 'waiting')
    .where('position', '<=', position)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Counts per status, for staff. */
export async function statusCounts(db: Db, roundId: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('allocation_request').select(['status', (eb) => eb.fn.countAll().as('n')]).where('round_id', '=', roundId).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
