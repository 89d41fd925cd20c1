import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangC, erlangCProbabilityOfWaiting, fewestCounters, meetsTarget, type QueueOutlook } from './erlang.ts';

// ---------------------------------------------------------------------------------------------
// Independent references, sharing no code with erlang.ts.

/** A rational as a float to full double precision. */
function ratio(num: bigint, den: bigint): number {
  const shift = Math.max(0, den.toString(2).length - num.toString(2).length + 64);
  return Number((num << BigInt(shift)) / den) * 2 ** -shift;
}

function gcd(p: bigint, q: bigint): bigint {
  return q === 0n ? p : gcd(q, p % q);
}

/**
 * Erlang B and C exactly, for an offered load a = n/d, from their definitions as finite sums:
 * B = (a^c/c!) / Σ_{k≤c} a^k/k!,  C = (a^c/c!)·c/(c−a) / (Σ_{k<c} a^k/k! + (a^c/c!)·c/(c−a)),
 * everything multiplied through by c!·d^c so the arithmetic is on integers.
 */
function exactErlang(c: number, loadNumerator: bigint, loadDenominator: bigint): { b: number; c: number } {
  const g = gcd(loadNumerator, loadDenominator);
  const n = loadNumerator / g;
  const d = loadDenominator / g;
  const powN = [1n];
  const powD = [1n];
  for (let k = 1; k <= c; k++) {
    powN.push(powN[k - 1]! * n);
    powD.push(powD[k - 1]! * d);
  }
  let below = 0n; // Σ_{k<c} n^k d^(c−k) c!/k!
  let falling = 1n;
  for (let k = c - 1; k >= 0; k--) {
    falling *= BigInt(k + 1);
    below += powN[k]! * powD[c - k]! * falling;
  }
  const cb = BigInt(c);
  const waiting = powN[c]! * cb * d; // the a^c/c!·c/(c−a) term, times (c·d − n)
  return {
    b: ratio(powN[c]!, below + powN[c]!),
    c: ratio(waiting, (cb * d - n) * below + waiting),
  };
}

/**
 * Erlang A by brute force on the birth–death chain of the number of clients present, truncated
 * where the weights fall below e^-80 of the largest. A client arriving to n ≥ c clients waits at
 * position j = n − c + 1; from position i they move up at rate cμ + (i−1)θ and leave at rate θ.
 *   called, and the wait of the called: first-step recursions over positions;
 *   called within t: uniformisation of that absorbing chain.
 */
function chainErlangA(arrivalsPerHour: number, handling: number, patience: number, c: number, t: number) {
  const lambda = arrivalsPerHour / 3600;
  const mu = 1 / handling;
  const theta = 1 / patience;
  const rate = (n: number) => Math.min(n, c) * mu + Math.max(n - c, 0) * theta;
  const logWeight = [0];
  let max = 0;
  for (let n = 1; ; n++) {
    const w = logWeight[n - 1]! + Math.log(lambda) - Math.log(rate(n));
    logWeight.push(w);
    max = Math.max(max, w);
    if (n > c && rate(n) > lambda && w < max - 80) break;
  }
  const weights = logWeight.map((w) => Math.exp(w - max));
  const total = weights.reduce((s, w) => s + w, 0);
  const pi = weights.map((w) => w / total);
  let pWait = 0;
  let queue = 0;
  for (let n = c; n < pi.length; n++) {
    pWait += pi[n]!;
    queue += (n - c) * pi[n]!;
  }
  const positions = pi.length - c;
  const arriving = Array.from({ length: positions + 1 }, (_, j) => (j === 0 ? 0 : pi[c + j - 1]!));
  let called = 1 - pWait;
  let waitOfCalled = 0;
  let reach = 1; // chance of being called from position j
  let reachWait = 0; // expected wait, counted only when called, from position j
  for (let j = 1; j <= positions; j++) {
    const up = c * mu + (j - 1) * theta;
    const out = up + theta;
    reachWait = (up / out) * (reach / out + reachWait);
    reach = (up / out) * reach;
    called += arriving[j]! * reach;
    waitOfCalled += arriving[j]! * reachWait;
  }
  // Uniformisation: P(called by t) = Σ_k Poisson(k; Λt) · (mass absorbed as called within k jumps).
  const uniform = c * mu + positions * theta;
  let mass = arriving.slice();
  let calledByJumps = 0;
  let calledInTime = 0;
  const jumps = uniform * t;
  if (jumps > 700) throw new Error('reference: Poisson weights would underflow; choose a shorter target');
  // The Poisson tail beyond mean + 12 standard deviations is far below 1e-13.
  const lastJump = Math.ceil(jumps + 12 * Math.sqrt(jumps) + 30);
  let poissonLog = -jumps;
  for (let k = 0; k <= lastJump; k++) {
    calledInTime += Math.exp(poissonLog) * calledByJumps;
    const next = new Array<number>(positions + 1).fill(0);
    for (let i = 1; i <= positions; i++) {
      const m = mass[i]!;
      if (m === 0) continue;
      const up = (c * mu + (i - 1) * theta) / uniform;
      const stay = 1 - up - theta / uniform;
      if (i === 1) calledByJumps += m * up;
      else next[i - 1]! += m * up;
      next[i]! += m * stay;
    }
    mass = next;
    poissonLog += Math.log(jumps) - Math.log(k + 1);
  }
  return {
    pWait,
    pAbandon: (theta * queue) / lambda,
    meanWaitSeconds: queue / lambda,
    serviceLevel: 1 - pWait + calledInTime,
    asaSeconds: waitOfCalled / called,
    called,
  };
}

