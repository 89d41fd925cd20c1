/**
 * The planner: a centre's coming week forecast from its statistics' hour cells, staffed by Erlang
 * C and A against the manager's target, compared with the counters assigned today, with what-if
 * changes. Reads only; the maths is pure in core/planner.
 */
import { CSV_BOM, toCsv } from '../../../core/csv.ts';
import { backtest, BACKTEST_WEEKS, DEFAULT_HALF_LIFE_WEEKS, DEFAULT_WEEKS, forecastWeek } from '../../../core/planner/forecast.ts';
import { planWeek, type WhatIf } from '../../../core/planner/plan.ts';
import { PLAN_SEEDS, simulateWeekPlan } from '../../../core/planner/centre-simulation.ts';
import type { Adjustment, PlannedServiceResult, PlannerResult } from '../../../core/planner/api.ts';
import type { StaffingTarget } from '../../../core/planner/erlang.ts';
import { addDays, isoWeekday } from '../../../core/stats/periods.ts';
import { WEEKDAYS, type OpeningHours } from '../../../core/opening-hours.ts';
import type { AppContext } from '../../context.ts';
import { fieldError, notFound } from '../../http/errors.ts';
import { foldPending } from '../stats/fold.ts';
import { bookedPerHour, centreOf, countersWithServices, hourCells, servicesWithCounters } from './store.ts';

export interface PlannerQuery {
  centreId: string;
  /** Any day of the week to plan; the plan starts on its Monday. Default: next week. */
  weekStart?: string | undefined;
  target: StaffingTarget;
  whatIf: WhatIf;
  lang: string;
}


const pick = (text: Record<string, string>, lang: string) => text[lang] ?? text.en ?? text['pt-PT'] ?? Object.values(text)[0] ?? '';

/**
 * The whole hours a centre is open each weekday (index 1 = Monday), from its configuration: an
 * hour counts when any opening period overlaps it. A day open 16 hours or more (the demo's
 * round-the-clock centre) says nothing about staffing: null, and the plan uses the hours the
 * history shows.
 */
export function configuredHours(hours: OpeningHours): (number[] | null)[] {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return [null, ...WEEKDAYS.map((day) => {
    const periods = (hours[day] ?? []).map((p) => [minutes(p.open), p.close === '24:00' || p.close === '23:59' ? 1440 : minutes(p.close)] as const);
    if (periods.reduce((n, [a, b]) => n + b - a, 0) >= 16 * 60) return null;
    return Array.from({ length: 24 }, (_, h) => h).filter((h) => periods.some(([a, b]) => a < (h + 1) * 60 && b > h * 60));
  })];
}

/** The Monday of the week a local date falls in. */
export const mondayOf = (date: string) => addDays(date, 1 - isoWeekday(date));

