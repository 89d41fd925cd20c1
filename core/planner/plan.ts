/**
 * A week's staffing plan for a centre: per service, weekday and opening hour, the forecast
 * arrivals, the counters recommended by Erlang C and (patience known) Erlang A, the counters
 * rostered, and what clients can expect at either — with "what if" changes applied first.
 *
 * What if:
 * - adjust: a counter more or fewer for a service at one weekday and hour.
 * - openEarlier: the centre opens an hour before its first open hour each day. Nobody has come
 *   at that hour before, so the model assumes the people who now queue for the first hour spread
 *   over the two: the first hour's forecast is split evenly between them, with the first hour's
 *   rostered counters at both. The day's total demand is unchanged.
 * Known demand: appointments already booked in the planned week. An hour's clients are at least
 * those booked (arrivals = max(forecast, booked)), and its appointments at least the booked ones
 * (max(booked, s·arrivals)); the rest walk in.
 *
 * - appointmentShare s: a share of clients book instead of walking in. Walk-ins (1 − s)·λ queue
 *   as before; appointments arrive on schedule and take s·λ·AHT/3600 erlangs of counter time off
 *   the top: to walk-ins each counter is free a share 1 − u of the time (u = booked load per
 *   counter), as if it served them 1/(1 − u) times slower. A simple, monotone approximation of a
 *   priority queue with scheduled arrivals.
 */
import { erlangA, erlangC, fewestCounters, meetsTarget, type QueueResult, type StaffingTarget } from './erlang.ts';
import type { WeekForecast } from './forecast.ts';

export interface PlanService {
  id: string;
  /** Counters assigned to the service at the centre (counter_service). */
  rostered: number;
  /** The service's configured minutes per client, used when no handling time is known yet. */
  expectedMinutes: number;
}

export interface WhatIf {
  adjust?: readonly { serviceId: string; weekday: number; hour: number; delta: number }[];
  openEarlier?: boolean;
  /** 0 ≤ share < 1. */
  appointmentShare?: number;
}

export interface PlanOutlook {
  counters: number;
  model: 'erlang-a' | 'erlang-c';
  /** False when the queue grows without bound (Erlang C at or beyond full load): no finite wait. */
  stable: boolean;
  pWait: number;
  pAbandon: number;
  /** Share of walk-in arrivals called within the target's time. */
  serviceLevel: number;
  meanWaitSeconds: number | null;
  occupancy: number;
  meetsTarget: boolean;
}

/** Appointments already booked in the planned week: per service id, 7 × 24 counts (index (weekday − 1) · 24 + hour). */
export type BookedWeek = ReadonlyMap<string, ArrayLike<number>>;

export interface PlanHour {
  weekday: number;
  hour: number;
  /** Forecast clients this hour (walk-ins and appointments), at least those already booked. */
  arrivals: number;
  /** Appointments already booked for this hour. */
  booked: number;
  walkIns: number;
  /** Erlangs of booked counter time. */
  appointmentLoad: number;
  erlangC: number;
  erlangA: number | null;
  /** Erlang A's count where patience is known, Erlang C's otherwise. */
  recommended: number;
  rostered: number;
  atRostered: PlanOutlook;
  atRecommended: PlanOutlook;
  /** True for the hour added by "open an hour earlier". */
  added: boolean;
}

export interface ServicePlan {
  serviceId: string;
  meanHandlingSeconds: number;
  /** False when the handling time is the service's configured minutes (no history yet). */
  handlingFromHistory: boolean;
  patienceSeconds: number | null;
  hours: PlanHour[];
}

interface Load {
  walkInsPerHour: number;
  appointmentLoad: number;
  aht: number;
  patience: number | null;
}

function raw(load: Load, counters: number, within: number): QueueResult {
  const l = { arrivalsPerHour: load.walkInsPerHour, meanHandlingSeconds: load.aht };
  return load.patience === null ? erlangC(l, counters, within) : erlangA({ ...l, patienceSeconds: load.patience }, counters, within);
}

/**
 * What walk-ins can expect at `counters` counters when appointments take `appointmentLoad`
 * erlangs of their time: each counter is free for walk-ins a share 1 − u of the time (u = that
 * load ÷ counters), which to a walk-in looks like a counter working 1/(1 − u) times slower.
 */