const load = (arrivalsPerHour: number, meanHandlingSeconds: number) => ({ arrivalsPerHour, meanHandlingSeconds });
/** Arrivals per hour giving an offered load of exactly `erlangs` at 3,600 s handling. */
const atErlangs = (erlangs: number) => load(erlangs, 3600);

function stable(result: ReturnType<typeof erlangC>): QueueOutlook {
  if (!result.stable) throw new Error('expected a stable queue');
  return result;
}

// ---------------------------------------------------------------------------------------------

describe('Erlang B', () => {
  it('matches the published table value B(10 counters, 10 erlangs) = 0.2146', () => {
    expect(erlangB(10, 10)).toBeCloseTo(0.2146, 4);
  });

  it('matches the exact sum to 1e-11 relative from one to 2,000 counters, light load (B down to 1e-245) to overload', () => {
    let smallest = 1;
    for (const c of [1, 2, 7, 50, 400, 2000]) {
      for (const perMille of [100n, 500n, 900n, 999n, 1500n]) {
        const n = perMille * BigInt(c);
        const exact = exactErlang(c, n, 1000n).b;
        const got = erlangB(c, Number(n) / 1000);
        // Below the smallest double the exact value rounds to 0, and so must ours.
        if (exact === 0) expect(got).toBe(0);
        else expect(Math.abs(got / exact - 1)).toBeLessThan(1e-11);
        if (exact > 0) smallest = Math.min(smallest, exact);
      }
    }
    expect(smallest).toBeLessThan(1e-240);
  });

  it('underflows gracefully to 0, never NaN, for a huge centre lightly loaded', () => {
    expect(erlangB(2000, 1)).toBe(0);
  });
});

