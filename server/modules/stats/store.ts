/** SQL over the statistics cells. Every question is a few indexed range reads and one GROUP BY. */
import { sql, type Kysely } from 'kysely';
import { BUCKET_COUNT } from '../../../core/stats/histogram.ts';
import { emptyTicketSums, type TicketSums, type VisitSums } from '../../../core/stats/measures.ts';
import type { CellDimension } from '../../../core/stats/facts.ts';
import type { Database } from '../../db/schema.ts';
import { TICKET_SUMS, VISIT_SUMS } from './cells.ts';

type Db = Kysely<Database>;

/** Which cells cover a period: ranges of periods at a grain (month cells for whole months, day cells for the rest). */
export type PeriodRange = { grain: 'hour' | 'day' | 'month'; from: string; to: string };

export type GroupColumn = 'value' | 'period' | 'centre_id' | 'service_id' | 'hour' | null;

export interface CellQuery {
  ranges: readonly PeriodRange[];
  dim: CellDimension;
  centreIds?: readonly string[] | undefined;
  serviceIds?: readonly string[] | undefined;
  groupBy: GroupColumn;
}

const groupExpr = (g: Exclude<GroupColumn, null>) => (g === 'hour' ? sql<string>`substr(period, 12, 2)` : sql<string>`${sql.ref(g)}`);

function ticketSumsOf(r: Record<string, unknown>): TicketSums {
  const s = emptyTicketSums();
  s.tickets = Number(r.tickets ?? 0);
  s.served = Number(r.served ?? 0);
  s.noShow = Number(r.no_show ?? 0);
  s.transferred = Number(r.transferred ?? 0);
  s.cancelled = Number(r.cancelled ?? 0);
  s.waited = Number(r.waited ?? 0);
  s.waitSumS = Number(r.wait_sum_s ?? 0);
  s.withinTarget = Number(r.within_target ?? 0);
  s.handled = Number(r.handled ?? 0);
  s.handleSumS = Number(r.handle_sum_s ?? 0);
  for (let i = 0; i < BUCKET_COUNT; i++) {
    s.waitHist[i] = Number(r[`w${i}`] ?? 0);
    s.handleHist[i] = Number(r[`h${i}`] ?? 0);
  }
  return s;
}

/** Sums ticket cells, one row per group (or one row in all). */
export async function sumTicketCells(db: Db, q: CellQuery): Promise<{ key: string; sums: TicketSums }[]> {
  if (q.ranges.length === 0 || q.centreIds?.length === 0 || q.serviceIds?.length === 0) return [];
  let query = db
    .selectFrom('stats_ticket_cell')
    .select(TICKET_SUMS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c)))
    .where('dim', '=', q.dim)
    .where((eb) => eb.or(q.ranges.map((r) => eb.and([eb('grain', '=', r.grain), eb('period', '>=', r.from), eb('period', '<=', r.to)]))));
  if (q.centreIds) query = query.where('centre_id', 'in', [...q.centreIds]);
  if (q.serviceIds) query = query.where('service_id', 'in', [...q.serviceIds]);
  if (q.groupBy) {
    const g = groupExpr(q.groupBy);
    const rows = await query.select(g.as('group_key')).groupBy(g).execute();
    return rows.map((r) => ({ key: String((r as Record<string, unknown>).group_key), sums: ticketSumsOf(r) }));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ key: '', sums: ticketSumsOf(r) }));
}

/** Sums visit cells (visits have no service: the question must not be about one). */
export async function sumVisitCells(db: Db, q: Omit<CellQuery, 'serviceIds' | 'groupBy'> & { groupBy: Exclude<GroupColumn, 'service_id'> }): Promise<{ key: string; sums: VisitSums }[]> {
  if (q.ranges.length === 0 || q.centreIds?.length === 0) return [];
  let query = db
    .selectFrom('stats_visit_cell')
    .select(VISIT_SUMS.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c)))
    .where('dim', '=', q.dim)
    .where((eb) => eb.or(q.ranges.map((r) => eb.and([eb('grain', '=', r.grain), eb('period', '>=', r.from), eb('period', '<=', r.to)]))));
  if (q.centreIds) query = query.where('centre_id', 'in', [...q.centreIds]);
  const toSums = (r: Record<string, unknown>): VisitSums => ({
    visits: Number(r.visits ?? 0),
    servedVisits: Number(r.served_visits ?? 0),
    multiDesk: Number(r.multi_desk ?? 0),
    desks: Number(r.desks ?? 0),
  });
  if (q.groupBy) {
    const g = groupExpr(q.groupBy);
    const rows = await query.select(g.as('group_key')).groupBy(g).execute();
    return rows.map((r) => ({ key: String((r as Record<string, unknown>).group_key), sums: toSums(r) }));
  }
  return (await query.execute()).map((r) => ({ key: '', sums: toSums(r) }));
}

/** The first and last day any ticket was counted, for "since opening" figures and the period picker. */
export async function countedRange(db: Db, centreIds?: readonly string[]): Promise<{ first: string | null; last: string | null }> {
  if (centreIds?.length === 0) return { first: null, last: null };
  let q = db.selectFrom('stats_ticket_cell').select([sql<string>`min(period)`.as('first'), sql<string>`max(period)`.as('last')]).where('grain', '=', 'day').where('dim', '=', 'all');
  if (centreIds) q = q.where('centre_id', 'in', [...centreIds]);
  const row = await q.executeTakeFirst();
  return { first: row?.first ?? null, last: row?.last ?? null };
}

/** Days on which the centres (or these) received visits: the base of a daily average. */
export async function countedDays(db: Db, from: string, to: string, centreIds?: readonly string[]): Promise<number> {
  if (centreIds?.length === 0) return 0;
  let q = db
    .selectFrom('stats_visit_cell')
    .select(sql<number>`count(distinct period)`.as('days'))
    .where('grain', '=', 'day')
    .where('dim', '=', 'all')
    .where('period', '>=', from)
    .where('period', '<=', to)
    .where('visits', '>', 0);
  if (centreIds) q = q.where('centre_id', 'in', [...centreIds]);
  return Number((await q.executeTakeFirst())?.days ?? 0);
}
