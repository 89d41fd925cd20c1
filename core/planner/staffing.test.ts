import { describe, expect, it } from 'vitest';
import { erlangA, erlangC, meetsTarget } from './erlang.ts';
import { staffServiceHour } from './staffing.ts';

const eightyIn20Seconds = { kind: 'service-level', level: 0.8, withinSeconds: 20 } as const;
const eightyIn20Minutes = { kind: 'service-level', level: 0.8, withinSeconds: 20 * 60 } as const;

describe('staffing one service hour', () => {
  it('the textbook hour (200 an hour, 180 s): 14 counters by Erlang C, 13 by Erlang A; 11 rostered fall short by 2', () => {
    const plan = staffServiceHour({ arrivalsPerHour: 200, meanHandlingSeconds: 180, patienceSeconds: 300 }, eightyIn20Seconds, 11);
    expect(plan.erlangC.counters).toBe(14);
    expect(plan.erlangA?.counters).toBe(13);
    expect(plan.recommended).toBe(13);
    expect(plan.rostered).toMatchObject({ counters: 11, meetsTarget: false, shortfall: 2 });
    // At the rostered count, the published Erlang C figures for 10 erlangs on 11 counters.
    expect(plan.rostered!.erlangC).toMatchObject({ stable: true });
    expect(plan.rostered!.erlangC.pWait).toBeCloseTo(0.6821, 4);
    expect(plan.rostered!.erlangC.serviceLevel).toBeCloseTo(0.3896, 4);
    expect(plan.rostered!.erlangC.asaSeconds).toBeCloseTo(122.78, 2);
    expect(plan.rostered!.erlangC.occupancy).toBeCloseTo(0.9091, 4);
    expect(plan.rostered!.erlangA!.pAbandon).toBeCloseTo(0.0699, 4);
  });

  it('a centre hour — 14 clients, 20 min each, 45 min patience, "80% called within 20 minutes": 6 by C, 5 by A', () => {
    const hour = { arrivalsPerHour: 14, meanHandlingSeconds: 1200, patienceSeconds: 2700 };
    const plan = staffServiceHour(hour, eightyIn20Minutes, 5);
    expect(plan.erlangC.counters).toBe(6);
    expect(plan.erlangA!.counters).toBe(5);
    // Both are the least: one counter fewer misses the target.
    expect(meetsTarget(erlangC(hour, 5, 1200), eightyIn20Minutes)).toBe(false);
    expect(meetsTarget(erlangA(hour, 4, 1200), eightyIn20Minutes)).toBe(false);
    expect(plan.rostered).toMatchObject({ meetsTarget: true, shortfall: 0 });
    expect(plan.rostered!.erlangA!.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('a mean-wait target ("under 15 minutes") without patience: Erlang C only, and 4 rostered cannot keep up', () => {
    const plan = staffServiceHour({ arrivalsPerHour: 14, meanHandlingSeconds: 1200 }, { kind: 'mean-wait', maxSeconds: 900 }, 4);
    expect(plan.erlangA).toBeNull();
    expect(plan.erlangC.counters).toBe(6);
    expect(plan.erlangC.outlook.meanWaitSeconds).toBeLessThanOrEqual(900);
    expect(erlangC({ arrivalsPerHour: 14, meanHandlingSeconds: 1200 }, 5, 900).meanWaitSeconds).toBeGreaterThan(900);
    // 4.67 erlangs on 4 counters: the queue grows all hour — said so, and safe to send as JSON.
    expect(plan.rostered!.erlangC).toMatchObject({ stable: false, meanWaitSeconds: null, occupancy: 1 });
    expect(plan.rostered).toMatchObject({ meetsTarget: false, shortfall: 2 });
    expect(JSON.stringify(plan)).not.toMatch(/NaN|Infinity/);
  });

  it('an hour nobody comes needs no counter, and the rostered ones sit idle', () => {
    const plan = staffServiceHour({ arrivalsPerHour: 0, meanHandlingSeconds: 900, patienceSeconds: 1800 }, eightyIn20Minutes, 2);
    expect(plan.recommended).toBe(0);
    expect(plan.rostered).toMatchObject({ meetsTarget: true, shortfall: -2 });
    expect(plan.rostered!.erlangC).toMatchObject({ pWait: 0, serviceLevel: 1, occupancy: 0 });
  });

  it('shows what changes with one counter more or less (what-if)', () => {
    const hour = { arrivalsPerHour: 30, meanHandlingSeconds: 900, patienceSeconds: 1800 };
    const [fewer, usual, more] = [7, 8, 9].map((n) => staffServiceHour(hour, eightyIn20Minutes, n).rostered!.erlangA!);
    expect(fewer!.meanWaitSeconds).toBeGreaterThan(usual!.meanWaitSeconds);
    expect(usual!.meanWaitSeconds).toBeGreaterThan(more!.meanWaitSeconds);
    expect(fewer!.serviceLevel).toBeLessThan(usual!.serviceLevel);
    expect(usual!.serviceLevel).toBeLessThan(more!.serviceLevel);
    expect(fewer!.occupancy).toBeGreaterThan(more!.occupancy);
  });
});
