/**
 * Statistics as they may leave the staff screens — CSV downloads, open data, the annual report:
 * every count under five people hidden, with the secondary cells that would reveal it.
 */
import { CSV_BOM, toCsv } from '../../../core/csv.ts';
import { MIN_PEOPLE, suppressLine, suppressTable } from '../../../core/stats/suppression.ts';
import type { StatsResult, StatsRow } from './service.ts';

export const PUBLISHED_COLUMNS = [
  'tickets',
  'served',
  'no_shows',
  'transfers',
  'cancelled',
  'visits',
  'people_served',
  'multi_desk_visits',
  'mean_wait_minutes',
  'median_wait_minutes',
  'p90_wait_minutes',
  'called_within_target_share',
  'mean_handling_minutes',
] as const;

export type PublishedValue = number | null;
export interface PublishedRow {
  key: string;
  label: string;
  /** null where a figure is hidden (fewer than five people) or not known. */
  values: Record<(typeof PUBLISHED_COLUMNS)[number], PublishedValue>;
}

/** The note every published table carries. */
export const SUPPRESSION_NOTE = `Counts of fewer than ${MIN_PEOPLE} people, and the cells that would reveal them, are left empty.`;

export function publishTable(result: Pick<StatsResult, 'rows' | 'total'>): { rows: PublishedRow[]; total: PublishedRow } {
  const all: StatsRow[] = [...result.rows];
  const s = suppressTable(all.map((r) => ({ total: r.tickets.tickets, parts: [r.tickets.served, r.tickets.noShows, r.tickets.transfers, r.tickets.cancelled] })));
  const visitsHidden = suppressLine(all.map((r) => r.visits?.visits ?? 0));
  const hideSmall = (v: number | undefined | null) => (v === undefined || v === null ? null : v > 0 && v < MIN_PEOPLE ? null : v);
  const toRow = (r: StatsRow, rowHidden: boolean, partHidden: boolean[], visitHidden: boolean): PublishedRow => {
    const t = r.tickets;
    const waitsShown = !rowHidden && t.waited >= MIN_PEOPLE;
    const visits = r.visits;
    return {
      key: r.key,
      label: r.label,
      values: {
        tickets: rowHidden ? null : t.tickets,
        served: partHidden[0] ? null : t.served,
        no_shows: partHidden[1] ? null : t.noShows,
        transfers: partHidden[2] ? null : t.transfers,
        cancelled: partHidden[3] ? null : t.cancelled,
        visits: !visits || visitHidden ? null : visits.visits,
        people_served: !visits || visitHidden ? null : hideSmall(visits.peopleServed),
        multi_desk_visits: !visits || visitHidden ? null : hideSmall(visits.multiDeskVisits),
        mean_wait_minutes: waitsShown ? t.meanWaitMinutes : null,
        median_wait_minutes: waitsShown ? (t.medianWait?.minutes ?? null) : null,
        p90_wait_minutes: waitsShown ? (t.p90Wait?.minutes ?? null) : null,
        called_within_target_share: waitsShown && t.withinTargetShare !== null ? Math.round(t.withinTargetShare * 1000) / 1000 : null,
        mean_handling_minutes: !rowHidden && t.handled >= MIN_PEOPLE ? t.meanHandlingMinutes : null,
      },
    };
  };
  const rows = all.map((r, i) => toRow(r, s.rowHidden[i]!, s.partHidden[i]!, visitsHidden[i]!));
  const totalSmall = (result.total.visits?.visits ?? MIN_PEOPLE) < MIN_PEOPLE;
  const total = toRow(result.total, s.totalHidden, s.totalHidden ? [true, true, true, true] : s.totalPartHidden, totalSmall || s.totalHidden);
  return { rows, total };
}

export function publishedCsv(result: Pick<StatsResult, 'rows' | 'total' | 'by'>, totalLabel: string): string {
  const { rows, total } = publishTable(result);
  const line = (r: PublishedRow) => [r.key, r.label, ...PUBLISHED_COLUMNS.map((c) => r.values[c])];
  return CSV_BOM + toCsv([result.by, 'label', ...PUBLISHED_COLUMNS], [...rows.map(line), line({ ...total, key: 'total', label: totalLabel })]);
}
