/**
 * A realistic past for demos, benchmarks and the planner: whole days of a centre, each a real
 * first-in-first-out queue per service with its counters, from the figures in docs/domain.md —
 * morning peaks, lognormal handling, multi-desk visits, transfers, walk-outs that grow with the
 * wait, the seed's nationality mix. Pure and seeded: the same seed gives the same past.
 */
import { generateArrivals, pickWeighted, serviceMinutes } from './day.ts';

/**
 * Nationalities of CNAI users (the seed: Brazil 26.2%, Cape Verde 17.7%, Guinea-Bissau 9.9%,
 * Angola 8.0%, Ukraine 4.5%), the rest from the foreign resident population (AIMA, end of 2024),
 * each with the languages its people are served in.
 */
export const NATIONALITY_MIX: readonly (readonly [string, number, readonly string[]])[] = [
  ['BR', 26.2, ['pt-BR']],
  ['CV', 17.7, ['kea', 'pt-PT']],
  ['GW', 9.9, ['pov', 'pt-PT']],
  ['AO', 8.0, ['pt-PT']],
  ['UA', 4.5, ['uk', 'ru']],
  ['IN', 6.0, ['hi', 'en']],
  ['BD', 3.5, ['bn']],
  ['NP', 3.0, ['ne', 'en']],
  ['CN', 2.0, ['zh']],
  ['ST', 2.5, ['pt-PT']],
  ['MZ', 1.5, ['pt-PT']],
  ['RO', 1.5, ['ro']],
  ['MA', 1.5, ['ar', 'fr']],
  ['SN', 1.2, ['fr']],
  ['PK', 1.2, ['ur', 'en']],
  ['RU', 1.0, ['ru']],
  ['GB', 1.0, ['en']],
  ['VE', 1.0, ['es']],
  ['PT', 3.0, ['pt-PT']],
  ['FR', 0.8, ['fr']],
  ['US', 0.8, ['en']],
  ['ES', 0.6, ['es']],
];

export interface HistoryService {
  id: string;
  prefix: string;
  expectedMinutes: number;
  counters: number;
}

export interface HistoryTicket {
  serviceId: string;
  prefix: string;
  /** Minutes after the day's opening. */
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number;
  status: 'done' | 'no_show' | 'transferred' | 'cancelled';
}

export interface HistoryVisit {
  arrivedAt: number;
  language: string;
  nationality: string;
  /** Whether the client declared it (else it is unknown to the statistics). */
  declared: boolean;
  channel: 'pre_sorting' | 'kiosk';
  priorityReason: string | null;
  tickets: HistoryTicket[];
  /** The satisfaction survey the client answered after the visit (question code → 1 best … 4 worst), if any. */
  survey: { channel: 'phone' | 'kiosk'; answers: Record<string, number> } | null;
}

/**
 * Share of clients answering one of the two positive options, per IOM question (the IOM external
 * evaluation 2009/10: opening hours adequate 82.6%, space pleasant 80.7%, kindness 96%, mediators
 * close 97.4%).
 */
export const IOM_POSITIVE_SHARE: Record<string, number> = { 'opening-hours': 0.826, space: 0.807, kindness: 0.96, mediators: 0.974 };
/** Share of visits whose client answers the survey. */
export const SURVEY_RESPONSE_RATE = 0.08;

function surveyAnswers(random: () => number): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const [code, positive] of Object.entries(IOM_POSITIVE_SHARE)) {
    const r = random();
    answers[code] = r < positive ? (random() < 0.45 ? 1 : 2) : random() < 0.7 ? 3 : 4;
  }
  return answers;
}

export interface HistoryDayOptions {
  visits: number;
  openMinutes: number;
  services: readonly HistoryService[];
}

