/**
 * Waits and handling times are kept as counts per time bucket, so that a median or 90th
 * percentile over years of tickets is a sum of a few columns instead of a sort of millions of
 * rows. Buckets are fine where most waits fall and coarse in the long tail; a percentile is
 * exact to its bucket and interpolated inside it.
 */

/** Lower bounds of the buckets, in minutes; the last bucket is open-ended. */
export const BUCKET_BOUNDS_MINUTES = [0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240] as const;
export const BUCKET_COUNT = BUCKET_BOUNDS_MINUTES.length;

/** The bucket a duration (in seconds) falls into. */
export function bucketOf(seconds: number): number {
  const minutes = Math.max(0, seconds) / 60;
  let i = BUCKET_COUNT - 1;
  while (i > 0 && minutes < BUCKET_BOUNDS_MINUTES[i]!) i--;
  return i;
}

export interface Percentile {
  /** Interpolated value in minutes (the lower bound for the open-ended last bucket). */
  minutes: number;
  /** The bucket it lies in, in minutes; `high` is null for the open-ended last bucket. */
  low: number;
  high: number | null;
}

/**
 * The p-th percentile (0 < p ≤ 1) by nearest rank over bucket counts, placed linearly inside its
 * bucket. Null when there is nothing to measure.
 */
export function percentileOf(counts: readonly number[], p: number): Percentile | null {
  const n = counts.reduce((s, c) => s + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0 && before + c >= rank) {
      const low = BUCKET_BOUNDS_MINUTES[i]!;
      const high = i + 1 < BUCKET_COUNT ? BUCKET_BOUNDS_MINUTES[i + 1]! : null;
      const minutes = high === null ? low : low + ((high - low) * (rank - before)) / c;
      return { minutes: Math.round(minutes * 10) / 10, low, high };
    }
    before += c;
  }
  return null;
}

/** Adds two histograms of the same length. */
export function addCounts(a: number[], b: readonly number[]): number[] {
  for (let i = 0; i < b.length; i++) a[i] = (a[i] ?? 0) + b[i]!;
  return a;
}
