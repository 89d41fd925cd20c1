/**
 * Keeps the statistics cells up to date. A centre's event log is folded in order from where the
 * last fold stopped: every ticket that ended (served, no-show, transferred, cancelled) and every
 * visit that closed is added once. The fold runs off the request path (a timer, and before every
 * statistics query), one node at a time per centre (the row lock on its watermark), and commits its
 * cells together with the new watermark, so a crash never counts anything twice.
 */
import type { Kysely } from 'kysely';
import { CellAccumulator, localHourOf, type TicketFact, type VisitFact } from '../../../core/stats/facts.ts';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { addCells, deleteCellsOfCentre } from './cells.ts';

type Db = Kysely<Database>;

/** Events that end a ticket. */
export const ENDING_EVENTS = ['ticket.finished', 'ticket.no_show', 'ticket.transferred', 'ticket.cancelled'] as const;
export const ENDED_STATUSES = ['done', 'no_show', 'transferred', 'cancelled'] as const;
/**
 * Events folded per transaction. On SQLite a fold runs on the server's own thread: small batches,
 * with a turn of the event loop between them, keep a busy morning's backlog from stalling calls.
 */
const EVENTS_PER_FOLD = 500;
const IN_LIST = 500;

interface Lookups {
  timeZone: Map<string, string>;
  target: Map<string, number>;
}

async function lookups(db: Db): Promise<Lookups> {
  const [centres, services] = await Promise.all([
    db.selectFrom('centre').select(['id', 'time_zone']).execute(),
    db.selectFrom('service').select(['id', 'target_wait_minutes']).execute(),
  ]);
  return { timeZone: new Map(centres.map((c) => [c.id, c.time_zone])), target: new Map(services.map((s) => [s.id, s.target_wait_minutes])) };
}

