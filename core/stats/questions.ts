/**
 * The shape of a statistics question and its answer, shared by the server (API, CSV, report) and
 * the web app, so both always agree on what a row holds.
 */
import type { TicketFigures, VisitFigures } from './measures.ts';

/** What each row of an answer is: a place or agency, a breakdown value, or a time. */
export const BREAKDOWNS = ['total', 'centre', 'partner', 'service', 'language', 'nationality', 'channel', 'priority', 'hour', 'weekday', 'day', 'week', 'month', 'year'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const TIME_BREAKDOWNS: readonly Breakdown[] = ['hour', 'weekday', 'day', 'week', 'month', 'year'];
export const isTimeBreakdown = (by: Breakdown) => TIME_BREAKDOWNS.includes(by);

export interface StatsRow {
  key: string;
  label: string;
  tickets: TicketFigures;
  /** Visit figures: null where the question is about one agency or service (a visit spans several). */
  visits: VisitFigures | null;
}

export interface StatsResult {
  from: string;
  to: string;
  by: Breakdown;
  rows: StatsRow[];
  total: StatsRow;
  previous: { from: string; to: string; rows: StatsRow[]; total: StatsRow } | null;
}
