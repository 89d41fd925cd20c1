/**
 * Forecasting a centre's coming week from its own past, per service × weekday × hour: how many
 * clients will arrive, how long each takes at the counter, and how long people wait before they
 * give up. Pure: the input is the statistics' hour cells (local calendar of the centre).
 *
 * Arrivals — for Monday 09:00 of a service, the weighted mean of the tickets issued on the
 *   Mondays 09:00 of the last `weeks` weeks, weight 2^(−age / halfLifeWeeks) (the week just gone
 *   weighs most). A day on which the whole centre issued nothing although that weekday is
 *   normally open (more than half of its dates had tickets) is a closure or a holiday and is left
 *   out, rather than pulling the forecast towards zero; an open day on which one service had
 *   nothing at an hour counts as zero for it.
 * Handling — mean seconds from start to finish of the tickets served (handle_sum_s ÷ handled),
 *   per service, over the same weeks. Erlang models only need the mean.
 * Patience — exponential patience: with abandonment rate θ, each waiting client is "at risk" of
 *   leaving for the time they wait, so the expected abandonments of an hour are θ × its total
 *   waiting time (the maximum-likelihood θ̂ of one group is abandonments ÷ waiting time).
 *   Abandonments are the no-shows (called, not there). Some no-shows have nothing to do with
 *   patience, though — a client who missed the call or came for nothing leaves at any wait — and
 *   with short waits they dominate (2% of a centre's clients would read as a patience of
 *   seconds). So the no-shows of each hour cell are fitted as p₀ × called + θ × waiting seconds by
 *   least squares over the cells (p₀ the baseline share, θ the patience rate; the plain ratio
 *   when p₀ comes out negative), and patience = 1/θ̂. The waiting time counted is every called
 *   ticket's wait to its call, no-shows included, who left somewhere before: it overstates the
 *   exposure a little, and the patience with it — erring towards more counters in Erlang A.
 *   Unknown (null: Erlang C) below MIN_ABANDONMENTS no-shows or when θ̂ ≤ 0.
 * Backtest — WAPE (Σ|forecast − actual| ÷ Σ actual, over service-hours) of each of the last 8
 *   weeks forecast from the weeks before it. Why WAPE, not MAPE: most service-hours of a small
 *   desk see 0–5 clients, where a percentage error is undefined (0 actual) or explodes (1
 *   forecast vs 2 actual is 50%); WAPE weights each hour by its volume, which is what staffing
 *   cares about, and equals MAPE weighted by actuals.
 */
import { addDays, isoWeekday } from '../stats/periods.ts';

/** One service's tickets in one local hour of one day (a statistics hour cell). */
export interface HourCell {
  serviceId: string;
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Local hour, 0–23. */
  hour: number;
  tickets: number;
  noShow: number;
  /** Called tickets (their wait is known), and the sum of their waits. */
  waited: number;
  waitSumS: number;
  /** Served tickets with a known handling time, and its sum. */
  handled: number;
  handleSumS: number;
}

export interface ForecastOptions {
  /** Weeks of history each forecast is made from (default 8). */
  weeks?: number;
  /** Age in weeks at which a week weighs half as much as last week (default 4). */
  halfLifeWeeks?: number;
}

export const DEFAULT_WEEKS = 8;
export const DEFAULT_HALF_LIFE_WEEKS = 4;
export const BACKTEST_WEEKS = 8;
/** Fewer no-shows than this say too little about patience: Erlang C is used instead of A. */
export const MIN_ABANDONMENTS = 20;

/** Index of a weekday (1 = Monday … 7 = Sunday) and hour in a week's 168 slots. */
export const slot = (weekday: number, hour: number) => (weekday - 1) * 24 + hour;

export interface ServiceForecast {
  serviceId: string;
  /** Forecast arrivals per hour, 168 slots (see `slot`). */
  arrivals: number[];
  /** Mean handling seconds; null when nothing was served in the window. */
  meanHandlingSeconds: number | null;
  handled: number;
  /** Exponential patience in seconds; null when fewer than MIN_ABANDONMENTS no-shows tell it. */
  patienceSeconds: number | null;
  abandonments: number;
  waitingSeconds: number;
  /** Share of called clients who are not there whatever their wait (the fit's p₀). */
  baselineNoShowShare: number;
}

/** Sums for the least-squares fit of no-shows = p₀·called + θ·waiting seconds, through the origin. */
interface PatienceFit {
  xx: number;
  xw: number;
  ww: number;
  xy: number;
  wy: number;
}

