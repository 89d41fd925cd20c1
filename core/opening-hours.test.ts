import { describe, expect, it } from 'vitest';
import { isOpenAt, isValidTimeZone, localTime, validateOpeningHours, weekdayHours } from './opening-hours.ts';

const HOURS = weekdayHours('08:00', '18:00', ['mon', 'tue', 'wed', 'thu', 'fri']);

describe('opening hours', () => {
  it('gives the local day and time in the centre time zone, across daylight saving', () => {
    // 23:30 UTC on a summer Sunday is already Monday 00:30 in Lisbon (UTC+1).
    expect(localTime(new Date('2026-07-05T23:30:00Z'), 'Europe/Lisbon')).toEqual({ date: '2026-07-06', weekday: 'mon', time: '00:30' });
    // In winter Lisbon is on UTC.
    expect(localTime(new Date('2026-01-05T23:30:00Z'), 'Europe/Lisbon')).toEqual({ date: '2026-01-05', weekday: 'mon', time: '23:30' });
  });

  it('is open from 08:00 up to but not including 18:00 on weekdays only', () => {
    expect(isOpenAt(HOURS, new Date('2026-11-23T07:59:00Z'), 'Europe/Lisbon')).toBe(false);
    expect(isOpenAt(HOURS, new Date('2026-11-23T08:00:00Z'), 'Europe/Lisbon')).toBe(true);
    expect(isOpenAt(HOURS, new Date('2026-11-23T17:59:00Z'), 'Europe/Lisbon')).toBe(true);
    expect(isOpenAt(HOURS, new Date('2026-11-23T18:00:00Z'), 'Europe/Lisbon')).toBe(false);
    expect(isOpenAt(HOURS, new Date('2026-11-22T10:00:00Z'), 'Europe/Lisbon')).toBe(false); // Sunday
  });

  it('rejects malformed, inverted and overlapping periods', () => {
    expect(validateOpeningHours(HOURS)).toBeNull();
    expect(validateOpeningHours({ ...HOURS, mon: [{ open: '8:00', close: '18:00' }] })).toBe('opening_hours_format');
    expect(validateOpeningHours({ ...HOURS, mon: [{ open: '18:00', close: '08:00' }] })).toBe('opening_hours_order');
    expect(
      validateOpeningHours({ ...HOURS, mon: [{ open: '08:00', close: '13:00' }, { open: '12:00', close: '18:00' }] }),
    ).toBe('opening_hours_order');
    expect(validateOpeningHours({ ...HOURS, mon: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '18:00' }] })).toBeNull();
  });

  it('knows real IANA zones from made-up ones', () => {
    expect(isValidTimeZone('Europe/Lisbon')).toBe(true);
    expect(isValidTimeZone('Atlantic/Azores')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
