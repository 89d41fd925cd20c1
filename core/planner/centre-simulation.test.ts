import { describe, expect, it } from 'vitest';
import { simulateCentreDayReplicated, type CentreDayInput, type SimulatedService } from './centre-simulation.ts';
import { erlangC } from './erlang.ts';

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
const DAY = Array.from({ length: 10 }, (_, i) => 8 + i);

const service = (id: string, walkInsPerHour: number, extra: Partial<SimulatedService> = {}, booked = 0): SimulatedService => ({
  id,
  meanHandlingSeconds: 600,
  patienceSeconds: null,
  waitTargetSeconds: 1200,
  hours: DAY.map((hour) => ({ hour, walkIns: walkInsPerHour, booked })),
  ...extra,
});

const levelAt = (input: CentreDayInput, serviceId: string, hours: readonly number[]) => {
  const rows = simulateCentreDayReplicated(input, SEEDS).filter((r) => r.serviceId === serviceId && hours.includes(r.hour));
  const clients = rows.reduce((n, r) => n + r.walkIns, 0);
  return rows.reduce((n, r) => n + r.serviceLevel * r.walkIns, 0) / clients;
};

describe('a simulated centre day', () => {
  it('agrees with Erlang C for a service with counters of its own, once the morning queue has settled', () => {
    // 4 counters, 20 clients an hour of 10 minutes: utilisation 0.83.
    const input: CentreDayInput = { services: [service('A', 20)], counters: [1, 2, 3, 4].map((n) => ({ id: `c${n}`, serviceIds: ['A'] })) };
    const erlang = erlangC({ arrivalsPerHour: 20, meanHandlingSeconds: 600 }, 4, 1200);
    // The day starts with nobody waiting, so the early hours do better than the steady state; the
    // last hours are near it. Tolerance: 0.06 (40 days of 200 clients; lognormal handling with
    // the exponential's mean and variance).
    expect(Math.abs(levelAt(input, 'A', [14, 15, 16, 17]) - erlang.serviceLevel)).toBeLessThan(0.06);
    expect(levelAt(input, 'A', [8])).toBeGreaterThan(erlang.serviceLevel);
  });

  it('counts a counter shared by two services once: worse than Erlang with the counter counted for each', () => {
    const services = [service('A', 2.5), service('B', 2.5)];
    // Each service alone at one counter: utilisation 0.42, Erlang says most are called in time.
    const alone = erlangC({ arrivalsPerHour: 2.5, meanHandlingSeconds: 600 }, 1, 1200).serviceLevel;
    const shared = levelAt({ services, counters: [{ id: 'c1', serviceIds: ['A', 'B'] }] }, 'A', DAY);
    expect(alone).toBeGreaterThan(0.8);
    expect(shared).toBeLessThan(alone - 0.1);
  });

  it('pools: two counters serving both services do at least as well as one counter each', () => {
    const services = [service('A', 4), service('B', 4)];
    const dedicated = levelAt({ services, counters: [{ id: 'c1', serviceIds: ['A'] }, { id: 'c2', serviceIds: ['B'] }] }, 'A', DAY);
    const pooled = levelAt({ services, counters: [{ id: 'c1', serviceIds: ['A', 'B'] }, { id: 'c2', serviceIds: ['A', 'B'] }] }, 'A', DAY);
    expect(pooled).toBeGreaterThan(dedicated + 0.05);
  });

  it('calls booked clients first: walk-ins wait longer when part of the counter time is booked', () => {
    const counters = [{ id: 'c1', serviceIds: ['A'] }, { id: 'c2', serviceIds: ['A'] }];
    const without = levelAt({ services: [service('A', 8)], counters }, 'A', DAY);
    const withBooked = levelAt({ services: [service('A', 8, {}, 3)], counters }, 'A', DAY);
    expect(withBooked).toBeLessThan(without - 0.05);
  });

  it('moves with a counter added or closed at one hour', () => {
    const base: CentreDayInput = { services: [service('A', 16)], counters: [1, 2, 3].map((n) => ({ id: `c${n}`, serviceIds: ['A'] })) };
    const at10 = (input: CentreDayInput) => levelAt(input, 'A', [10]);
    const plain = at10(base);
    expect(at10({ ...base, changes: [{ serviceId: 'A', hour: 10, delta: 1 }] })).toBeGreaterThan(plain + 0.05);
    expect(at10({ ...base, changes: [{ serviceId: 'A', hour: 10, delta: -1 }] })).toBeLessThan(plain - 0.05);
  });

  it('lets impatient clients go, and counts them', () => {
    const input: CentreDayInput = { services: [service('A', 12, { patienceSeconds: 900 })], counters: [{ id: 'c1', serviceIds: ['A'] }] };
    const rows = simulateCentreDayReplicated(input, SEEDS);
    const abandon = rows.reduce((n, r) => n + r.pAbandon * r.walkIns, 0) / rows.reduce((n, r) => n + r.walkIns, 0);
    // Twice the counter's capacity arrives: about half must leave.
    expect(abandon).toBeGreaterThan(0.35);
    expect(abandon).toBeLessThan(0.65);
  });

  it('gives the same answer for the same seeds, and says how sure it is', () => {
    const input: CentreDayInput = { services: [service('A', 10), service('B', 3)], counters: [{ id: 'c1', serviceIds: ['A', 'B'] }, { id: 'c2', serviceIds: ['A'] }] };
    const a = simulateCentreDayReplicated(input, SEEDS);
    expect(simulateCentreDayReplicated(input, SEEDS)).toEqual(a);
    for (const r of a) {
      expect(r.serviceLevel).toBeGreaterThanOrEqual(0);
      expect(r.serviceLevel).toBeLessThanOrEqual(1);
      expect(r.serviceLevelHalfWidth95).toBeGreaterThanOrEqual(0);
    }
    expect(() => simulateCentreDayReplicated(input, [1])).toThrow(RangeError);
  });

  it('serves nobody of a service without counters, and says so rather than hanging', () => {
    const rows = simulateCentreDayReplicated({ services: [service('A', 5), service('B', 5)], counters: [{ id: 'c1', serviceIds: ['A'] }] }, [1, 2]);
    const b = rows.filter((r) => r.serviceId === 'B');
    expect(b.every((r) => r.serviceLevel === 0 && r.pAbandon === 1)).toBe(true);
  });
});
