/**
 * How right are wait estimates? Replays realistic CNAI days (core/simulation/history.ts: whole
 * days through a first-in-first-out queue per service with its counters, arrivals from
 * core/simulation/day.ts) and, for every ticket, asks an estimator what it would have shown at
 * issue and at every later update — each time someone ahead of it is called — from only what the
 * system knew at that moment (people ahead, counters at work and since when, recent calls and
 * finishes), then compares with the wait that followed.
 *
 *   mae_ratio   Σ |estimate − actual| ÷ Σ actual, over every estimate shown
 *   within5min  share of estimates within ±5 minutes, among those whose actual wait was under 30
 *
 * The error of an estimate of a given size (its quantiles per band) gives the range clients see
 * ("15–25 min"): `waitBands`. Pure and seeded: the same seed gives the same days and figures.
 */
import { seededRandom } from '../simulation/day.ts';
import { historyDay, type HistoryService } from '../simulation/history.ts';
import { estimateWait, expectedWaitMinutes, waitRange as rangeFrom, type QueueObservation, type RecentCall, type WaitBand } from './wait-estimate.ts';

export interface ReplayCentre {
  code: string;
  /** Visits on a replayed day (the day's volume varies ±10% around it). */
  visits: number;
  services: readonly HistoryService[];
}

export interface ReplayOptions {
  centres: readonly ReplayCentre[];
  days: number;
  seed: number;
  openMinutes?: number;
}

/** What an estimator answers: minutes until the ticket with `ahead` people before it is called. */
export type Estimator = (ahead: number, observation: QueueObservation) => number;

/** Today's estimate, as the server computed it before: (ahead + ½) × mean handling of the last 10 finished ÷ open counters. */
export const oldEstimator: Estimator = (ahead, o) =>
  expectedWaitMinutes(ahead, {
    recentHandlingMinutes: o.recent.filter((r) => r.done && r.startedAt != null).slice(0, 10).map((r) => r.finishedAt - r.startedAt!),
    expectedMinutes: o.expectedMinutes,
    openCounters: o.openCounters,
  });

/** The new one (core/queue/wait-estimate.ts estimateWait). */
export const newEstimator: Estimator = (ahead, o) => estimateWait(ahead, o);

export interface AccuracySummary {
  /** Tickets called (whose actual wait is known). */
  tickets: number;
  /** Estimates shown (at issue and at each update). */
  estimates: number;
  meanActualMinutes: number;
  maeMinutes: number;
  maeRatio: number;
  /** Share within ±5 minutes among estimates whose actual wait was under 30 minutes. */
  within5min: number;
  /** Share whose actual wait fell in the range shown (only with bands). */
  inRange: number | null;
}

class Accumulator {
  tickets = 0;
  estimates = 0;
  sumActual = 0;
  sumAbs = 0;
  under30 = 0;
  within5 = 0;
  inRange = 0;
  /** (estimate, actual) pairs kept for calibrating bands. */
  pairs: [number, number][] = [];
  constructor(
    readonly keepPairs: boolean,
    readonly bands: readonly WaitBand[] | null,
  ) {}
  add(estimate: number, actual: number) {
    this.estimates++;
    this.sumActual += actual;
    const err = Math.abs(estimate - actual);
    this.sumAbs += err;
    if (actual < 30) {
      this.under30++;
      if (err <= 5) this.within5++;
    }
    if (this.bands) {
      const [low, high] = rangeFrom(estimate, this.bands);
      if (actual >= low && actual <= high) this.inRange++;
    }
    if (this.keepPairs) this.pairs.push([estimate, actual]);
  }
  summary(): AccuracySummary {
    return {
      tickets: this.tickets,
      estimates: this.estimates,
      meanActualMinutes: this.sumActual / Math.max(1, this.estimates),
      maeMinutes: this.sumAbs / Math.max(1, this.estimates),
      maeRatio: this.sumAbs / Math.max(1e-9, this.sumActual),
      within5min: this.within5 / Math.max(1, this.under30),
      inRange: this.bands ? this.inRange / Math.max(1, this.estimates) : null,
    };
  }
}

interface ReplayTicket {
  issuedAt: number;
  calledAt: number | null;
  startedAt: number | null;
  finishedAt: number;
  done: boolean;
}

/** Every ticket of one replayed day, per service, with the counters that served it. */
function replayedServiceDays(options: ReplayOptions): { service: HistoryService; counters: number; tickets: ReplayTicket[] }[] {
  const random = seededRandom(options.seed);
  const out: { service: HistoryService; counters: number; tickets: ReplayTicket[] }[] = [];
  for (let d = 0; d < options.days; d++) {
    for (const centre of options.centres) {
      const visits = Math.round(centre.visits * (0.9 + 0.2 * random()));
      const day = historyDay(random, { visits, openMinutes: options.openMinutes ?? 600, services: centre.services });
      const byService = new Map<string, ReplayTicket[]>();
      for (const v of day)
        for (const t of v.tickets) {
          const list = byService.get(t.serviceId) ?? byService.set(t.serviceId, []).get(t.serviceId)!;
          list.push({ issuedAt: t.issuedAt, calledAt: t.calledAt, startedAt: t.startedAt, finishedAt: t.finishedAt, done: t.status === 'done' });
        }
      for (const service of centre.services) {
        const tickets = (byService.get(service.id) ?? []).sort((a, b) => a.issuedAt - b.issuedAt);
        if (tickets.length) out.push({ service, counters: concurrency(tickets), tickets });
      }
    }
  }
  return out;
}

