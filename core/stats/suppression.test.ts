import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_PEOPLE, suppressLine, suppressTable } from './suppression.ts';

describe('small-number suppression', () => {
  it('hides a small count and a partner cell so it cannot be worked back from the total', () => {
    expect(suppressLine([120, 3, 40])).toEqual([false, true, true]);
    expect(suppressLine([120, 3, 2])).toEqual([false, true, true]);
    expect(suppressLine([120, 0, 40])).toEqual([false, false, false]);
    // Only zeros beside it: a zero is hidden too, so 3 could be 0–3.
    expect(suppressLine([3, 0])).toEqual([true, true]);
  });

  it('never lets a cell under five out, and never leaves a lone unknown in a row or a column', () => {
    const row = fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 4 }).map((parts) => ({ total: parts.reduce((a, b) => a + b, 0), parts }));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        const s = suppressTable(rows);
        if (s.totalHidden) return;
        rows.forEach((r, i) => {
          if (!s.rowHidden[i]) expect(r.total === 0 || r.total >= MIN_PEOPLE).toBe(true);
          r.parts.forEach((v, j) => {
            if (!s.partHidden[i]![j]) expect(v === 0 || v >= MIN_PEOPLE).toBe(true);
          });
          if (!s.rowHidden[i]) expect(s.partHidden[i]!.filter(Boolean).length).not.toBe(1);
        });
        expect(s.rowHidden.filter(Boolean).length).not.toBe(1);
        for (let j = 0; j < 4; j++) {
          // A lone unknown in a column is safe only if the column's total is not published either.
          const unknown = rows.filter((_, i) => s.partHidden[i]![j]).length;
          if (unknown === 1) expect(s.totalPartHidden[j]).toBe(true);
          const columnTotal = rows.reduce((sum, r) => sum + r.parts[j]!, 0);
          if (!s.totalPartHidden[j]) expect(columnTotal === 0 || columnTotal >= MIN_PEOPLE).toBe(true);
        }
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});
