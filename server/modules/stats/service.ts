/**
 * Statistics: the figures a manager, an analyst or an agency reads, from the cells. Every question
 * first folds what is new in the event log of the centres it covers, so this morning's figures are
 * current to the last finished ticket.
 */
import { countryName } from '../../../core/countries.ts';
import { languageInfo } from '../../../core/languages.ts';
import { DIMENSIONS, type CellDimension, type Dimension } from '../../../core/stats/facts.ts';
import { addTicketSums, emptyTicketSums, ticketFigures, visitFigures, type TicketSums, type VisitSums } from '../../../core/stats/measures.ts';
import { daysBetween, periodLabel, previousPeriod, splitByMonths, type TimeBreakdown } from '../../../core/stats/periods.ts';
import type { Breakdown, StatsResult, StatsRow } from '../../../core/stats/questions.ts';
import type { AppContext } from '../../context.ts';
import { fieldError } from '../../http/errors.ts';
import { foldPending } from './fold.ts';
import { sumTicketCells, sumVisitCells, type GroupColumn, type PeriodRange } from './store.ts';

export { BREAKDOWNS } from '../../../core/stats/questions.ts';
export type { Breakdown, StatsResult, StatsRow } from '../../../core/stats/questions.ts';

export interface StatsQuery {
  from: string;
  to: string;
  centreId?: string | undefined;
  partnerId?: string | undefined;
  serviceId?: string | undefined;
  by: Breakdown;
  compare?: boolean | undefined;
  /** Language of labels (service, partner and country names). */
  lang: string;
}

/** The longest period one question may cover: years of history, still a handful of month cells. */
export const MAX_DAYS = 366 * 30;

interface Names {
  centres: Map<string, string>;
  services: Map<string, { name: string; partnerId: string; centreId: string }>;
  partners: Map<string, string>;
}

const pick = (text: Record<string, string>, lang: string) => text[lang] ?? text.en ?? text['pt-PT'] ?? Object.values(text)[0] ?? '';

async function names(ctx: AppContext, lang: string): Promise<Names> {
  const [centres, services, partners] = await Promise.all([
    ctx.db.selectFrom('centre').select(['id', 'name']).execute(),
    ctx.db.selectFrom('service').innerJoin('desk', 'desk.id', 'service.desk_id').select(['service.id', 'service.name', 'service.centre_id', 'desk.partner_id']).execute(),
    ctx.db.selectFrom('partner').select(['id', 'name']).execute(),
  ]);
  return {
    centres: new Map(centres.map((c) => [c.id, c.name])),
    services: new Map(services.map((s) => [s.id, { name: pick(JSON.parse(s.name), lang), partnerId: s.partner_id, centreId: s.centre_id }])),
    partners: new Map(partners.map((p) => [p.id, pick(JSON.parse(p.name), lang)])),
  };
}

/** Which cells answer a question: month cells for whole months, day cells for loose days; hours for the day's profile. */
function rangesFor(from: string, to: string, by: Breakdown): PeriodRange[] {
  if (by === 'hour') return [{ grain: 'hour', from: `${from}T00`, to: `${to}T23` }];
  if (by === 'day' || by === 'week' || by === 'weekday') return [{ grain: 'day', from, to }];
  const { months, days } = splitByMonths(from, to);
  return [...(months ? [{ grain: 'month' as const, from: months[0], to: months[1] }] : []), ...days.map(([f, t]) => ({ grain: 'day' as const, from: f, to: t }))];
}

function groupColumn(by: Breakdown): GroupColumn {
  if ((DIMENSIONS as readonly string[]).includes(by)) return 'value';
  switch (by) {
    case 'centre':
      return 'centre_id';
    case 'partner':
    case 'service':
      return 'service_id';
    case 'hour':
      return 'hour';
    case 'total':
      return null;
    default:
      return 'period';
  }
}

/** The label a grouped key is shown under (a month cell's key is already a month). */
function regroup(by: Breakdown, key: string, n: Names): string {
  if (by === 'partner') return n.services.get(key)?.partnerId ?? key;
  if (by === 'day' || by === 'week' || by === 'month' || by === 'year' || by === 'weekday') {
    if (key.length === 7) return by === 'year' ? key.slice(0, 4) : key; // a month cell
    return periodLabel(key, by as Exclude<TimeBreakdown, 'hour'>);
  }
  return key;
}

