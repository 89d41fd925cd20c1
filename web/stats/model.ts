/**
 * What the statistics page asks and how it reads the answer: who may widen the question, the
 * period presets, the query string shared by the JSON and CSV routes, and the figures a chart or
 * a headline card can show. Pure, so the page stays a view.
 */
import { BREAKDOWNS, type Breakdown, type StatsRow } from '../../core/stats/questions.ts';
import type { Percentile } from '../../core/stats/histogram.ts';
import { addDays, daysBetween, periodLabel } from '../../core/stats/periods.ts';

export { BREAKDOWNS, TIME_BREAKDOWNS, isTimeBreakdown } from '../../core/stats/questions.ts';
export type { Breakdown, StatsResult, StatsRow } from '../../core/stats/questions.ts';

/**
 * How far a user may widen the question. The server refuses anything wider, so the page offers
 * only what will be answered: a fixed centre or partner is sent on every request.
 */
export interface Scope {
  /** null: any centre (or the whole network); else the one centre. */
  centreId: string | null;
  partnerId: string | null;
}

export function scopeOf(user: { roles: readonly string[]; centreId: string | null; partnerId: string | null }): Scope | null {
  const has = (r: string) => user.roles.includes(r);
  // With several roles the widest wins: an analyst who also manages a centre sees the network.
  if (has('network_admin') || has('analyst')) return { centreId: null, partnerId: null };
  if (has('centre_manager') && user.centreId) return { centreId: user.centreId, partnerId: null };
  if ((has('agency_officer') || has('support_officer')) && user.centreId && user.partnerId) return { centreId: user.centreId, partnerId: user.partnerId };
  return null;
}

export const STATS_ROLES = ['centre_manager', 'analyst', 'network_admin', 'agency_officer', 'support_officer'] as const;
export const canOpenStats = (user: { roles: readonly string[]; centreId: string | null; partnerId: string | null }) => scopeOf(user) !== null;

export const PRESETS = ['today', 'week', 'month', 'lastMonth', 'year', 'last12', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** A date as YYYY-MM-DD in a time zone: "today" is the centre's today, not the browser's. */
export function localDate(at: Date, timeZone?: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
function shiftMonth(d: string, months: number): string {
  const [y, m] = d.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The days a preset covers, ending today (or with the last whole month). */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      return { from: addDays(today, -weekday), to: today };
    }
    case 'month':
      return { from: monthStart(today), to: today };
    case 'lastMonth': {
      const from = shiftMonth(today, -1);
      return { from, to: addDays(monthStart(today), -1) };
    }
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'last12':
      // Whole months (this one so far and the eleven before), so month bars compare like with like.
      return { from: shiftMonth(today, -11), to: today };
  }
}

/** The time breakdown that suits a period's length, used when a preset is picked. */
export function naturalBreakdown(from: string, to: string): Breakdown {
  const days = daysBetween(from, to);
  if (days <= 1) return 'hour';
  if (days <= 62) return 'day';
  if (days <= 366 * 2) return 'month';
  return 'year';
}

export interface Filters {
  preset: Preset;
  from: string;
  to: string;
  by: Breakdown;
  compare: boolean;
  centreId: string;
  partnerId: string;
  serviceId: string;
}

/** The query string of both /api/stats and /api/stats.csv, so the download is the table on screen. */
export function statsQuery(f: Filters, scope: Scope, lang: string): string {
  const q = new URLSearchParams({ from: f.from, to: f.to, by: f.by });
  const centreId = scope.centreId ?? f.centreId;
  const partnerId = scope.partnerId ?? f.partnerId;
  if (centreId) q.set('centreId', centreId);
  if (partnerId) q.set('partnerId', partnerId);
  if (f.serviceId) q.set('serviceId', f.serviceId);
  if (f.compare) q.set('compare', 'true');
  q.set('lang', lang);
  return q.toString();
}

/** Filters kept in the address, so a view can be bookmarked or sent to a colleague. */
export function filtersFromSearch(search: URLSearchParams, today: string): Filters {
  const preset = (PRESETS as readonly string[]).includes(search.get('period') ?? '') ? (search.get('period') as Preset) : 'month';
  const isDate = (d: string | null): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);
  const range = preset === 'custom' && isDate(search.get('from')) && isDate(search.get('to')) ? { from: search.get('from')!, to: search.get('to')! } : presetRange(preset === 'custom' ? 'month' : preset, today);
  const by = (BREAKDOWNS as readonly string[]).includes(search.get('by') ?? '') ? (search.get('by') as Breakdown) : naturalBreakdown(range.from, range.to);
  return {
    preset,
    ...range,
    by,
    compare: search.get('compare') !== '0',
    centreId: search.get('centre') ?? '',
    partnerId: search.get('partner') ?? '',
    serviceId: search.get('service') ?? '',
  };
}

