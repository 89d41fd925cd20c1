import { describe, expect, it } from 'vitest';
import { weekdayHours } from '../../../core/opening-hours.ts';
import { configuredHours, mondayOf, parseAdjustments } from './service.ts';

describe('planner inputs', () => {
  it('takes the hours a centre is configured open, any overlap counting, and leaves a round-the-clock day to the history', () => {
    const hours = weekdayHours('08:30', '17:15', ['mon', 'tue']);
    hours.wed = [
      { open: '09:00', close: '12:00' },
      { open: '14:00', close: '16:00' },
    ];
    hours.sat = [{ open: '00:00', close: '24:00' }];
    const open = configuredHours(hours);
    expect(open[1]).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(open[3]).toEqual([9, 10, 11, 14, 15]);
    expect(open[5]).toEqual([]);
    expect(open[6]).toBeNull();
  });

  it('plans from the Monday of the week asked', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
  });

  it('reads what-if adjustments and refuses what it cannot read', () => {
    const id = '0b7d2f1e-5c3a-4e8b-9a6d-1f2e3d4c5b6a';
    expect(parseAdjustments([`${id}:1:9:+1`, `${id}:5:17:-2`])).toEqual([
      { serviceId: id, weekday: 1, hour: 9, delta: 1 },
      { serviceId: id, weekday: 5, hour: 17, delta: -2 },
    ]);
    for (const bad of [`${id}:8:9:+1`, `${id}:1:24:+1`, `${id}:1:9`, 'x:1:9:+1', `${id}:1:9:+100`]) expect(() => parseAdjustments([bad]), bad).toThrow();
  });
});
