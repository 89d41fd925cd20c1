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
 * - appointmentShare s: a share of clients book instead of walking in. Walk-ins (1 − s)·λ queue
 *   as before; appointments arrive on schedule and take s·λ·AHT/3600 erlangs of counter time off
 *   the top. Walk-ins then see c − that many counters — a fractional number, so their measures
 *   are interpolated linearly between the whole numbers either side (unstable if the lower one
 *   is), the usual treatment of fractional servers.
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

export interface PlanHour {
  weekday: number;
  hour: number;
  /** Forecast clients this hour (walk-ins and appointments). */
  arrivals: number;
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

/** What walk-ins can expect at `counters` counters with the appointments' time taken off. */
export function outlookAt(load: Load, counters: number, target: StaffingTarget): PlanOutlook {
  const within = target.kind === 'service-level' ? target.withinSeconds : target.maxSeconds;
  const model = load.patience === null ? 'erlang-c' : 'erlang-a';
  const effective = Math.max(0, counters - load.appointmentLoad);
  const lo = Math.floor(effective + 1e-9);
  const frac = effective - lo > 1e-9 ? effective - lo : 0;
  const a = raw(load, lo, within);
  const b = frac > 0 ? raw(load, lo + 1, within) : a;
  const walkLoad = (load.walkInsPerHour / 3600) * load.aht;
  if (!a.stable || !b.stable) {
    return { counters, model, stable: false, pWait: 1, pAbandon: 0, serviceLevel: 0, meanWaitSeconds: null, occupancy: 1, meetsTarget: false };
  }
  const mix = (x: number, y: number) => x + (y - x) * frac;
  const pAbandon = mix(a.pAbandon, b.pAbandon);
  const meanWait = mix(a.meanWaitSeconds, b.meanWaitSeconds);
  const serviceLevel = mix(a.serviceLevel, b.serviceLevel);
  const busy = walkLoad * (1 - pAbandon) + load.appointmentLoad;
  const outlook: PlanOutlook = {
    counters,
    model,
    stable: true,
    pWait: mix(a.pWait, b.pWait),
    pAbandon,
    serviceLevel,
    meanWaitSeconds: meanWait,
    occupancy: counters > 0 ? Math.min(1, busy / counters) : 0,
    meetsTarget: false,
  };
  outlook.meetsTarget = (counters >= load.appointmentLoad || load.appointmentLoad === 0) && meetsTarget({ ...a, stable: true, serviceLevel, meanWaitSeconds: meanWait, asaSeconds: null }, target);
  return outlook;
}

/** The fewest counters meeting the target for this load (by the model its patience selects). */
export function fewestFor(load: Load, target: StaffingTarget): number {
  const base = fewestCounters(
    { arrivalsPerHour: load.walkInsPerHour, meanHandlingSeconds: load.aht, ...(load.patience === null ? {} : { patienceSeconds: load.patience }) },
    target,
  ).counters;
  if (load.appointmentLoad === 0) return base;
  for (let c = Math.max(base, Math.ceil(load.appointmentLoad - 1e-9)); ; c++) if (outlookAt(load, c, target).meetsTarget) return c;
}

export function planWeek(forecast: WeekForecast, services: readonly PlanService[], target: StaffingTarget, whatIf: WhatIf = {}): ServicePlan[] {
  const share = whatIf.appointmentShare ?? 0;
  if (!(share >= 0 && share < 1)) throw new RangeError(`appointment share must be at least 0 and below 1, got ${share}`);
  const byId = new Map(forecast.services.map((s) => [s.serviceId, s]));
  // Opening hours per weekday: the slots the centre has been open in.
  const hoursOf = new Map<number, number[]>();
  for (let weekday = 1; weekday <= 7; weekday++) {
    const hours: number[] = [];
    for (let h = 0; h < 24; h++) if (forecast.openSlots[(weekday - 1) * 24 + h]) hours.push(h);
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
        const walkIns = s.arrivals * (1 - share);
        const load: Load = { walkInsPerHour: walkIns, appointmentLoad: (s.arrivals * share * aht) / 3600, aht, patience };
        const byC = fewestFor({ ...load, patience: null }, target);
        const byA = patience === null ? null : fewestFor(load, target);
        const recommended = byA ?? byC;
        const rostered = Math.max(0, service.rostered + (adjustments.get(`${service.id}|${weekday}|${s.hour}`) ?? 0));
        hours.push({
          weekday,
          hour: s.hour,
          arrivals: s.arrivals,
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