export function searchOfFilters(f: Filters): string {
  const q = new URLSearchParams({ period: f.preset });
  if (f.preset === 'custom') {
    q.set('from', f.from);
    q.set('to', f.to);
  }
  q.set('by', f.by);
  if (!f.compare) q.set('compare', '0');
  if (f.centreId) q.set('centre', f.centreId);
  if (f.partnerId) q.set('partner', f.partnerId);
  if (f.serviceId) q.set('service', f.serviceId);
  return q.toString();
}

/** How a figure reads and changes: a count (change in %), minutes (change in minutes) or a share (in points). */
export type FigureKind = 'count' | 'minutes' | 'share';
export const FIGURES = ['visits', 'peopleServed', 'tickets', 'medianWait', 'p90Wait', 'meanWait', 'withinTarget', 'meanHandling', 'noShows', 'transfers', 'multiDesk'] as const;
export type Figure = (typeof FIGURES)[number];
export const FIGURE_KIND: Record<Figure, FigureKind> = {
  visits: 'count',
  peopleServed: 'count',
  tickets: 'count',
  medianWait: 'minutes',
  p90Wait: 'minutes',
  meanWait: 'minutes',
  withinTarget: 'share',
  meanHandling: 'minutes',
  noShows: 'count',
  transfers: 'count',
  multiDesk: 'count',
};
/** Figures about visits: unknown where the question is about one partner or service (a visit spans several). */
export const VISIT_FIGURES: readonly Figure[] = ['visits', 'peopleServed', 'multiDesk'];

const minutesOf = (p: Percentile | null) => (p ? p.minutes : null);

export function figureOf(row: StatsRow | undefined, figure: Figure): number | null {
  if (!row) return null;
  const t = row.tickets;
  switch (figure) {
    case 'visits':
      return row.visits?.visits ?? null;
    case 'peopleServed':
      return row.visits?.peopleServed ?? null;
    case 'multiDesk':
      return row.visits?.multiDeskVisits ?? null;
    case 'tickets':
      return t.tickets;
    case 'medianWait':
      return minutesOf(t.medianWait);
    case 'p90Wait':
      return minutesOf(t.p90Wait);
    case 'meanWait':
      return t.meanWaitMinutes;
    case 'withinTarget':
      return t.withinTargetShare;
    case 'meanHandling':
      return t.meanHandlingMinutes;
    case 'noShows':
      return t.noShows;
    case 'transfers':
      return t.transfers;
  }
}

/** A percentile in the open-ended last bucket is a lower bound ("240+ min"). */
export function isLowerBound(row: StatsRow | undefined, figure: Figure): boolean {
  if (!row) return false;
  const p = figure === 'medianWait' ? row.tickets.medianWait : figure === 'p90Wait' ? row.tickets.p90Wait : null;
  return !!p && p.high === null;
}

export interface Change {
  direction: 'up' | 'down' | 'same';
  /** Relative change for counts (0.12 = 12%), minutes for times, points (0–1) for shares; null when the previous was 0. */
  amount: number | null;
}

export function changeOf(kind: FigureKind, now: number | null, before: number | null): Change | null {
  if (now === null || before === null) return null;
  const diff = now - before;
  const direction = Math.abs(diff) < 1e-9 ? 'same' : diff > 0 ? 'up' : 'down';
  if (kind === 'count') return { direction, amount: before === 0 ? null : Math.abs(diff) / before };
  return { direction, amount: Math.abs(diff) };
}

/**
 * The keys a time breakdown has over a period, in order, so that days without a ticket show as
 * zero and the previous period lines up with this one position by position.
 */
export function timeKeys(by: Breakdown, from: string, to: string): string[] {
  if (by === 'hour') return Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  if (by === 'weekday') return ['1', '2', '3', '4', '5', '6', '7'];
  const keys: string[] = [];
  const n = Math.min(daysBetween(from, to), 366 * 30);
  for (let i = 0; i < n; i++) {
    const key = periodLabel(addDays(from, i), by as 'day' | 'week' | 'month' | 'year');
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}

/** Whether two periods line up by key (hours, weekdays) rather than by position (days, weeks…). */
export const alignsByKey = (by: Breakdown) => by === 'hour' || by === 'weekday';
