import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekdayHours } from '../opening-hours.ts';
import { addDays, arrivalWindow, instantOf, slotCapacities, slotsOfDay, weekdayOf } from './slots.ts';

const HOURS = weekdayHours('09:00', '17:00', ['mon', 'tue', 'wed', 'thu', 'fri']);
const RULES = { counters: 3, expectedMinutes: 15, appointmentShare: 0.4, slotMinutes: 30 };

describe('appointment supply', () => {
  it('gives each day its weekday and walks the calendar', () => {
    expect(weekdayOf('2026-12-07')).toBe('mon');
    expect(weekdayOf('2026-12-06')).toBe('sun');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('turns a wall-clock time into the UTC instant in the centre time zone, summer and winter', () => {
    expect(instantOf('2026-07-06', '09:00', 'Europe/Lisbon').toISOString()).toBe('2026-07-06T08:00:00.000Z');
    expect(instantOf('2026-12-07', '09:00', 'Europe/Lisbon').toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(instantOf('2026-12-07', '09:00', 'Atlantic/Azores').toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });

  it('gives appointments their share of counter time: 3 counters × 8 h × 4 clients/h × 40% ≈ 38 seats', () => {
    const slots = slotsOfDay({ date: '2026-12-07', openingHours: HOURS, timeZone: 'Europe/Lisbon', closed: false, rules: RULES });
    expect(slots).toHaveLength(16);
    expect(slots[0]).toEqual({ startsAt: '2026-12-07T09:00:00.000Z', localTime: '09:00', capacity: 2 });
    expect(slots.at(-1)!.localTime).toBe('16:30');
    // 3 counters × 30 min × 0.4 / 15 min = 2.4 seats per slot: fractions carried, none lost.
    expect(slots.reduce((n, s) => n + s.capacity, 0)).toBe(38);
  });

  it('has no slots on a closed day, a weekend or with no counters', () => {
    expect(slotsOfDay({ date: '2026-12-07', openingHours: HOURS, timeZone: 'Europe/Lisbon', closed: true, rules: RULES })).toEqual([]);
    expect(slotsOfDay({ date: '2026-12-06', openingHours: HOURS, timeZone: 'Europe/Lisbon', closed: false, rules: RULES })).toEqual([]);
    const none = slotsOfDay({ date: '2026-12-07', openingHours: HOURS, timeZone: 'Europe/Lisbon', closed: false, rules: { ...RULES, counters: 0 } });
    expect(none.every((s) => s.capacity === 0)).toBe(true);
  });

  it('never gives more seats than the share of counter time, nor loses more than one to rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 3, max: 90 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(10, 15, 20, 30, 60), fc.integer({ min: 1, max: 40 }), (counters, expected, share, slot, n) => {
          const caps = slotCapacities(n, { counters, expectedMinutes: expected, appointmentShare: share, slotMinutes: slot });
          const exact = (counters * slot * n * share) / expected;
          const total = caps.reduce((a, b) => a + b, 0);
          expect(caps.every((c) => c >= 0 && Number.isInteger(c))).toBe(true);
          expect(total).toBeLessThanOrEqual(exact + 1e-6);
          expect(total).toBeGreaterThan(exact - 1);
        },
      ),
    );
  });

  it('tells early, on-time and late arrivals apart', () => {
    const rules = { earlyMinutes: 60, lateMinutes: 15 };
    const at = '2026-12-07T10:00:00.000Z';
    expect(arrivalWindow(at, new Date('2026-12-07T08:59:00Z'), rules)).toBe('early');
    expect(arrivalWindow(at, new Date('2026-12-07T09:00:00Z'), rules)).toBe('on_time');
    expect(arrivalWindow(at, new Date('2026-12-07T10:15:00Z'), rules)).toBe('on_time');
    expect(arrivalWindow(at, new Date('2026-12-07T10:16:00Z'), rules)).toBe('late');
  });
});
