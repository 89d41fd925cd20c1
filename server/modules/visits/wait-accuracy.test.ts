import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACCURACY_FILE, measureWaitAccuracy, shownWaitRange, withinFiveInTen } from './wait-accuracy.ts';

describe('published wait accuracy', () => {
  it('wait-accuracy.json is what the replay measures now (rerun: npx tsx scripts/bench-wait.ts --write)', () => {
    expect(JSON.parse(readFileSync(ACCURACY_FILE, 'utf8'))).toEqual(measureWaitAccuracy());
  }, 60_000);

  it('publishes the new estimator: within five minutes for 8 in 10, and ranges that grow with the estimate', () => {
    expect(withinFiveInTen()).toBeGreaterThanOrEqual(8);
    const [l1, h1] = shownWaitRange(5);
    const [l2, h2] = shownWaitRange(40);
    expect(h1 - l1).toBeLessThan(h2 - l2);
    expect(l2).toBeLessThanOrEqual(40);
    expect(h2).toBeGreaterThanOrEqual(40);
  });
});