function chunks<T>(items: readonly T[], size = IN_LIST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const VISIT_COLUMNS = ['id', 'centre_id', 'person_id', 'declared_country', 'channel', 'language', 'priority', 'created_at', 'status', 'stats_folded'] as const;
type VisitInfo = { id: string; centre_id: string; person_id: string | null; declared_country: string | null; channel: string; language: string; priority: string; created_at: string; status: string; stats_folded: number };

/** The nationality counted for a visit: the casefile's first nationality, else what the client declared. */
async function nationalities(db: Db, visits: readonly VisitInfo[]): Promise<Map<string, string | null>> {
  const personIds = [...new Set(visits.map((v) => v.person_id).filter((p): p is string => p !== null))];
  const byPerson = new Map<string, string | null>();
  for (const ids of chunks(personIds)) {
    for (const p of await db.selectFrom('person').select(['id', 'nationalities']).where('id', 'in', ids).execute()) {
      const list = JSON.parse(p.nationalities || '[]') as string[];
      byPerson.set(p.id, list[0] ?? null);
    }
  }
  return new Map(visits.map((v) => [v.id, (v.person_id ? byPerson.get(v.person_id) : null) ?? v.declared_country ?? null]));
}

async function visitsById(db: Db, ids: readonly string[]): Promise<Map<string, VisitInfo>> {
  const out = new Map<string, VisitInfo>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('visit')
      .select(VISIT_COLUMNS)
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

type TicketInfo = { id: string; visit_id: string; centre_id: string; service_id: string; status: string; issued_at: string; called_at: string | null; started_at: string | null; finished_at: string | null; language: string; priority: string };
const TICKET_COLUMNS = ['id', 'visit_id', 'centre_id', 'service_id', 'status', 'issued_at', 'called_at', 'started_at', 'finished_at', 'language', 'priority'] as const;

/** Adds ended tickets to the accumulator, with the visit-level facts each needs. */
async function addTickets(db: Db, acc: CellAccumulator, tickets: readonly TicketInfo[], look: Lookups, visits: Map<string, VisitInfo>): Promise<void> {
  const nationality = await nationalities(db, [...visits.values()]);
  for (const t of tickets) {
    const v = visits.get(t.visit_id);
    if (!v) continue;
    const fact: TicketFact = {
      centreId: t.centre_id,
      serviceId: t.service_id,
      local: localHourOf(t.issued_at, look.timeZone.get(t.centre_id) ?? 'UTC'),
      status: t.status,
      issuedAt: t.issued_at,
      calledAt: t.called_at,
      startedAt: t.started_at,
      finishedAt: t.finished_at,
      language: t.language,
      nationality: nationality.get(v.id) ?? null,
      channel: v.channel,
      priority: t.priority,
      targetWaitMinutes: look.target.get(t.service_id) ?? 20,
    };
    acc.addTicket(fact);
  }
}

/** Adds closed visits; reads each visit's ticket statuses. */
async function addVisits(db: Db, acc: CellAccumulator, visits: readonly VisitInfo[], look: Lookups): Promise<void> {
  const nationality = await nationalities(db, visits);
  const statuses = new Map<string, string[]>();
  for (const ids of chunks(visits.map((v) => v.id))) {
    for (const t of await db.selectFrom('ticket').select(['visit_id', 'status']).where('visit_id', 'in', ids).execute()) {
      const list = statuses.get(t.visit_id) ?? [];
      list.push(t.status);
      statuses.set(t.visit_id, list);
    }
  }
  for (const v of visits) {
    const fact: VisitFact = {
      centreId: v.centre_id,
      local: localHourOf(v.created_at, look.timeZone.get(v.centre_id) ?? 'UTC'),
      language: v.language,
      nationality: nationality.get(v.id) ?? null,
      channel: v.channel,
      priority: v.priority,
      ticketStatuses: statuses.get(v.id) ?? [],
    };
    acc.addVisit(fact);
  }
}

/** Takes the centre's fold lock for the rest of the transaction and returns how far it has folded. */
async function lockWatermark(trx: Db, centreId: string, at: string): Promise<number> {
  await trx
    .insertInto('stats_fold')
    .values({ centre_id: centreId, last_seq: 0, folded_at: at })
    .onConflict((oc) => oc.column('centre_id').doUpdateSet({ folded_at: at }))
    .execute();
  const row = await trx.selectFrom('stats_fold').select('last_seq').where('centre_id', '=', centreId).executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

/** Folds what is new in one centre's event log (up to a batch); returns the number of events read. */
export async function foldCentre(ctx: AppContext, centreId: string): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const from = await lockWatermark(trx, centreId, ctx.now().toISOString());
    const events = await trx
      .selectFrom('centre_event')
      .select(['seq', 'type', 'payload'])
      .where('centre_id', '=', centreId)
      .where('seq', '>', from)
      .orderBy('seq')
      .limit(EVENTS_PER_FOLD)
      .execute();
    if (events.length === 0) return 0;
    const ended = events.filter((e) => (ENDING_EVENTS as readonly string[]).includes(e.type)).map((e) => (JSON.parse(e.payload) as { ticketId: string }).ticketId);
    if (ended.length) {
      const look = await lookups(trx);
      const tickets: TicketInfo[] = [];
      for (const ids of chunks(ended)) tickets.push(...(await trx.selectFrom('ticket').select(TICKET_COLUMNS).where('id', 'in', ids).execute()));
      // A ticket reopened after its ending event (none today) would be counted when it ends again.
      const stillEnded = tickets.filter((t) => (ENDED_STATUSES as readonly string[]).includes(t.status));
      const visits = await visitsById(trx, stillEnded.map((t) => t.visit_id));
      const acc = new CellAccumulator();
      await addTickets(trx, acc, stillEnded, look, visits);
      const closing = [...visits.values()].filter((v) => v.status === 'done' && v.stats_folded === 0);
      await addVisits(trx, acc, closing, look);
      await addCells(trx, ctx.dbKind, acc);
      for (const ids of chunks(closing.map((v) => v.id))) await trx.updateTable('visit').set({ stats_folded: 1 }).where('id', 'in', ids).execute();
    }
    await trx.updateTable('stats_fold').set({ last_seq: Number(events[events.length - 1]!.seq) }).where('centre_id', '=', centreId).execute();
    return events.length;
  });
}

/** Centres whose event log has moved past their last fold. */
export async function centresBehind(db: Db, centreIds?: readonly string[]): Promise<string[]> {
  let q = db
    .selectFrom('centre_event_counter as c')
    .leftJoin('stats_fold as f', 'f.centre_id', 'c.centre_id')
    .select('c.centre_id')
    .where((eb) => eb.or([eb('f.last_seq', 'is', null), eb('f.last_seq', '<', eb.ref('c.last_seq'))]));
  if (centreIds) {
    if (centreIds.length === 0) return [];
    q = q.where('c.centre_id', 'in', [...centreIds]);
  }
  return (await q.execute()).map((r) => r.centre_id);
}

