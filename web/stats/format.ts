import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formattingLocale } from '../../core/languages.ts';
import { FIGURE_KIND, isLowerBound, figureOf, type Breakdown, type Change, type Figure, type StatsRow } from './model.ts';

/** Dates and numbers as the rest of the app writes them (English day-first); anything Intl does not know, as English. */
const intlLocale = (lang: string) => {
  const locale = formattingLocale(lang);
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length ? locale : 'en-GB';
  } catch {
    return 'en-GB';
  }
};

/** A Monday, to name ISO weekdays 1–7 through Intl. */
const MONDAY = Date.UTC(2024, 0, 1);

export interface Formatters {
  lang: string;
  number(n: number): string;
  /** A figure of the given kind: "1 234", "12,5 min", "83,4 %"; an em dash when unknown. */
  figure(figure: Figure, value: number | null, lowerBound?: boolean): string;
  /** A row's figure, with "240+ min" for a percentile in the open-ended last bucket. */
  rowFigure(row: StatsRow | undefined, figure: Figure): string;
  /** The change against the previous period, in words (the arrow is shown apart, hidden from screen readers). */
  change(figure: Figure, change: Change | null, previous: number | null): string;
  /** The same, short, for a table column headed "Change": "+12 %", "−2,5 min", "+3 points". */
  signedChange(figure: Figure, change: Change | null): string;
  date(day: string): string;
  period(from: string, to: string): string;
  /** A breakdown key as a person reads it; `short` for chart axes. */
  label(by: Breakdown, row: { key: string; label: string }, short?: boolean): string;
}

export function useFormatters(): Formatters {
  const { t, i18n } = useTranslation('stats');
  const lang = i18n.language;
  return useMemo(() => {
    const locale = intlLocale(lang);
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const longDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const shortDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const monthYear = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const shortMonth = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
    const shortWeekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    const utc = (day: string) => new Date(`${day}T00:00:00Z`);

    const figure = (f: Figure, value: number | null, lowerBound = false) => {
      if (value === null) return t('figures.unknown');
      switch (FIGURE_KIND[f]) {
        case 'count':
          return integer.format(value);
        case 'minutes':
          return t(lowerBound ? 'units.minutesAtLeast' : 'units.minutes', { value: decimal.format(value) });
        case 'share':
          return percent.format(value);
      }
    };
    const amountOf = (f: Figure, c: Change) => {
      if (c.amount === null) return '';
      switch (FIGURE_KIND[f]) {
        case 'count':
          return percent.format(c.amount);
        case 'minutes':
          return t('units.minutes', { value: decimal.format(c.amount) });
        case 'share':
          return t('units.points', { value: points.format(c.amount * 100) });
      }
    };
    const date = (day: string) => longDate.format(utc(day));
    return {
      lang,
      number: (n) => integer.format(n),
      figure,
      rowFigure: (row, f) => figure(f, figureOf(row, f), isLowerBound(row, f)),
      change: (f, c, previous) => {
        if (!c) return t('change.none');
        if (c.direction === 'same') return t('change.same');
        if (c.amount === null) return t('change.fromZero');
        return t(c.direction === 'up' ? 'change.up' : 'change.down', { amount: amountOf(f, c), previous: figure(f, previous) });
      },
      signedChange: (f, c) => {
        if (!c) return t('figures.unknown');
        if (c.direction === 'same') return t('change.sameShort');
        if (c.amount === null) return t('change.fromZero');
        return `${c.direction === 'up' ? '+' : '−'}${amountOf(f, c)}`;
      },
      date,
      period: (from, to) => (from === to ? date(from) : t('period', { from: date(from), to: date(to) })),
      label: (by, row, short = false) => {
        const { key } = row;
        switch (by) {
          case 'total':
            return t('table.total');
          case 'channel':
          case 'priority':
            return t(`values.${by}.${key}`, { defaultValue: key });
          case 'nationality':
            return key === 'unknown' ? t('values.unknown') : row.label;
          case 'hour': {
            const next = String((Number(key) + 1) % 24).padStart(2, '0');
            return short ? key : t('values.hour', { from: `${key}:00`, to: `${next}:00` });
          }
          case 'weekday': {
            const at = new Date(MONDAY + (Number(key) - 1) * 86_400_000);
            return (short ? shortWeekday : weekday).format(at);
          }
          case 'day':
            return short ? shortDate.format(utc(key)) : date(key);
          case 'week': {
            const [year, week] = key.split('-W');
            return short ? `${t('values.weekShort')}${Number(week)}` : t('values.week', { week: Number(week), year });
          }
          case 'month':
            return (short ? shortMonth : monthYear).format(utc(`${key}-01`));
          default:
            return row.label;
        }
      },
    };
  }, [t, lang]);
}