describe('Erlang C', () => {
  it('agrees with the exact rational sum to 1e-6 (in fact 1e-12) for 1 to 2,000 counters, utilisation 0.1 to 0.999', () => {
    let worst = 0;
    for (const c of [1, 2, 3, 11, 50, 200, 1000, 2000]) {
      for (const perMille of [100n, 500n, 800n, 950n, 990n, 999n]) {
        const n = perMille * BigInt(c);
        const exact = exactErlang(c, n, 1000n).c;
        const got = erlangCProbabilityOfWaiting(c, Number(n) / 1000);
        worst = Math.max(worst, Math.abs(got - exact));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('reproduces the textbook case: 200 arrivals an hour, 180 s handling, 11 counters, 20 s target', () => {
    // 10 erlangs: P(wait) 0.6821, service level 1 − 0.6821·e^(−(11−10)·20/180) = 0.3896, ASA 122.8 s.
    const r = stable(erlangC(load(200, 180), 11, 20));
    expect(r.offeredLoad).toBeCloseTo(10, 12);
    expect(Math.abs(r.pWait - exactErlang(11, 10n, 1n).c)).toBeLessThan(1e-12);
    expect(r.pWait).toBeCloseTo(0.6821, 4);
    expect(r.serviceLevel).toBeCloseTo(0.3896, 4);
    expect(r.asaSeconds).toBeCloseTo(122.78, 2);
    expect(r.occupancy).toBeCloseTo(10 / 11, 12);
  });

  it('at one counter is the M/M/1 queue: P(wait) = ρ, mean wait = ρ/(1−ρ) × handling, even at ρ = 0.999', () => {
    for (const rho of [0.3, 0.9, 0.999]) {
      const r = stable(erlangC(load(rho * 20, 180), 1, 60));
      expect(r.pWait).toBeCloseTo(rho, 12);
      expect(r.meanWaitSeconds / ((rho / (1 - rho)) * 180) - 1).toBeCloseTo(0, 9);
      expect(r.serviceLevel).toBeCloseTo(1 - rho * Math.exp(-(1 - rho) * (60 / 180)), 12);
    }
  });

  it('at 2,000 counters and ρ = 0.999: exact to 1e-12, mean wait = C·handling/(c − a)', () => {
    const r = stable(erlangC(atErlangs(1998), 2000, 20));
    const exact = exactErlang(2000, 1998n, 1n).c;
    expect(Math.abs(r.pWait - exact)).toBeLessThan(1e-12);
    expect(r.meanWaitSeconds).toBeCloseTo((exact * 3600) / 2, 6);
  });

  it('says "unstable" at utilisation 1 and beyond — no NaN, no Infinity, JSON-safe', () => {
    for (const [c, a] of [[1, 1], [11, 11], [11, 12], [2000, 2000], [2000, 2500]] as const) {
      const r = erlangC(atErlangs(a), c, 20);
      expect(r).toMatchObject({ stable: false, pWait: 1, serviceLevel: 0, meanWaitSeconds: null, asaSeconds: null, occupancy: 1 });
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      expect(erlangCProbabilityOfWaiting(c, a)).toBe(1);
    }
  });

  it('has nobody waiting when nobody comes', () => {
    expect(erlangC(load(0, 180), 3, 20)).toMatchObject({ stable: true, pWait: 0, serviceLevel: 1, meanWaitSeconds: 0, occupancy: 0 });
  });

  it('refuses meaningless input', () => {
    expect(() => erlangC(load(-1, 180), 3, 20)).toThrow(RangeError);
    expect(() => erlangC(load(10, 0), 3, 20)).toThrow(RangeError);
    expect(() => erlangC(load(10, 180), 2.5, 20)).toThrow(RangeError);
    expect(() => erlangC(load(Number.NaN, 180), 3, 20)).toThrow(RangeError);
    expect(() => erlangC(load(10, 180), 3, -1)).toThrow(RangeError);
  });
});

describe('Erlang A', () => {
  const cases: [string, number, number, number, number, number][] = [
    // name, arrivals/h, handling s, patience s, counters, target s
    ['textbook load, 5 min patience', 200, 180, 300, 11, 20],
    ['textbook load, under-staffed', 200, 180, 300, 8, 20],
    ['one counter at ρ = 0.999', 19.98, 180, 600, 1, 60],
    ['one counter overloaded three times', 60, 180, 300, 1, 60],
    ['a centre hour: 20 min service, 30 min patience', 14, 1200, 1800, 4, 1200],
    ['patience shorter than service', 50, 600, 60, 6, 30],
    ['2,000 counters at ρ = 0.999', 39_960, 180, 300, 2000, 20],
    ['2,000 counters overloaded by half', 60_000, 180, 600, 2000, 20],
  ];

  it.each(cases)('agrees with the birth–death chain to 1e-4: %s', (_name, arrivals, handling, patience, c, t) => {
    const r = erlangA({ arrivalsPerHour: arrivals, meanHandlingSeconds: handling, patienceSeconds: patience }, c, t);
    const ref = chainErlangA(arrivals, handling, patience, c, t);
    expect(Math.abs(r.pWait - ref.pWait)).toBeLessThan(1e-4);
    expect(Math.abs(r.pAbandon - ref.pAbandon)).toBeLessThan(1e-4);
    expect(Math.abs(r.serviceLevel - ref.serviceLevel)).toBeLessThan(1e-4);
    expect(Math.abs(r.meanWaitSeconds - ref.meanWaitSeconds) / ref.meanWaitSeconds).toBeLessThan(1e-4);
    expect(Math.abs(r.asaSeconds! - ref.asaSeconds) / ref.asaSeconds).toBeLessThan(1e-4);
    expect(Math.abs(1 - r.pAbandon - ref.called)).toBeLessThan(1e-4);
    expect(r.occupancy).toBeCloseTo((r.offeredLoad * (1 - r.pAbandon)) / c, 12);
  });

  it('the textbook load with 5 minutes patience: fewer wait and the wait is shorter than Erlang C says', () => {
    const a = erlangA({ arrivalsPerHour: 200, meanHandlingSeconds: 180, patienceSeconds: 300 }, 11, 20);
    const c = stable(erlangC(load(200, 180), 11, 20));
    expect(a.pWait).toBeCloseTo(0.4598, 4);
    expect(a.pAbandon).toBeCloseTo(0.0699, 4);
    expect(a.pWait).toBeLessThan(c.pWait);
    expect(a.asaSeconds!).toBeLessThan(c.meanWaitSeconds);
  });

  it('tends to Erlang C as patience grows, and to Erlang B as it vanishes', () => {
    const c = stable(erlangC(load(200, 180), 11, 20));
    const patient = erlangA({ arrivalsPerHour: 200, meanHandlingSeconds: 180, patienceSeconds: 1e9 }, 11, 20);
    expect(patient.pWait).toBeCloseTo(c.pWait, 6);
    expect(patient.serviceLevel).toBeCloseTo(c.serviceLevel, 6);
    expect(patient.asaSeconds! / c.meanWaitSeconds).toBeCloseTo(1, 5);
    const impatient = erlangA({ arrivalsPerHour: 200, meanHandlingSeconds: 180, patienceSeconds: 1e-4 }, 11, 20);
    expect(impatient.pWait).toBeCloseTo(erlangB(11, 10), 5);
    expect(impatient.pAbandon).toBeCloseTo(erlangB(11, 10), 5);
  });

  it('is finite at any load: 10 erlangs on one counter lose about 9 clients in 10', () => {
    const r = erlangA({ arrivalsPerHour: 200, meanHandlingSeconds: 180, patienceSeconds: 300 }, 1, 20);
    for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    expect(r.pAbandon).toBeGreaterThan(0.89);
    expect(r.occupancy).toBeLessThanOrEqual(1);
  });

  it('with no counter open, everyone leaves after their patience', () => {
    expect(erlangA({ arrivalsPerHour: 20, meanHandlingSeconds: 180, patienceSeconds: 300 }, 0, 20)).toMatchObject({ pAbandon: 1, serviceLevel: 0, meanWaitSeconds: 300, asaSeconds: null });
  });
});

describe('the fewest counters meeting a target', () => {
  it('80% within 20 s at 200 an hour and 180 s: 14 counters by Erlang C, 13 by Erlang A with 5 min patience', () => {
    const target = { kind: 'service-level', level: 0.8, withinSeconds: 20 } as const;
    const found = fewestCounters(load(200, 180), target);
    expect(found.counters).toBe(14);
    expect(found.outlook.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(stable(erlangC(load(200, 180), 13, 20)).serviceLevel).toBeLessThan(0.8);
    // Clients who give up make room: Erlang A needs one fewer.
    expect(fewestCounters({ arrivalsPerHour: 200, meanHandlingSeconds: 180, patienceSeconds: 300 }, target).counters).toBe(13);
  });

  it('is the least count that meets the target, for any load and target (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        fc.double({ min: 30, max: 3600, noNaN: true }),
        fc.oneof(
          fc.record({ kind: fc.constant('service-level' as const), level: fc.double({ min: 0.05, max: 0.99, noNaN: true }), withinSeconds: fc.double({ min: 0, max: 3600, noNaN: true }) }),
          fc.record({ kind: fc.constant('mean-wait' as const), maxSeconds: fc.double({ min: 1, max: 3600, noNaN: true }) }),
        ),
        fc.option(fc.double({ min: 10, max: 7200, noNaN: true }), { nil: undefined }),
        (arrivals, handling, target, patience) => {
          const hour = { arrivalsPerHour: arrivals, meanHandlingSeconds: handling, patienceSeconds: patience };
          const { counters, outlook } = fewestCounters(hour, target);
          expect(meetsTarget(outlook, target)).toBe(true);
          const within = target.kind === 'service-level' ? target.withinSeconds : target.maxSeconds;
          const fewer = counters - 1;
          if (fewer >= 1) {
            const below = patience === undefined ? erlangC(hour, fewer, within) : erlangA({ ...hour, patienceSeconds: patience }, fewer, within);
            expect(meetsTarget(below, target)).toBe(false);
          }
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('needs none when nobody comes, and refuses targets that mean nothing', () => {
    expect(fewestCounters(load(0, 180), { kind: 'mean-wait', maxSeconds: 60 }).counters).toBe(0);
    expect(() => fewestCounters(load(10, 180), { kind: 'service-level', level: 1, withinSeconds: 20 })).toThrow(RangeError);
    expect(() => fewestCounters(load(10, 180), { kind: 'mean-wait', maxSeconds: 0 })).toThrow(RangeError);
  });
});