export function outlookAt(load: Load, counters: number, target: StaffingTarget): PlanOutlook {
  const within = target.kind === 'service-level' ? target.withinSeconds : target.maxSeconds;
  const model = load.patience === null ? 'erlang-c' : 'erlang-a';
  const unstable: PlanOutlook = { counters, model, stable: false, pWait: 1, pAbandon: 0, serviceLevel: 0, meanWaitSeconds: null, occupancy: 1, meetsTarget: false };
  if (load.appointmentLoad > 0 && counters <= load.appointmentLoad) return unstable;
  const booked = counters > 0 ? load.appointmentLoad / counters : 0;
  const r = raw({ ...load, aht: load.aht / (1 - booked) }, counters, within);
  if (!r.stable) return unstable;
  const walkLoad = (load.walkInsPerHour / 3600) * load.aht;
  return {
    counters,
    model,
    stable: true,
    pWait: r.pWait,
    pAbandon: r.pAbandon,
    serviceLevel: r.serviceLevel,
    meanWaitSeconds: r.meanWaitSeconds,
    occupancy: counters > 0 ? Math.min(1, (walkLoad * (1 - r.pAbandon) + load.appointmentLoad) / counters) : 0,
    meetsTarget: meetsTarget(r, target),
  };
}

/** The fewest counters meeting the target for this load (by the model its patience selects). */
export function fewestFor(load: Load, target: StaffingTarget): number {
  const base = fewestCounters(
    { arrivalsPerHour: load.walkInsPerHour, meanHandlingSeconds: load.aht, ...(load.patience === null ? {} : { patienceSeconds: load.patience }) },
    target,
  ).counters;
  if (load.appointmentLoad === 0) return base;
  for (let c = Math.max(base, Math.floor(load.appointmentLoad) + 1); ; c++) if (outlookAt(load, c, target).meetsTarget) return c;
}

/**
 * The plan for each service over the week's opening hours: `openingHours[weekday]` (1 = Monday)
 * where the centre's configuration gives them, else the hours the history shows it open. Tickets
 * issued outside them (a follow-on ticket after closing) are not staffed for.
 */
export function planWeek(
  forecast: WeekForecast,
  services: readonly PlanService[],
  target: StaffingTarget,
  whatIf: WhatIf = {},
  openingHours: readonly (readonly number[] | null | undefined)[] = [],
  bookedWeek: BookedWeek = new Map(),
): ServicePlan[] {
  const share = whatIf.appointmentShare ?? 0;
  if (!(share >= 0 && share < 1)) throw new RangeError(`appointment share must be at least 0 and below 1, got ${share}`);
  const byId = new Map(forecast.services.map((s) => [s.serviceId, s]));
  const hoursOf = new Map<number, number[]>();
  for (let weekday = 1; weekday <= 7; weekday++) {
    const hours: number[] = [];
    const configured = openingHours[weekday];
    for (let h = 0; h < 24; h++) if (configured ? configured.includes(h) : forecast.openSlots[(weekday - 1) * 24 + h]) hours.push(h);
    if (hours.length) hoursOf.set(weekday, hours);
  }
  const adjustments = new Map<string, number>();
  for (const a of whatIf.adjust ?? []) {
    const key = `${a.serviceId}|${a.weekday}|${a.hour}`;
    adjustments.set(key, (adjustments.get(key) ?? 0) + a.delta);
  }
  return services.map((service) => {
    const f = byId.get(service.id);
    const aht = f?.meanHandlingSeconds ?? service.expectedMinutes * 60;
    const patience = f?.patienceSeconds ?? null;
    const hours: PlanHour[] = [];
    for (const [weekday, open] of hoursOf) {
      const first = open[0]!;
      const slots: { hour: number; arrivals: number; added: boolean }[] = open.map((hour) => ({ hour, arrivals: f?.arrivals[(weekday - 1) * 24 + hour] ?? 0, added: false }));
      if (whatIf.openEarlier && first > 0) {
        const half = slots[0]!.arrivals / 2;
        slots[0]!.arrivals = half;
        slots.unshift({ hour: first - 1, arrivals: half, added: true });
      }
      for (const s of slots) {
        const booked = s.added ? 0 : (bookedWeek.get(service.id)?.[(weekday - 1) * 24 + s.hour] ?? 0);
        const arrivals = Math.max(s.arrivals, booked);
        const appointments = Math.max(booked, arrivals * share);
        const walkIns = arrivals - appointments;
        const load: Load = { walkInsPerHour: walkIns, appointmentLoad: (appointments * aht) / 3600, aht, patience };
        const byC = fewestFor({ ...load, patience: null }, target);
        const byA = patience === null ? null : fewestFor(load, target);
        const recommended = byA ?? byC;
        const rostered = Math.max(0, service.rostered + (adjustments.get(`${service.id}|${weekday}|${s.hour}`) ?? 0));
        hours.push({
          weekday,
          hour: s.hour,
          arrivals,
          booked,
          walkIns,
          appointmentLoad: load.appointmentLoad,
          erlangC: byC,
          erlangA: byA,
          recommended,
          rostered,
          atRostered: outlookAt(load, rostered, target),
          atRecommended: outlookAt(load, recommended, target),
          added: s.added,
        });
      }
    }
    return { serviceId: service.id, meanHandlingSeconds: aht, handlingFromHistory: f?.meanHandlingSeconds != null, patienceSeconds: patience, hours };
  });
}
