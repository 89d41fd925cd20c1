/**
 * Calendar arithmetic for statistics periods, on local dates written YYYY-MM-DD (the centre's own
 * calendar). Pure string/UTC-date maths: no time zone enters here.
 */
export const BREAKDOWNS_BY_TIME = ['hour', 'weekday', 'day', 'week', 'month', 'year'] as const;
export type TimeBreakdown = (typeof BREAKDOWNS_BY_TIME)[number];

const DAY = 86_400_000;
const toUtc = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);

// A string of the right shape that is no day (2026-13-45) is not one either, rather than an error.
export const isLocalDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(toUtc(d)) && fromUtc(toUtc(d)) === d;
export const addDays = (d: string, n: number) => fromUtc(toUtc(d) + n * DAY);
export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / DAY) + 1;

/** The period of the same length just before [from, to]: "this month against the previous". */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = daysBetween(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

/** ISO 8601 week of a date, as 2025-W07. */
export function isoWeek(d: string): string {
  const t = new Date(toUtc(d));
  const weekday = (t.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(t.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  // The week holding a year's first Thursday is its week 1.
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday = 1 … Sunday = 7. */
export const isoWeekday = (d: string) => ((new Date(toUtc(d)).getUTCDay() + 6) % 7) + 1;

/** The label a day falls under for a time breakdown. */
export function periodLabel(day: string, by: 'day' | 'week' | 'month' | 'year' | 'weekday'): string {
  switch (by) {
    case 'day':
      return day;
    case 'week':
      return isoWeek(day);
    case 'month':
      return day.slice(0, 7);
    case 'year':
      return day.slice(0, 4);
    case 'weekday':
      return String(isoWeekday(day));
  }
}

const lastDayOfMonth = (month: string) => addDays(`${nextMonth(month)}-01`, -1);
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Splits [from, to] into whole months (read from month cells) and the loose days at either end
 * (read from day cells), so a ten-year question reads 120 month cells instead of 3,650 days.
 */
export function splitByMonths(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastMonth = lastDayOfMonth(to.slice(0, 7)) === to ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (firstMonth > lastMonth) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  const firstDay = `${firstMonth}-01`;
  if (from < firstDay) days.push([from, addDays(firstDay, -1)]);
  const afterLast = `${nextMonth(lastMonth)}-01`;
  if (afterLast <= to) days.push([afterLast, to]);
  return { months: [firstMonth, lastMonth], days };
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