/** A binary min-heap of pending ticket arrivals, by time. */
class ArrivalHeap<T extends { at: number }> {
  private readonly items: T[] = [];
  get size() {
    return this.items.length;
  }
  push(item: T) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.at <= a[i]!.at) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.at < a[m]!.at) m = l;
        if (r < a.length && a[r]!.at < a[m]!.at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** Chance a client has left by the time they are called, growing with the wait (patience). */
const leftAfter = (waitMinutes: number) => 0.02 + 0.12 * (1 - Math.exp(-waitMinutes / 60));

/**
 * One day at a centre: arrivals through the day, then every ticket through its service's queue in
 * time order (each counter serves the longest-waiting client next), a served client's next desk
 * queuing the moment they leave the last. Clients still waiting an hour after closing are sent
 * home (cancelled).
 */
export function historyDay(random: () => number, options: HistoryDayOptions): HistoryVisit[] {
  const byPrefix = new Map(options.services.map((s) => [s.prefix, s]));
  const fallback = options.services[0]!;
  const hours = Math.max(1, Math.min(10, Math.round(options.openMinutes / 60)));
  const arrivals = generateArrivals(random, options.visits, hours);
  // Centres staff to their demand, but for an average hour: each service opens the counters the
  // day's mean load needs at 95% occupancy, so queues build in the morning peak and clear later.
  const demand = new Map<string, number>();
  for (const a of arrivals) for (const p of [a.firstPrefix, ...a.route]) demand.set(p, (demand.get(p) ?? 0) + 1);
  const counters = (s: HistoryService) => Math.max(1, s.counters, Math.ceil(((demand.get(s.prefix) ?? 0) * s.expectedMinutes) / (hours * 60) / 0.95));
  const free = new Map(options.services.map((s) => [s.id, new Array<number>(counters(s)).fill(0)]));
  const visits: HistoryVisit[] = [];
  type Pending = { at: number; visit: HistoryVisit; service: HistoryService; route: HistoryService[] };
  const heap = new ArrivalHeap<Pending>();
  const cutOff = options.openMinutes + 60;

  for (const a of arrivals) {
    const [nationality, , languages] = pickWeighted(random, NATIONALITY_MIX.map((n) => [n, n[1]] as const));
    const language = random() < 0.8 ? languages[0]! : (languages[1] ?? languages[0]!);
    const visit: HistoryVisit = {
      arrivedAt: a.atMinute,
      language,
      nationality,
      declared: random() < 0.7,
      channel: random() < 0.75 ? 'pre_sorting' : 'kiosk',
      priorityReason: a.priorityReason,
      tickets: [],
      survey: random() < SURVEY_RESPONSE_RATE ? { channel: random() < 0.7 ? 'phone' : 'kiosk', answers: surveyAnswers(random) } : null,
    };
    visits.push(visit);
    const first = byPrefix.get(a.firstPrefix) ?? fallback;
    const route = a.route.map((p) => byPrefix.get(p)).filter((s): s is HistoryService => s !== undefined && s !== first);
    heap.push({ at: a.atMinute, visit, service: first, route });
  }

  while (heap.size) {
    const p = heap.pop()!;
    const counters = free.get(p.service.id)!;
    let c = 0;
    for (let i = 1; i < counters.length; i++) if (counters[i]! < counters[c]!) c = i;
    const callAt = Math.max(p.at, counters[c]!);
    if (callAt > cutOff) {
      p.visit.tickets.push({ serviceId: p.service.id, prefix: p.service.prefix, issuedAt: p.at, calledAt: null, startedAt: null, finishedAt: cutOff, status: 'cancelled' });
      continue;
    }
    if (random() < leftAfter(callAt - p.at)) {
      // Called three times, then marked as not there: the counter lost two minutes.
      counters[c] = callAt + 2;
      p.visit.tickets.push({ serviceId: p.service.id, prefix: p.service.prefix, issuedAt: p.at, calledAt: callAt, startedAt: null, finishedAt: callAt + 2, status: 'no_show' });
      continue;
    }
    const startedAt = callAt + 0.5;
    const finishedAt = startedAt + serviceMinutes(random, p.service.expectedMinutes);
    counters[c] = finishedAt;
    const transfer = p.visit.tickets.length > 0 && random() < 0.03;
    p.visit.tickets.push({ serviceId: p.service.id, prefix: p.service.prefix, issuedAt: p.at, calledAt: callAt, startedAt, finishedAt, status: transfer ? 'transferred' : 'done' });
    const route = [...p.route];
    if (transfer) {
      const other = options.services[Math.floor(random() * options.services.length)]!;
      if (other !== p.service && other !== route[0]) route.unshift(other);
    }
    const next = route.shift();
    if (next) heap.push({ at: finishedAt, visit: p.visit, service: next, route });
  }
  return visits;
}

/** Fixed public holidays in Portugal (month-day): the centres are closed. */
export const FIXED_HOLIDAYS = ['01-01', '04-25', '05-01', '06-10', '08-15', '10-05', '11-01', '12-01', '12-08', '12-25'];

/** Relative volume by weekday (Monday first) and by month: Mondays are busiest, August is quiet. */
export const WEEKDAY_FACTOR = [1.15, 1.05, 1.0, 0.95, 0.85, 0.4, 0.2];
export const MONTH_FACTOR = [1.0, 1.05, 1.05, 1.0, 1.0, 0.95, 0.85, 0.7, 1.05, 1.1, 1.05, 0.85];
