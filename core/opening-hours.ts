/**
 * Opening hours of a centre, per weekday, in the centre's own time zone.
 * Pure functions: "what local day/time is it there" and "is it open".
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface OpeningPeriod {
  open: string; // "08:00"
  close: string; // "18:00"
}

export type OpeningHours = Record<Weekday, OpeningPeriod[]>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function weekdayHours(open: string, close: string, days: readonly Weekday[]): OpeningHours {
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as OpeningPeriod[]])) as OpeningHours;
  for (const d of days) hours[d] = [{ open, close }];
  return hours;
}

/** Returns the key of the first problem ("opening_hours_format", "opening_hours_order") or null. */
export function validateOpeningHours(hours: OpeningHours): string | null {
  for (const day of WEEKDAYS) {
    const periods = hours[day] ?? [];
    let lastClose = '';
    for (const p of periods) {
      if (!HHMM.test(p.open) || !HHMM.test(p.close)) return 'opening_hours_format';
      if (p.open >= p.close || p.open < lastClose) return 'opening_hours_order';
      lastClose = p.close;
    }
  }
  return null;
}

export interface LocalTime {
  /** YYYY-MM-DD in the centre's time zone: the day ticket numbers reset on. */
  date: string;
  weekday: Weekday;
  /** HH:MM in the centre's time zone. */
  time: string;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatterCache.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const weekday = String(parts.weekday).toLowerCase().slice(0, 3) as Weekday;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

export function isOpenAt(hours: OpeningHours, instant: Date, timeZone: string): boolean {
  const { weekday, time } = localTime(instant, timeZone);
  return (hours[weekday] ?? []).some((p) => time >= p.open && time < p.close);
}
