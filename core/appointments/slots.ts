/**
 * Appointment supply: the bookable slots of one service at one centre on one day, derived from the
 * centre's opening hours, the counters that serve the service, the service's handling time and the
 * share of counter time given to appointments (walk-ins keep the rest). Pure functions, no I/O.
 */
import { localTime, WEEKDAYS, type OpeningHours, type Weekday } from '../opening-hours.ts';

export const BOOKING_MODES = ['first_come', 'allocation'] as const;
export type BookingMode = (typeof BOOKING_MODES)[number];

export interface SupplyRules {
  /** Counters that serve the service at the centre. */
  counters: number;
  /** The service's expected handling time (minutes per client). */
  expectedMinutes: number;
  /** Share of counter time given to appointments, 0..1 (e.g. 0.4: walk-ins keep 60%). */
  appointmentShare: number;
  /** Length of a slot in minutes (clients are given the slot's start as their time). */
  slotMinutes: number;
}

export interface DerivedSlot {
  /** The slot's start, UTC ISO-8601. */
  startsAt: string;
  /** HH:MM in the centre's time zone. */
  localTime: string;
  capacity: number;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The weekday of a calendar date (YYYY-MM-DD), independent of any time zone. */
export function weekdayOf(date: string): Weekday {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(day + 6) % 7]!;
}

/** Adds whole days to a calendar date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The UTC instant of a wall-clock time on a date in a time zone (the earlier one if ambiguous). */
export function instantOf(date: string, hhmm: string, timeZone: string): Date {
  const wanted = Date.parse(`${date}T${hhmm}:00Z`);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const lt = localTime(new Date(guess), timeZone);
    const seen = Date.parse(`${lt.date}T${lt.time}:00Z`);
    if (seen === wanted) break;
    guess += wanted - seen;
  }
  return new Date(guess);
}

/** Seats per slot: counter-minutes × share ÷ handling time, with fractions carried along the day so none is lost to rounding. */
export function slotCapacities(slotCount: number, rules: SupplyRules): number[] {
  const perSlot = rules.expectedMinutes > 0 ? (rules.counters * rules.slotMinutes * Math.min(1, Math.max(0, rules.appointmentShare))) / rules.expectedMinutes : 0;
  const out: number[] = [];
  for (let i = 0; i < slotCount; i++) out.push(Math.floor(perSlot * (i + 1) + 1e-9) - Math.floor(perSlot * i + 1e-9));
  return out;
}

/**
 * The slots of a day: every `slotMinutes` from each opening period's start, a slot starting early
 * enough to be served before closing. A closed day (holiday, centre exception) has none.
 */
export function slotsOfDay(input: { date: string; openingHours: OpeningHours; timeZone: string; closed: boolean; rules: SupplyRules }): DerivedSlot[] {
  if (input.closed || input.rules.slotMinutes <= 0) return [];
  const starts: number[] = [];
  for (const period of input.openingHours[weekdayOf(input.date)] ?? []) {
    const close = toMinutes(period.close);
    for (let m = toMinutes(period.open); m + Math.min(input.rules.expectedMinutes, input.rules.slotMinutes) <= close; m += input.rules.slotMinutes) starts.push(m);
  }
  const capacities = slotCapacities(starts.length, input.rules);
  return starts.map((m, i) => {
    const hhmm = toHhmm(m);
    return { startsAt: instantOf(input.date, hhmm, input.timeZone).toISOString(), localTime: hhmm, capacity: capacities[i]! };
  });
}

/** Where an arrival falls against the booked time: too early to check in, on time, or late (offered a walk-in ticket). */
export type ArrivalWindow = 'early' | 'on_time' | 'late';

export function arrivalWindow(startsAt: string, now: Date, rules: { earlyMinutes: number; lateMinutes: number }): ArrivalWindow {
  const diff = (now.getTime() - Date.parse(startsAt)) / 60_000;
  if (diff < -rules.earlyMinutes) return 'early';
  if (diff > rules.lateMinutes) return 'late';
  return 'on_time';
}
