/**
 * Survey results as the IOM evaluation of the CNAI reported them: each question on a 4-point scale
 * (1 = the most positive answer, 4 = the most negative), the two positive answers together against
 * the two negative ones ("Very adequate or adequate: 82.6%; not very adequate or not adequate at
 * all: 17.4%"), each answer's share, the number of answers and a 95% confidence interval.
 */

/** The values of a 4-point scale, most positive first. */
export const SCALE_VALUES = [1, 2, 3, 4] as const;
export type ScaleValue = (typeof SCALE_VALUES)[number];

/** Whether an answer is one of the two positive ones. */
export const isPositive = (value: ScaleValue): boolean => value <= 2;

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * The Wilson score interval for a proportion of `successes` in `n` (Wilson 1927): unlike the
 * textbook "p ± z·√(p(1−p)/n)" it stays within 0…1 and is honest for small n and for shares
 * near 0% or 100% (96% kindness on 50 answers is not "93–99%" but about 86–99%).
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || n <= 0 || successes < 0 || successes > n) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface CategoryShare {
  value: ScaleValue;
  count: number;
  /** 0…1; null without answers. */
  share: number | null;
}

export interface GroupShare {
  count: number;
  share: number | null;
  ci95: Interval | null;
}

export interface QuestionSummary {
  /** Answers to this question (a respondent may skip a question). */
  answers: number;
  categories: CategoryShare[];
  positive: GroupShare;
  negative: GroupShare;
}

/** Summarises the counts of answers 1…4 (index 0 = value 1). */
export function summarizeQuestion(counts: readonly [number, number, number, number]): QuestionSummary {
  const answers = counts.reduce((a, b) => a + b, 0);
  const share = (k: number) => (answers > 0 ? k / answers : null);
  const positive = counts[0] + counts[1];
  const negative = counts[2] + counts[3];
  return {
    answers,
    categories: SCALE_VALUES.map((value, i) => ({ value, count: counts[i]!, share: share(counts[i]!) })),
    positive: { count: positive, share: share(positive), ci95: wilsonInterval(positive, answers) },
    negative: { count: negative, share: share(negative), ci95: wilsonInterval(negative, answers) },
  };
}

/**
 * A share written as the seed writes it: a percentage with at most one decimal ("82.6%", "96%"),
 * in the reader's locale ("82,6 %" in Portuguese).
 */
export function formatShare(share: number | null, locale: string): string {
  if (share == null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(share);
}

export interface SuppressedCounts {
  answers: number | null;
  positive: number | null;
  negative: number | null;
  /** Answers 1…4. */
  categories: (number | null)[];
}

/**
 * Small numbers never identify anyone: in anything that leaves the staff screens (CSV, open data,
 * a report) no count of 1–4 people is shown, nor one that could be worked out from the counts that
 * are (secondary suppression). The counts are tied together — answers = positive + negative,
 * positive = answers 1 + 2, negative = answers 3 + 4 — so: fewer than `min` answers hides the whole
 * question; a small group hides both groups and every answer; a small answer hides both answers of
 * its group. Zeros are shown: "nobody" identifies nobody.
 */
export function suppressQuestion(counts: readonly [number, number, number, number], min = 5): SuppressedCounts {
  const small = (n: number) => n > 0 && n < min;
  const answers = counts.reduce((a, b) => a + b, 0);
  const positive = counts[0] + counts[1];
  const negative = counts[2] + counts[3];
  if (answers < min) return { answers: answers === 0 ? 0 : null, positive: answers === 0 ? 0 : null, negative: answers === 0 ? 0 : null, categories: counts.map((c) => (answers === 0 ? c : null)) };
  if (small(positive) || small(negative)) return { answers, positive: null, negative: null, categories: [null, null, null, null] };
  const pair = (a: number, b: number) => (small(a) || small(b) ? [null, null] : [a, b]);
  return { answers, positive, negative, categories: [...pair(counts[0], counts[1]), ...pair(counts[2], counts[3])] };
}
