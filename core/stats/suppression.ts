/**
 * Small numbers never identify anyone: every figure that leaves the staff screens (CSV, open data,
 * the annual report) hides counts of fewer than five people (primary suppression), and then
 * enough other cells that no hidden count can be worked back from the published totals
 * (secondary suppression: no row or column is left with exactly one unknown).
 */
export const MIN_PEOPLE = 5;

const isSmall = (v: number) => v > 0 && v < MIN_PEOPLE;

/**
 * Which cells of one line to hide when the line's total is published: the small ones, and if that
 * leaves a single unknown, the smallest other cell too (a non-zero one if there is any).
 */
export function suppressLine(values: readonly number[], alreadyHidden: readonly boolean[] = []): boolean[] {
  const hidden = values.map((v, i) => alreadyHidden[i] === true || isSmall(v));
  protectLine(values, hidden);
  return hidden;
}

/** Adds one more hidden cell to a line that has exactly one; returns whether it changed anything. */
function protectLine(values: readonly number[], hidden: boolean[], columns: readonly number[] = values.map((_, i) => i)): boolean {
  const unknown = columns.filter((i) => hidden[i]);
  if (unknown.length !== 1) return false;
  const candidates = columns.filter((i) => !hidden[i]);
  if (candidates.length === 0) return false;
  const best = candidates.reduce((a, b) => {
    const va = values[a]!;
    const vb = values[b]!;
    // Prefer the smallest non-zero cell: hiding a zero next to a small count protects it too, but less usefully.
    if ((va > 0) !== (vb > 0)) return va > 0 ? a : b;
    return vb < va ? b : a;
  });
  hidden[best] = true;
  return true;
}

export interface SuppressibleRow {
  /** The row's own total (people or tickets): a row under five is hidden whole. */
  total: number;
  /** Counts that add up to `total` (e.g. served, no-shows, transfers, cancelled). */
  parts: number[];
}

export interface Suppression {
  /** Rows hidden whole. */
  rowHidden: boolean[];
  /** Per row, per part: hidden. */
  partHidden: boolean[][];
  /** The grand total itself is under five: publish nothing. */
  totalHidden: boolean;
  /** Column totals to hide: a column left with a lone unknown that no other row could cover. */
  totalPartHidden: boolean[];
}

/**
 * Suppression for a table with a published grand total and published column totals: rows under
 * five hidden whole, small parts hidden inside the rest, and secondary cells chosen until every
 * row and every column has either no unknown or at least two.
 */
export function suppressTable(rows: readonly SuppressibleRow[]): Suppression {
  const grand = rows.reduce((s, r) => s + r.total, 0);
  const width = rows[0]?.parts.length ?? 0;
  if (isSmall(grand)) return { rowHidden: rows.map(() => true), partHidden: rows.map((r) => r.parts.map(() => true)), totalHidden: true, totalPartHidden: new Array<boolean>(width).fill(true) };
  const rowHidden = suppressLine(rows.map((r) => r.total));
  const partHidden = rows.map((r, i) => (rowHidden[i] ? r.parts.map(() => true) : suppressLine(r.parts)));
  // Rows and columns protect each other: repeat until neither leaves a lone unknown.
  for (let round = 0; round < 4 * (rows.length + width) + 4; round++) {
    let changed = false;
    for (let j = 0; j < width; j++) {
      const column = rows.map((r) => r.parts[j]!);
      const hidden = rows.map((_, i) => partHidden[i]![j]!);
      const visibleRows = rows.map((_, i) => i).filter((i) => !rowHidden[i]);
      const lone = hidden.filter(Boolean).length === 1;
      if (lone && visibleRows.length) {
        // Hide the same part in another visible row (the smallest), so the column keeps two unknowns.
        if (protectLine(column, hidden, rows.map((_, i) => i).filter((i) => !rowHidden[i] || hidden[i]))) {
          hidden.forEach((h, i) => (partHidden[i]![j] = h));
          changed = true;
        }
      }
    }
    for (let i = 0; i < rows.length; i++) {
      if (rowHidden[i]) continue;
      if (protectLine(rows[i]!.parts, partHidden[i]!)) changed = true;
    }
    if (!changed) break;
  }
  const lone = Array.from({ length: width }, (_, j) => rows.filter((_, i) => partHidden[i]![j]).length === 1);
  // The column totals are a line of their own (they add up to the grand total): small ones hidden too.
  const totalPartHidden = suppressLine(
    Array.from({ length: width }, (_, j) => rows.reduce((sum, r) => sum + r.parts[j]!, 0)),
    lone,
  );
  return { rowHidden, partHidden, totalHidden: false, totalPartHidden };
}
