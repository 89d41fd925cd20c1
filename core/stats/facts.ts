/**
 * What one finished ticket and one closed visit add to the statistics. The same functions feed
 * the incremental fold (as tickets finish), the full rebuild from raw rows and the history
 * generator, so the three can never disagree.
 */
import { localTime } from '../opening-hours.ts';
import { bucketOf } from './histogram.ts';
import { addTicketSums, emptyTicketSums, type TicketSums, type VisitSums } from './measures.ts';

/** Breakdowns kept besides the total. Centre, partner and service are keys of every cell. */
export const DIMENSIONS = ['language', 'nationality', 'channel', 'priority'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** `all` is the total; hour cells are kept for the total only (the day's profile). */
export type CellDimension = 'all' | Dimension;
export type Grain = 'hour' | 'day' | 'month';

/** Value of the nationality dimension when neither a casefile nor the client said it. */
export const UNKNOWN = 'unknown';

/** A moment in the centre's own calendar: its local date and hour ("09"). */
export interface LocalHour {
  date: string;
  hour: string;
}

export function localHourOf(at: string, timeZone: string): LocalHour {
  const { date, time } = localTime(new Date(at), timeZone);
  return { date, hour: time.slice(0, 2) };
}

export interface TicketFact {
  centreId: string;
  serviceId: string;
  /** When the ticket was issued, in the centre's calendar: the cells it counts in. */
  local: LocalHour;
  status: string;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  language: string;
  nationality: string | null;
  channel: string;
  priority: string;
  targetWaitMinutes: number;
}

/** What a ticket adds to a cell: the same shape as the sums a question reads. */
export type TicketMeasures = TicketSums;

export interface VisitFact {
  centreId: string;
  /** When the visit began, in the centre's calendar. */
  local: LocalHour;
  language: string;
  nationality: string | null;
  channel: string;
  priority: string;
  /** Status of each of the visit's tickets. */
  ticketStatuses: readonly string[];
}

export type VisitMeasures = VisitSums;

export interface CellKey {
  grain: Grain;
  period: string;
  dim: CellDimension;
  value: string;
}

export const emptyTicketMeasures = emptyTicketSums;
export const emptyVisitMeasures = (): VisitMeasures => ({ visits: 0, servedVisits: 0, multiDesk: 0, desks: 0 });

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/**
 * A ticket's wait runs from when it was issued at this desk's queue (a follow-on or transferred
 * ticket from the moment it was sent on) to its first call.
 */
export function ticketMeasures(f: TicketFact): TicketMeasures {
  const m = emptyTicketMeasures();
  m.tickets = 1;
  if (f.status === 'done') m.served = 1;
  else if (f.status === 'no_show') m.noShow = 1;
  else if (f.status === 'transferred') m.transferred = 1;
  else m.cancelled = 1;
  if (f.calledAt) {
    const wait = seconds(f.issuedAt, f.calledAt);
    m.waited = 1;
    m.waitSumS = wait;
    m.withinTarget = wait <= f.targetWaitMinutes * 60 ? 1 : 0;
    m.waitHist[bucketOf(wait)] = 1;
  }
  if (f.status === 'done' && f.startedAt && f.finishedAt) {
    const handle = seconds(f.startedAt, f.finishedAt);
    m.handled = 1;
    m.handleSumS = handle;
    m.handleHist[bucketOf(handle)] = 1;
  }
  return m;
}

export function visitMeasures(f: VisitFact): VisitMeasures {
  const desks = f.ticketStatuses.filter((s) => s !== 'transferred').length;
  return { visits: 1, servedVisits: f.ticketStatuses.includes('done') ? 1 : 0, multiDesk: desks >= 2 ? 1 : 0, desks };
}

/**
 * The cells a fact counts in: its hour (total only), and its day and month for the total and
 * each breakdown. Periods are the centre's local calendar, so "Monday 9–10" means the centre's.
 */
export function cellsOf(local: LocalHour, values: Record<Dimension, string>): CellKey[] {
  const day = local.date;
  const month = day.slice(0, 7);
  const keys: CellKey[] = [
    { grain: 'hour', period: `${day}T${local.hour}`, dim: 'all', value: '' },
    { grain: 'day', period: day, dim: 'all', value: '' },
    { grain: 'month', period: month, dim: 'all', value: '' },
  ];
  for (const dim of DIMENSIONS) {
    keys.push({ grain: 'day', period: day, dim, value: values[dim] }, { grain: 'month', period: month, dim, value: values[dim] });
  }
  return keys;
}

export const dimensionValues = (f: { language: string; nationality: string | null; channel: string; priority: string }): Record<Dimension, string> => ({
  language: f.language,
  nationality: f.nationality ?? UNKNOWN,
  channel: f.channel,
  priority: f.priority,
});

export const addTicketMeasures = addTicketSums;

export function addVisitMeasures(into: VisitMeasures, m: VisitMeasures): VisitMeasures {
  into.visits += m.visits;
  into.servedVisits += m.servedVisits;
  into.multiDesk += m.multiDesk;
  into.desks += m.desks;
  return into;
}

/**
 * Collects many facts' contributions in memory, one entry per cell, so a fold or a rebuild writes
 * each cell once.
 */
export class CellAccumulator {
  readonly tickets = new Map<string, { centreId: string; serviceId: string; key: CellKey; m: TicketMeasures }>();
  readonly visits = new Map<string, { centreId: string; key: CellKey; m: VisitMeasures }>();

  addTicket(f: TicketFact): void {
    const m = ticketMeasures(f);
    const waitBucket = m.waitHist.indexOf(1);
    const handleBucket = m.handleHist.indexOf(1);
    const prefix = `${f.centreId}|${f.serviceId}|`;
    for (const key of cellsOf(f.local, dimensionValues(f))) {
      const id = prefix + key.grain + '|' + key.period + '|' + key.dim + '|' + key.value;
      let cell = this.tickets.get(id);
      if (!cell) {
        cell = { centreId: f.centreId, serviceId: f.serviceId, key, m: emptyTicketMeasures() };
        this.tickets.set(id, cell);
      }
      // Inlined addTicketMeasures: a history load adds millions of facts, each touching one bucket.
      const c = cell.m;
      c.tickets += m.tickets;
      c.served += m.served;
      c.noShow += m.noShow;
      c.transferred += m.transferred;
      c.cancelled += m.cancelled;
      c.waited += m.waited;
      c.waitSumS += m.waitSumS;
      c.withinTarget += m.withinTarget;
      c.handled += m.handled;
      c.handleSumS += m.handleSumS;
      if (waitBucket >= 0) c.waitHist[waitBucket]! += 1;
      if (handleBucket >= 0) c.handleHist[handleBucket]! += 1;
    }
  }

  addVisit(f: VisitFact): void {
    const m = visitMeasures(f);
    for (const key of cellsOf(f.local, dimensionValues(f))) {
      const id = `${f.centreId}|${key.grain}|${key.period}|${key.dim}|${key.value}`;
      const cell = this.visits.get(id);
      if (cell) addVisitMeasures(cell.m, m);
      else this.visits.set(id, { centreId: f.centreId, key, m: { ...m } });
    }
  }

  get size(): number {
    return this.tickets.size + this.visits.size;
  }
}