function labelOf(by: Breakdown, key: string, n: Names, lang: string): string {
  switch (by) {
    case 'centre':
      return n.centres.get(key) ?? key;
    case 'partner':
      return n.partners.get(key) ?? key;
    case 'service':
      return n.services.get(key)?.name ?? key;
    case 'language':
      return languageInfo(key)?.endonym ?? key;
    case 'nationality':
      return key === 'unknown' ? key : countryName(key, lang);
    default:
      return key;
  }
}

async function answer(ctx: AppContext, q: StatsQuery, from: string, to: string, n: Names): Promise<{ rows: StatsRow[]; total: StatsRow }> {
  const ranges = rangesFor(from, to, q.by);
  const dim: CellDimension = (DIMENSIONS as readonly string[]).includes(q.by) ? (q.by as Dimension) : 'all';
  const centreIds = q.centreId ? [q.centreId] : undefined;
  const serviceIds = q.serviceId || q.partnerId ? [...n.services].filter(([id, s]) => (!q.serviceId || id === q.serviceId) && (!q.partnerId || s.partnerId === q.partnerId)).map(([id]) => id) : undefined;
  const group = groupColumn(q.by);
  const aboutVisits = !serviceIds && q.by !== 'partner' && q.by !== 'service';

  const [ticketRows, totalTickets, visitRows, totalVisits] = await Promise.all([
    group ? sumTicketCells(ctx.db, { ranges, dim, centreIds, serviceIds, groupBy: group }) : Promise.resolve([]),
    sumTicketCells(ctx.db, { ranges: rangesFor(from, to, 'total'), dim: 'all', centreIds, serviceIds, groupBy: null }),
    aboutVisits && group ? sumVisitCells(ctx.db, { ranges, dim, centreIds, groupBy: group as Exclude<GroupColumn, 'service_id'> }) : Promise.resolve([]),
    aboutVisits ? sumVisitCells(ctx.db, { ranges: rangesFor(from, to, 'total'), dim: 'all', centreIds, groupBy: null }) : Promise.resolve([]),
  ]);

  const byKey = new Map<string, { t: TicketSums; v: VisitSums | null }>();
  for (const r of ticketRows) {
    const key = regroup(q.by, r.key, n);
    const entry = byKey.get(key) ?? { t: emptyTicketSums(), v: aboutVisits ? { visits: 0, servedVisits: 0, multiDesk: 0, desks: 0 } : null };
    addTicketSums(entry.t, r.sums);
    byKey.set(key, entry);
  }
  for (const r of visitRows) {
    const key = regroup(q.by, r.key, n);
    const entry = byKey.get(key) ?? { t: emptyTicketSums(), v: { visits: 0, servedVisits: 0, multiDesk: 0, desks: 0 } };
    const v = entry.v!;
    v.visits += r.sums.visits;
    v.servedVisits += r.sums.servedVisits;
    v.multiDesk += r.sums.multiDesk;
    v.desks += r.sums.desks;
    byKey.set(key, entry);
  }
  const timeOrdered = ['hour', 'weekday', 'day', 'week', 'month', 'year'].includes(q.by);
  const rows = [...byKey]
    .map(([key, { t, v }]) => ({ key, label: labelOf(q.by, key, n, q.lang), tickets: ticketFigures(t), visits: v ? visitFigures(v) : null }))
    .sort((a, b) => (timeOrdered ? (a.key < b.key ? -1 : 1) : b.tickets.tickets - a.tickets.tickets || (a.label < b.label ? -1 : 1)));
  const total: StatsRow = {
    key: 'total',
    label: 'total',
    tickets: ticketFigures(totalTickets[0]?.sums ?? emptyTicketSums()),
    visits: aboutVisits ? visitFigures(totalVisits[0]?.sums ?? { visits: 0, servedVisits: 0, multiDesk: 0, desks: 0 }) : null,
  };
  return { rows, total };
}

export function checkPeriod(from: string, to: string): void {
  if (to < from) throw fieldError('to', 'period_reversed');
  if (daysBetween(from, to) > MAX_DAYS) throw fieldError('from', 'period_too_long');
}

/** Answers one statistics question (and the same for the previous period, when asked). */
export async function statistics(ctx: AppContext, q: StatsQuery): Promise<StatsResult> {
  checkPeriod(q.from, q.to);
  await foldPending(ctx, q.centreId ? [q.centreId] : undefined);
  const n = await names(ctx, q.lang);
  const now = await answer(ctx, q, q.from, q.to, n);
  let previous: StatsResult['previous'] = null;
  if (q.compare) {
    const p = previousPeriod(q.from, q.to);
    previous = { ...p, ...(await answer(ctx, q, p.from, p.to, n)) };
  }
  return { from: q.from, to: q.to, by: q.by, ...now, previous };
}