/** The counters a service had: the most clients ever at its counters at once (they are all open all day). */
function concurrency(tickets: readonly ReplayTicket[]): number {
  const edges: [number, number][] = [];
  for (const t of tickets) if (t.calledAt != null) edges.push([t.calledAt, 1], [t.finishedAt, -1]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 1;
  for (const [, d] of edges) max = Math.max(max, (now += d));
  return max;
}

const RECENT_KEPT = 120;

/**
 * Replays the days and scores each estimator on the same estimates. `bands` (per estimator name)
 * also scores the ranges; `keepPairs` keeps every (estimate, actual) pair, for `calibrateBands`.
 */
export function replayAccuracy(
  options: ReplayOptions,
  estimators: Record<string, Estimator>,
  extra: { bands?: Record<string, readonly WaitBand[]>; keepPairs?: boolean } = {},
): Record<string, AccuracySummary & { pairs: [number, number][] }> {
  const names = Object.keys(estimators);
  const acc = new Map(names.map((n) => [n, new Accumulator(extra.keepPairs ?? false, extra.bands?.[n] ?? null)]));
  for (const { service, counters, tickets } of replayedServiceDays(options)) {
    // FIFO: tickets are called in the order they were issued; those never called (sent home) last.
    const called = tickets.filter((t) => t.calledAt != null);
    for (const a of acc.values()) a.tickets += called.length;
    const byFree = [...called].sort((a, b) => a.finishedAt - b.finishedAt);
    // Events in time order: issues and calls (a call at the same moment as an issue comes first).
    type Ev = { at: number; kind: 0 | 1; index: number };
    const events: Ev[] = [];
    tickets.forEach((t, i) => {
      events.push({ at: t.issuedAt, kind: 1, index: i });
      if (t.calledAt != null) events.push({ at: t.calledAt, kind: 0, index: i });
    });
    events.sort((a, b) => a.at - b.at || a.kind - b.kind || a.index - b.index);
    let head = 0; // first waiting ticket (index into tickets)
    let issued = 0; // tickets issued so far
    let freed = 0; // pointer into byFree
    const recent: RecentCall[] = [];
    const busy = new Set<ReplayTicket>();
    const observe = (now: number): QueueObservation => {
      while (freed < byFree.length && byFree[freed]!.finishedAt <= now) {
        const f = byFree[freed++]!;
        busy.delete(f);
        recent.unshift({ calledAt: f.calledAt!, startedAt: f.startedAt, finishedAt: f.finishedAt, done: f.done });
        if (recent.length > RECENT_KEPT) recent.pop();
      }
      return { now, expectedMinutes: service.expectedMinutes, openCounters: counters, busySince: [...busy].map((b) => b.calledAt!), recent };
    };
    const score = (now: number, from: number) => {
      const o = observe(now);
      for (let i = from; i < issued; i++) {
        const t = tickets[i]!;
        if (t.calledAt == null) continue;
        for (const n of names) acc.get(n)!.add(estimators[n]!(i - head, o), t.calledAt - now);
      }
    };
    for (const ev of events) {
      if (ev.kind === 1) {
        issued = ev.index + 1;
        score(ev.at, ev.index);
      } else {
        const t = tickets[ev.index]!;
        head = ev.index + 1;
        observe(ev.at);
        busy.add(t);
        // Everyone still waiting sees a new estimate.
        score(ev.at, head);
      }
    }
  }
  return Object.fromEntries(names.map((n) => { const a = acc.get(n)!; return [n, { ...a.summary(), pairs: a.pairs }]; }));
}

/** Upper edges of the estimate sizes whose errors are measured apart, in minutes. */
export const BAND_EDGES = [3, 7, 12, 20, 30, 45, 60, 90, 120, Infinity];

/**
 * Ranges from measured errors: for each band of estimates, the 10th and 90th percentile of the
 * actual wait minus the estimate — so about 8 in 10 actual waits fall in the range shown.
 */
export function calibrateBands(pairs: readonly [number, number][], coverage = 0.8): WaitBand[] {
  const lowQ = (1 - coverage) / 2;
  let from = 0;
  return BAND_EDGES.map((upTo) => {
    const errors = pairs.filter(([e]) => e >= from && e < upTo).map(([e, a]) => a - e).sort((x, y) => x - y);
    from = upTo;
    const q = (p: number) => (errors.length ? errors[Math.min(errors.length - 1, Math.floor(p * errors.length))]! : 0);
    return { upTo, below: Math.round(q(lowQ) * 10) / 10, above: Math.round(q(1 - lowQ) * 10) / 10, samples: errors.length };
  });
}