function solvePatience(f: PatienceFit, abandonments: number, waitingSeconds: number): { patience: number | null; baseline: number } {
  if (abandonments < MIN_ABANDONMENTS || waitingSeconds <= 0) return { patience: null, baseline: 0 };
  const det = f.xx * f.ww - f.xw * f.xw;
  let p0 = 0;
  let theta = abandonments / waitingSeconds;
  if (det > 1e-9 * f.xx * f.ww) {
    p0 = (f.xy * f.ww - f.xw * f.wy) / det;
    theta = (f.xx * f.wy - f.xw * f.xy) / det;
    if (p0 < 0) {
      p0 = 0;
      theta = abandonments / waitingSeconds;
    }
  }
  return { patience: theta > 0 ? 1 / theta : null, baseline: Math.max(0, p0) };
}

export interface WeekForecast {
  /** The Monday of the forecast week. */
  weekStart: string;
  /** Weeks of the window with at least one open day. */
  weeksOfHistory: number;
  /** Dates in the window taken for closures or holidays and left out. */
  closedDays: string[];
  /** Slots the centre is open in: tickets of any service on at least half of that weekday's open days. */
  openSlots: boolean[];
  services: ServiceForecast[];
}

interface Index {
  /** serviceId → date → hour → cell */
  byService: Map<string, Map<string, Map<number, HourCell>>>;
  /** date → tickets of the whole centre */
  dayTotals: Map<string, number>;
}

function index(cells: readonly HourCell[]): Index {
  const byService = new Map<string, Map<string, Map<number, HourCell>>>();
  const dayTotals = new Map<string, number>();
  for (const c of cells) {
    let days = byService.get(c.serviceId);
    if (!days) byService.set(c.serviceId, (days = new Map()));
    let hours = days.get(c.date);
    if (!hours) days.set(c.date, (hours = new Map()));
    hours.set(c.hour, c);
    dayTotals.set(c.date, (dayTotals.get(c.date) ?? 0) + c.tickets);
  }
  return { byService, dayTotals };
}

/** Dates of the window [weekStart − weeks·7, weekStart − 1] with their age in weeks (1 = last week). */
function windowDays(weekStart: string, weeks: number): { date: string; age: number; weekday: number }[] {
  const out: { date: string; age: number; weekday: number }[] = [];
  for (let age = 1; age <= weeks; age++) {
    for (let d = 0; d < 7; d++) {
      const date = addDays(weekStart, -7 * age + d);
      out.push({ date, age, weekday: isoWeekday(date) });
    }
  }
  return out;
}

/**
 * Which days of the window count: a day with tickets always; a day without any at a weekday that
 * had tickets on more than half of its dates is a closure (left out); a day without any at a
 * weekday normally closed is simply closed (nothing to forecast from it either way).
 */
function openDays(days: ReturnType<typeof windowDays>, dayTotals: Map<string, number>, firstDate: string | null) {
  const known = days.filter((d) => firstDate !== null && d.date >= firstDate);
  const open = known.filter((d) => (dayTotals.get(d.date) ?? 0) > 0);
  const closed: string[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const all = known.filter((d) => d.weekday === weekday);
    const withTickets = open.filter((d) => d.weekday === weekday).length;
    if (withTickets * 2 > all.length) for (const d of all) if (!(dayTotals.get(d.date)! > 0)) closed.push(d.date);
  }
  return { open, closed: closed.sort() };
}

function forecastFromIndex(ix: Index, serviceIds: readonly string[], weekStart: string, firstDate: string | null, options: ForecastOptions): WeekForecast {
  const weeks = options.weeks ?? DEFAULT_WEEKS;
  const halfLife = options.halfLifeWeeks ?? DEFAULT_HALF_LIFE_WEEKS;
  const { open, closed } = openDays(windowDays(weekStart, weeks), ix.dayTotals, firstDate);
  const weightOf = (age: number) => Math.pow(2, -(age - 1) / halfLife);
  // Sum of weights per weekday over its open days: each slot's forecast is a weighted mean over them.
  const weekdayWeight = new Array<number>(8).fill(0);
  for (const d of open) weekdayWeight[d.weekday]! += weightOf(d.age);
  const openDaysOf = new Array<number>(8).fill(0);
  for (const d of open) openDaysOf[d.weekday]!++;
  // The centre's hours: slots with tickets on at least half of their weekday's open days, so a
  // follow-on ticket issued once after closing does not add an hour to staff.
  const seen = new Set<string>();
  const daysWithTickets = new Array<number>(168).fill(0);
  const services: ServiceForecast[] = [];
  for (const serviceId of serviceIds) {
    const arrivals = new Array<number>(168).fill(0);
    let handled = 0;
    let handleSum = 0;
    let abandonments = 0;
    let waitingSeconds = 0;
    const fit: PatienceFit = { xx: 0, xw: 0, ww: 0, xy: 0, wy: 0 };
    const days = ix.byService.get(serviceId);
    for (const d of open) {
      const hours = days?.get(d.date);
      if (!hours) continue;
      const w = weightOf(d.age) / weekdayWeight[d.weekday]!;
      for (const c of hours.values()) {
        const s = slot(d.weekday, c.hour);
        arrivals[s]! += w * c.tickets;
        if (c.tickets > 0 && !seen.has(`${d.date}|${c.hour}`)) {
          seen.add(`${d.date}|${c.hour}`);
          daysWithTickets[s]!++;
        }
        handled += c.handled;
        handleSum += c.handleSumS;
        abandonments += c.noShow;
        waitingSeconds += c.waitSumS;
        fit.xx += c.waited * c.waited;
        fit.xw += c.waited * c.waitSumS;
        fit.ww += c.waitSumS * c.waitSumS;
        fit.xy += c.waited * c.noShow;
        fit.wy += c.waitSumS * c.noShow;
      }
    }
    const patience = solvePatience(fit, abandonments, waitingSeconds);
    services.push({
      serviceId,
      arrivals,
      meanHandlingSeconds: handled > 0 ? handleSum / handled : null,
      handled,
      patienceSeconds: patience.patience,
      abandonments,
      waitingSeconds,
      baselineNoShowShare: patience.baseline,
    });
  }
  const openSlots = daysWithTickets.map((n, s) => n > 0 && n * 2 >= openDaysOf[Math.floor(s / 24) + 1]!);
  const weeksOfHistory = new Set(open.map((d) => d.age)).size;
  return { weekStart, weeksOfHistory, closedDays: closed, openSlots, services };
}

