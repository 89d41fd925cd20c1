import { describe, expect, it } from 'vitest';
import { expectedWaitMinutes, meanHandlingMinutes } from './wait-estimate.ts';

describe('wait estimate', () => {
  it('uses the expected handling time until there are enough real samples', () => {
    expect(meanHandlingMinutes({ recentHandlingMinutes: [5, 7], expectedMinutes: 20, openCounters: 1 })).toBe(20);
    expect(meanHandlingMinutes({ recentHandlingMinutes: [5, 7, 9], expectedMinutes: 20, openCounters: 1 })).toBe(7);
  });

  it('grows with the people ahead and shrinks with the counters open', () => {
    const base = { recentHandlingMinutes: [10, 10, 10], expectedMinutes: 20 };
    expect(expectedWaitMinutes(0, { ...base, openCounters: 1 })).toBe(5);
    expect(expectedWaitMinutes(3, { ...base, openCounters: 1 })).toBe(35);
    expect(expectedWaitMinutes(3, { ...base, openCounters: 2 })).toBe(18);
    // With nobody at a counter yet the client still gets a figure, as if one counter were open.
    expect(expectedWaitMinutes(3, { ...base, openCounters: 0 })).toBe(35);
  });
});
