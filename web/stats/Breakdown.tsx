import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChart, Legend, LineChart, type ChartPoint } from './charts.tsx';
import { SortableTable, type Column } from './SortableTable.tsx';
import type { Formatters } from './format.ts';
import { alignsByKey, changeOf, figureOf, FIGURE_KIND, FIGURES, isTimeBreakdown, timeKeys, VISIT_FIGURES, type Figure, type StatsResult, type StatsRow } from './model.ts';

/** Bars beyond this many would be too thin to read; the table lists every row. */
const MAX_BARS = 15;

/** Figures the answer has: visit figures are unknown for one partner or service. */
export const availableFigures = (result: StatsResult): Figure[] => FIGURES.filter((f) => result.total.visits !== null || !VISIT_FIGURES.includes(f));

/** The chart's points: every period of a time breakdown (empty ones as zero), else the largest rows. */
function pointsOf(result: StatsResult, figure: Figure, fmt: Formatters): ChartPoint[] {
  const { by } = result;
  const count = FIGURE_KIND[figure] === 'count';
  // A period without a ticket had zero visits but no wait at all.
  const valueOf = (row: StatsRow | undefined) => (row ? figureOf(row, figure) : count ? 0 : null);
  const previous = result.previous;
  const previousByKey = new Map(previous?.rows.map((r) => [r.key, r]) ?? []);
  if (isTimeBreakdown(by)) {
    const now = new Map(result.rows.map((r) => [r.key, r]));
    let keys = timeKeys(by, result.from, result.to);
    const previousKeys = previous ? timeKeys(by, previous.from, previous.to) : [];
    if (by === 'hour') {
      // Only the hours anyone came, not a night of zeros.
      const open = keys.filter((k) => now.has(k) || previousByKey.has(k));
      keys = open.length ? keys.slice(keys.indexOf(open[0]!), keys.indexOf(open[open.length - 1]!) + 1) : [];
    }
    return keys.map((key, i) => {
      const row = now.get(key);
      const before = alignsByKey(by) ? previousByKey.get(key) : previousByKey.get(previousKeys[i] ?? '');
      const hasBefore = alignsByKey(by) || i < previousKeys.length;
      return {
        key,
        label: fmt.label(by, row ?? { key, label: key }),
        tick: fmt.label(by, row ?? { key, label: key }, true),
        value: valueOf(row),
        previous: previous && hasBefore ? valueOf(before) : null,
      };
    });
  }
  return result.rows
    .map((row) => ({ key: row.key, label: fmt.label(by, row), tick: fmt.label(by, row), value: figureOf(row, figure), previous: previous ? valueOf(previousByKey.get(row.key)) : null }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
    .slice(0, MAX_BARS);
}

/** One chart of the chosen figure over the breakdown, with its table; "total" has no chart. */
export function BreakdownChart({ result, fmt }: { result: StatsResult; fmt: Formatters }) {
  const { t } = useTranslation('stats');
  const figures = availableFigures(result);
  const [chosen, setChosen] = useState<Figure>('visits');
  const figure = figures.includes(chosen) ? chosen : 'tickets';
  const { by } = result;
  if (by === 'total') return null;
  const time = isTimeBreakdown(by);
  const points = pointsOf(result, figure, fmt);
  const withPrevious = !!result.previous;
  const figureName = t(`figures.${figure}`);
  const byPhrase = t(`byPhrase.${by}`);
  const period = fmt.period(result.from, result.to);
  const previousPeriod = result.previous ? fmt.period(result.previous.from, result.previous.to) : null;
  const format = (v: number) => fmt.figure(figure, v);
  const known = points.filter((p) => p.value !== null);
  const top = known.reduce<ChartPoint | null>((best, p) => (best === null || p.value! > best.value! ? p : best), null);
  const bottom = known.reduce<ChartPoint | null>((worst, p) => (worst === null || p.value! < worst.value! ? p : worst), null);
  const summary = [
    top && bottom
      ? t(time ? 'chart.lineSummary' : 'chart.barSummary', {
          figure: figureName,
          by: byPhrase,
          period,
          top: top.label,
          topValue: format(top.value!),
          bottom: bottom.label,
          bottomValue: format(bottom.value!),
        })
      : t('chart.empty'),
    previousPeriod ? t(time ? 'chart.previousLine' : 'chart.previousBars', { period: previousPeriod }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const previousByKey = new Map(result.previous?.rows.map((r) => [r.key, r]) ?? []);
  // The table behind the chart: every row (bars are capped), this period, the previous and the change.
  const tableRows: ChartPoint[] = time ? points : result.rows.map((row) => ({ key: row.key, label: fmt.label(by, row), tick: '', value: figureOf(row, figure), previous: result.previous ? (figureOf(previousByKey.get(row.key), figure) ?? (FIGURE_KIND[figure] === 'count' ? 0 : null)) : null }));
  const columns: Column<ChartPoint>[] = [
    { id: 'label', header: t(`dimension.${by}`), sortValue: (p) => (time ? p.key : p.label), cell: (p) => p.label },
    { id: 'value', header: t('chart.thisPeriod'), numeric: true, sortValue: (p) => p.value, cell: (p) => (p.value === null ? t('figures.unknown') : format(p.value)) },
  ];
  if (withPrevious) {
    columns.push(
      { id: 'previous', header: t('chart.previousPeriod'), numeric: true, sortValue: (p) => p.previous ?? null, cell: (p) => (p.previous === null || p.previous === undefined ? t('figures.unknown') : format(p.previous)) },
      {
        id: 'change',
        header: t('chart.change'),
        sortValue: (p) => (p.value !== null && p.previous != null ? p.value - p.previous : null),
        numeric: true,
        cell: (p) => fmt.signedChange(figure, changeOf(FIGURE_KIND[figure], p.value, p.previous ?? null)),
      },
    );
  }
  return (
    <section aria-labelledby="stats-chart-title" className="stats-chart-section">
      <h2 id="stats-chart-title">{t('chart.title', { by: byPhrase })}</h2>
      <div className="field inline">
        <label htmlFor="stats-figure">{t('chart.figure')}</label>
        <select id="stats-figure" value={figure} onChange={(e) => setChosen(e.target.value as Figure)}>
          {figures.map((f) => (
            <option key={f} value={f}>
              {t(`figures.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <figure className="stats-figure" data-testid="stats-chart">
        <figcaption>{t('chart.caption', { figure: figureName, by: byPhrase, period })}</figcaption>
        {points.length === 0 ? (
          <p>{t('chart.empty')}</p>
        ) : (
          <>
            <Legend kind={time ? 'line' : 'bar'} current={t('chart.legendCurrent', { period })} previous={previousPeriod ? t('chart.legendPrevious', { period: previousPeriod }) : null} />
            {time ? <LineChart points={points} withPrevious={withPrevious} summary={summary} format={format} share={FIGURE_KIND[figure] === 'share'} testId="stats-chart-svg" /> : <BarChart points={points} withPrevious={withPrevious} summary={summary} format={format} share={FIGURE_KIND[figure] === 'share'} testId="stats-chart-svg" />}
            {!time && result.rows.length > MAX_BARS && <p className="hint">{t('chart.capped', { shown: MAX_BARS, total: result.rows.length })}</p>}
          </>
        )}
        <details className="stats-details">
          <summary>{t('chart.showTable')}</summary>
          <SortableTable caption={t('chart.tableCaption', { figure: figureName, by: byPhrase })} columns={columns} rows={tableRows} rowKey={(p) => p.key} testId="stats-chart-table" />
        </details>
      </figure>
    </section>
  );
}

/** Every figure for every row of the breakdown, with the total underneath: the CSV's table. */
export function FiguresTable({ result, fmt, csvHref }: { result: StatsResult; fmt: Formatters; csvHref: string }) {
  const { t } = useTranslation('stats');
  const figures = availableFigures(result);
  const { by } = result;
  const columns: Column<StatsRow>[] = [
    { id: 'label', header: t(`dimension.${by}`), sortValue: (r) => (isTimeBreakdown(by) ? r.key : fmt.label(by, r)), cell: (r) => (r.key === 'total' ? t('table.total') : fmt.label(by, r)) },
    ...figures.map<Column<StatsRow>>((f) => ({ id: f, header: t(`figures.${f}`), numeric: true, sortValue: (r) => figureOf(r, f), cell: (r) => fmt.rowFigure(r, f) })),
  ];
  return (
    <section aria-labelledby="stats-table-title">
      <h2 id="stats-table-title">{by === 'total' ? t('table.titleTotal') : t('table.title', { by: t(`byPhrase.${by}`) })}</h2>
      <p className="actions">
        <a className="button secondary" href={csvHref} download data-testid="stats-csv">
          {t('table.csv')}
        </a>
      </p>
      <p className="hint">{t('table.csvHint')}</p>
      <SortableTable
        caption={t('table.caption', { period: fmt.period(result.from, result.to) })}
        columns={columns}
        rows={by === 'total' ? [] : result.rows}
        rowKey={(r) => r.key}
        footer={result.total}
        testId="stats-table"
      />
    </section>
  );
}
