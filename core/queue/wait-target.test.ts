import { describe, expect, it } from 'vitest';
import { waitState } from './wait-target.ts';

describe('a queue against its target wait', () => {
  it('is empty with nobody waiting, whatever the numbers', () => {
    expect(waitState(0, 90, 20)).toBe('empty');
  });
  it('is within, near (the last fifth) or past the target', () => {
    expect(waitState(3, 10, 20)).toBe('within');
    expect(waitState(3, 15, 20)).toBe('within');
    expect(waitState(3, 16, 20)).toBe('near');
    expect(waitState(3, 20, 20)).toBe('near');
    expect(waitState(3, 21, 20)).toBe('past');
  });
  it('has nothing to be past without a target', () => {
    expect(waitState(3, 300, null)).toBe('within');
    expect(waitState(3, 300, 0)).toBe('within');
  });
});