/** Brings the cells of these centres (or all) up to the latest committed event. */
export async function foldPending(ctx: AppContext, centreIds?: readonly string[]): Promise<void> {
  for (const centreId of await centresBehind(ctx.db, centreIds)) {
    // A long backlog folds in batches, each its own transaction, letting requests in between.
    while ((await foldCentre(ctx, centreId)) === EVENTS_PER_FOLD) await new Promise((resolve) => setImmediate(resolve));
  }
}

const REBUILD_BATCH = 5000;

/**
 * Recomputes a centre's cells from its raw ticket and visit rows (`balcao stats rebuild`): after a
 * change of a service's target, a bug fix, or a restore. On PostgreSQL the reads share one
 * snapshot (repeatable read), so a ticket ending meanwhile is either in the rebuild or after its
 * watermark, never lost or doubled.
 */
export async function rebuildCentre(ctx: AppContext, centreId: string): Promise<{ tickets: number; visits: number }> {
  let trxBuilder = ctx.db.transaction();
  if (ctx.dbKind === 'postgres') trxBuilder = trxBuilder.setIsolationLevel('repeatable read');
  return trxBuilder.execute(async (trx) => {
    await lockWatermark(trx, centreId, ctx.now().toISOString());
    const last = await trx.selectFrom('centre_event_counter').select('last_seq').where('centre_id', '=', centreId).executeTakeFirst();
    await deleteCellsOfCentre(trx, centreId);
    const look = await lookups(trx);
    const write = (acc: CellAccumulator) => addCells(trx, ctx.dbKind, acc);
    const tickets = await inBatches(
      (after) => trx.selectFrom('ticket').select(TICKET_COLUMNS).where('centre_id', '=', centreId).where('status', 'in', [...ENDED_STATUSES]).where('id', '>', after).orderBy('id').limit(REBUILD_BATCH).execute(),
      async (batch, acc) => addTickets(trx, acc, batch, look, await visitsById(trx, batch.map((t) => t.visit_id))),
      write,
    );
    const visits = await inBatches(
      (after) => trx.selectFrom('visit').select(VISIT_COLUMNS).where('centre_id', '=', centreId).where('status', '=', 'done').where('id', '>', after).orderBy('id').limit(REBUILD_BATCH).execute(),
      (batch, acc) => addVisits(trx, acc, batch, look),
      write,
    );
    await trx.updateTable('visit').set({ stats_folded: 1 }).where('centre_id', '=', centreId).where('status', '=', 'done').where('stats_folded', '=', 0).execute();
    await trx.updateTable('visit').set({ stats_folded: 0 }).where('centre_id', '=', centreId).where('status', '<>', 'done').where('stats_folded', '=', 1).execute();
    await trx.updateTable('stats_fold').set({ last_seq: Number(last?.last_seq ?? 0) }).where('centre_id', '=', centreId).execute();
    return { tickets, visits };
  });
}

/** Reads rows in id order a batch at a time, adding each batch's contributions to the cells. */
async function inBatches<T extends { id: string }>(read: (after: string) => Promise<T[]>, add: (batch: T[], acc: CellAccumulator) => Promise<void>, write: (acc: CellAccumulator) => Promise<void>): Promise<number> {
  let count = 0;
  let after = '';
  for (;;) {
    const batch = await read(after);
    if (batch.length === 0) return count;
    const acc = new CellAccumulator();
    await add(batch, acc);
    await write(acc);
    count += batch.length;
    after = batch[batch.length - 1]!.id;
  }
}

export async function rebuildAll(ctx: AppContext): Promise<{ centres: number; tickets: number; visits: number }> {
  const centres = await ctx.db.selectFrom('centre').select('id').execute();
  let tickets = 0;
  let visits = 0;
  for (const c of centres) {
    const r = await rebuildCentre(ctx, c.id);
    tickets += r.tickets;
    visits += r.visits;
  }
  return { centres: centres.length, tickets, visits };
}
