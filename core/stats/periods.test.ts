import { describe, expect, it } from 'vitest';
import { isLocalDate } from './periods.ts';

describe('local dates', () => {
  it('accepts real days and refuses strings of the right shape that are no day, without throwing', () => {
    expect(isLocalDate('2026-11-23')).toBe(true);
    expect(isLocalDate('2028-02-29')).toBe(true);
    for (const d of ['2026-02-30', '2026-13-01', '6796-78-36', '2026-11-2', '']) expect(isLocalDate(d), d).toBe(false);
  });
});
