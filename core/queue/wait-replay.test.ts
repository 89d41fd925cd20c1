import { describe, expect, it } from 'vitest';
import { cnaiReplayCentres } from '../../server/modules/visits/wait-accuracy.ts';
import { calibrateBands, newEstimator, oldEstimator, replayAccuracy } from './wait-replay.ts';
import { estimateWait, waitAhead, waitRange, type QueueObservation } from './wait-estimate.ts';

describe('wait estimates replayed on CNAI days', () => {
  const centres = cnaiReplayCentres();

  it('is deterministic for a seed', () => {
    const a = replayAccuracy({ centres, days: 1, seed: 5 }, { new: newEstimator });
    const b = replayAccuracy({ centres, days: 1, seed: 5 }, { new: newEstimator });
    expect(a.new!.maeRatio).toBe(b.new!.maeRatio);
    expect(a.new!.tickets).toBeGreaterThan(1500);
  });

  // Fixed seeds, three days each (each day: Lisbon, Porto and Faro): the new estimator beats the old
  // on the very same estimates, and reaches the goal (MAE under 20% of the mean wait, 80% within ±5 min).
  for (const seed of [1, 42, 2026]) {
    it(`the new estimator beats the old and reaches the goal (seed ${seed})`, () => {
      const r = replayAccuracy({ centres, days: 3, seed }, { old: oldEstimator, new: newEstimator });
      const [o, n] = [r.old!, r.new!];
      expect(n.estimates).toBe(o.estimates);
      expect(n.maeRatio).toBeLessThan(o.maeRatio - 0.08);
      expect(n.within5min).toBeGreaterThan(o.within5min + 0.08);
      expect(n.maeRatio).toBeLessThan(0.2);
      expect(n.within5min).toBeGreaterThanOrEqual(0.8);
    });
  }

  it('ranges calibrated on some days hold about 8 in 10 actual waits of other days', () => {
    const bands = calibrateBands(replayAccuracy({ centres, days: 2, seed: 7 }, { new: newEstimator }, { keepPairs: true }).new!.pairs, 0.85);
    const held = replayAccuracy({ centres, days: 2, seed: 8 }, { new: newEstimator }, { bands: { new: bands } }).new!;
    expect(held.inRange).toBeGreaterThan(0.72);
    expect(held.inRange).toBeLessThan(0.97);
  });
});

describe('the new estimator', () => {
  const obs = (over: Partial<QueueObservation>): QueueObservation => ({ now: 100, expectedMinutes: 10, openCounters: 2, busySince: [90, 95], recent: [], ...over });

  it('answers no wait while a counter is free for the ticket', () => {
    expect(estimateWait(0, obs({ busySince: [90] }))).toBe(0);
    expect(estimateWait(1, obs({ busySince: [90] }))).toBeGreaterThan(0);
  });

  it('measures the counter time per call, no-shows included, shrunk towards the expected time', () => {
    const quick = Array.from({ length: 40 }, (_, i) => ({ calledAt: 50 - i * 2, startedAt: null, finishedAt: 52 - i * 2, done: false }));
    expect(estimateWait(3, obs({ recent: quick }))).toBeLessThan(estimateWait(3, obs({})));
    expect(waitAhead(3, 10, 2, 0)).toBe(17.5);
  });

  it('shows a range at least five minutes wide, to the nearest five, never below zero', () => {
    const bands = [{ upTo: 10, below: -2, above: 3 }, { upTo: Infinity, below: -10, above: 8 }];
    expect(waitRange(0, bands)).toEqual([0, 5]);
    expect(waitRange(20, bands)).toEqual([10, 30]);
    expect(waitRange(6, bands)).toEqual([5, 10]);
  });
});