function firstDateOf(cells: readonly HourCell[]): string | null {
  let first: string | null = null;
  for (const c of cells) if (first === null || c.date < first) first = c.date;
  return first;
}

/**
 * The forecast for the week starting `weekStart` (a Monday) from the cells before it. Services
 * are those given (a service with no history forecasts zero), in that order. Days before the
 * first cell of the history are unknown, not closures.
 */
export function forecastWeek(cells: readonly HourCell[], serviceIds: readonly string[], weekStart: string, options: ForecastOptions = {}): WeekForecast {
  return forecastFromIndex(index(cells.filter((c) => c.date < weekStart)), serviceIds, weekStart, firstDateOf(cells), options);
}

export interface BacktestWeek {
  weekStart: string;
  /** Σ|forecast − actual| ÷ Σ actual over the service-hours of the week's open days; null without actuals. */
  wape: number | null;
  actual: number;
  forecast: number;
}

export interface Backtest {
  metric: 'wape';
  /** Over all the weeks tested together (not the mean of the weeks' errors). */
  wape: number | null;
  weeks: BacktestWeek[];
  /** Per service over all weeks tested. */
  byService: { serviceId: string; wape: number | null; actual: number }[];
}

/**
 * Forecasts each of the `weeksBack` weeks before `weekStart` from the weeks before it (as the
 * planner would have) and measures the error against what happened. Closures in the tested week
 * are left out, as the forecast leaves them out; weeks with no history before them are skipped.
 */
export function backtest(cells: readonly HourCell[], serviceIds: readonly string[], weekStart: string, options: ForecastOptions & { weeksBack?: number } = {}): Backtest {
  const ix = index(cells);
  const first = firstDateOf(cells);
  const weeksBack = options.weeksBack ?? BACKTEST_WEEKS;
  const weeks: BacktestWeek[] = [];
  const perService = new Map(serviceIds.map((id) => [id, { err: 0, actual: 0 }]));
  let errAll = 0;
  let actualAll = 0;
  for (let k = weeksBack; k >= 1; k--) {
    const start = addDays(weekStart, -7 * k);
    if (first === null || addDays(start, -1) < first) continue;
    // A forecast reads only the days of its window, all before its week: nothing later leaks in.
    const f = forecastFromIndex(ix, serviceIds, start, first, options);
    if (f.weeksOfHistory === 0) continue;
    const { open } = openDays(windowDays(addDays(start, 7), 1), ix.dayTotals, first);
    let err = 0;
    let actualSum = 0;
    let forecastSum = 0;
    for (const sf of f.services) {
      const days = ix.byService.get(sf.serviceId);
      const acc = perService.get(sf.serviceId)!;
      for (const d of open) {
        const hours = days?.get(d.date);
        for (let h = 0; h < 24; h++) {
          const s = slot(d.weekday, h);
          const actual = hours?.get(h)?.tickets ?? 0;
          const predicted = sf.arrivals[s]!;
          if (actual === 0 && predicted === 0) continue;
          const e = Math.abs(predicted - actual);
          err += e;
          actualSum += actual;
          forecastSum += predicted;
          acc.err += e;
          acc.actual += actual;
        }
      }
    }
    errAll += err;
    actualAll += actualSum;
    weeks.push({ weekStart: start, wape: actualSum > 0 ? err / actualSum : null, actual: actualSum, forecast: forecastSum });
  }
  return {
    metric: 'wape',
    wape: actualAll > 0 ? errAll / actualAll : null,
    weeks,
    byService: [...perService].map(([serviceId, a]) => ({ serviceId, wape: a.actual > 0 ? a.err / a.actual : null, actual: a.actual })),
  };
}