export async function plan(ctx: AppContext, q: PlannerQuery): Promise<PlannerResult> {
  const centre = await centreOf(ctx.db, q.centreId);
  if (!centre) throw notFound('centre_not_found');
  const weekStart = mondayOf(q.weekStart ?? addDays(ctx.now().toISOString().slice(0, 10), 7));
  const services = await servicesWithCounters(ctx.db, centre.id);
  const ids = new Set(services.map((s) => s.id));
  for (const a of q.whatIf.adjust ?? []) if (!ids.has(a.serviceId)) throw fieldError('adjust', 'invalid_choice');
  // Tickets finished since the last fold count too.
  await foldPending(ctx, [centre.id]);
  const from = addDays(weekStart, -7 * (DEFAULT_WEEKS + BACKTEST_WEEKS));
  const cells = await hourCells(ctx.db, centre.id, from, addDays(weekStart, -1));
  const serviceIds = services.map((s) => s.id);
  const forecast = forecastWeek(cells, serviceIds, weekStart);
  const tested = backtest(cells, serviceIds, weekStart);
  const plans = planWeek(
    forecast,
    services.map((s) => ({ id: s.id, rostered: s.counters, expectedMinutes: s.expectedMinutes })),
    q.target,
    q.whatIf,
    configuredHours(JSON.parse(centre.opening_hours) as OpeningHours),
    // Appointments already booked for the week are known demand.
    await bookedPerHour(ctx.db, centre.id, weekStart, addDays(weekStart, 6)),
  );
  // Erlang counts a counter once for every service it serves; the simulated day counts it once.
  const shared = simulateWeekPlan(plans, await countersWithServices(ctx.db, centre.id), q.target, q.whatIf.adjust ?? []);
  const wapeOf = new Map(tested.byService.map((b) => [b.serviceId, b.wape]));
  const result: PlannedServiceResult[] = services.map((s, i) => ({
    id: s.id,
    code: s.code,
    name: pick(JSON.parse(s.name) as Record<string, string>, q.lang),
    partnerId: s.partnerId,
    rostered: s.counters,
    sharedCounters: s.sharedCounters,
    meanHandlingSeconds: plans[i]!.meanHandlingSeconds,
    handlingFromHistory: plans[i]!.handlingFromHistory,
    patienceSeconds: plans[i]!.patienceSeconds,
    backtestWape: wapeOf.get(s.id) ?? null,
    hours: plans[i]!.hours.map((h) => ({ ...h, shared: shared.get(`${s.id}|${h.weekday}|${h.hour}`) ?? null })),
  }));
  const all = result.flatMap((s) => s.hours);
  return {
    centreId: centre.id,
    centreName: centre.name,
    weekStart,
    days: Array.from({ length: 7 }, (_, d) => addDays(weekStart, d)),
    target: q.target,
    whatIf: { openEarlier: q.whatIf.openEarlier ?? false, appointmentShare: q.whatIf.appointmentShare ?? 0, adjust: [...(q.whatIf.adjust ?? [])] },
    forecast: { weeks: DEFAULT_WEEKS, halfLifeWeeks: DEFAULT_HALF_LIFE_WEEKS, weeksOfHistory: forecast.weeksOfHistory, closedDays: forecast.closedDays },
    backtest: { metric: tested.metric, wape: tested.wape, weeks: tested.weeks },
    services: result,
    sharedCounters: { replications: PLAN_SEEDS.length, hoursShort: all.filter((h) => h.shared !== null && !h.shared.meetsTarget).length },
    totals: {
      arrivals: all.reduce((n, h) => n + h.arrivals, 0),
      booked: all.reduce((n, h) => n + h.booked, 0),
      recommendedCounterHours: all.reduce((n, h) => n + h.recommended, 0),
      rosteredCounterHours: all.reduce((n, h) => n + h.rostered, 0),
      hoursShort: all.filter((h) => h.rostered < h.recommended).length,
    },
  };
}

const ADJUST = /^([0-9a-fA-F-]{36}):([1-7]):(\d{1,2}):([+-]?\d{1,2})$/;

/** "serviceId:weekday:hour:+1" → an adjustment; weekday 1 = Monday. */
export function parseAdjustments(values: readonly string[]): Adjustment[] {
  return values.map((v) => {
    const m = ADJUST.exec(v);
    if (!m || Number(m[3]) > 23) throw fieldError('adjust', 'invalid_format');
    return { serviceId: m[1]!.toLowerCase(), weekday: Number(m[2]), hour: Number(m[3]), delta: Number(m[4]) };
  });
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));
const minutes = (s: number | null) => (s === null ? null : round(s / 60, 1));

/** The staffing plan as CSV: one row per service, day and hour. */
export function planCsv(result: PlannerResult): string {
  const header = [
    'service_code',
    'service',
    'date',
    'weekday',
    'hour',
    'forecast_arrivals',
    'booked_appointments',
    'walk_ins',
    'mean_handling_min',
    'patience_min',
    'counters_erlang_c',
    'counters_erlang_a',
    'recommended',
    'rostered',
    'difference',
    'rostered_mean_wait_min',
    'rostered_service_level',
    'rostered_occupancy',
    'recommended_mean_wait_min',
    'recommended_service_level',
    'recommended_occupancy',
    'shared_counters_mean_wait_min',
    'shared_counters_service_level',
  ];
  const rows = result.services.flatMap((s) =>
    s.hours.map((h) => [
      s.code,
      s.name,
      result.days[h.weekday - 1]!,
      h.weekday,
      `${String(h.hour).padStart(2, '0')}:00`,
      round(h.arrivals, 2),
      h.booked,
      round(h.walkIns, 2),
      minutes(s.meanHandlingSeconds),
      minutes(s.patienceSeconds),
      h.erlangC,
      h.erlangA,
      h.recommended,
      h.rostered,
      h.rostered - h.recommended,
      h.atRostered.stable ? minutes(h.atRostered.meanWaitSeconds) : 'unbounded',
      round(h.atRostered.serviceLevel, 3),
      round(h.atRostered.occupancy, 3),
      minutes(h.atRecommended.meanWaitSeconds),
      round(h.atRecommended.serviceLevel, 3),
      round(h.atRecommended.occupancy, 3),
      h.shared ? minutes(h.shared.meanWaitSeconds) : null,
      h.shared ? round(h.shared.serviceLevel, 3) : null,
    ]),
  );
  return CSV_BOM + toCsv(header, rows);
}
