import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, localized, type Centre, type List, type Partner, type Service } from '../api.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useGet } from '../ui/useApi.ts';
import { BreakdownChart, FiguresTable } from './Breakdown.tsx';
import { breakdownsFor, StatsFilters } from './Filters.tsx';
import { AnnualReport } from './AnnualReport.tsx';
import { useFormatters } from './format.ts';
import { Headline } from './Headline.tsx';
import { filtersFromSearch, isTimeBreakdown, localDate, naturalBreakdown, presetRange, scopeOf, searchOfFilters, statsQuery, type Filters, type StatsResult } from './model.ts';
import './stats.css';

/**
 * /app/stats: visits, tickets and waits for a period, against the previous one. The question
 * lives in the address (bookmarkable); the answer comes from GET /api/stats, and the same query
 * downloads as CSV from /api/stats.csv.
 */
export function StatsPage() {
  const { t, i18n } = useTranslation('stats');
  const { session } = useSession();
  const { search } = useLocation();
  const fmt = useFormatters();
  const centres = useGet<List<Centre>>('/api/centres');
  const partners = useGet<List<Partner>>('/api/partners');
  const user = session?.user;
  const scope = user ? scopeOf(user) : null;
  const centreList = centres.data?.items ?? [];
  // "Today" is the centre's own date (the statistics are kept in its calendar); for the network, the first centre's.
  const anchor = centreList.find((c) => c.id === scope?.centreId) ?? centreList[0];
  const today = localDate(new Date(), anchor?.timeZone);
  const filters = filtersFromSearch(search, today);
  const centreId = scope?.centreId ?? filters.centreId;
  const services = useGet<List<Service>>(centreId ? `/api/services?centreId=${encodeURIComponent(centreId)}` : null);
  const reversed = filters.to < filters.from;
  const lang = i18n.language;
  const query = scope && centres.data && !reversed ? statsQuery(filters, scope, lang) : null;
  const stats = useAnswer(query ? `/api/stats?${query}` : null);
  if (!user || !scope) return null;

  const update = (change: Partial<Filters>) => {
    const next: Filters = { ...filters, ...change };
    if (change.preset && change.preset !== 'custom') {
      Object.assign(next, presetRange(change.preset, today));
      // A time breakdown follows the period's length (hours of a day, days of a month…); another stays.
      if (isTimeBreakdown(filters.by)) next.by = naturalBreakdown(next.from, next.to);
    }
    if (!breakdownsFor(scope, next).includes(next.by)) next.by = naturalBreakdown(next.from, next.to);
    navigate(`/app/stats?${searchOfFilters(next)}`, { replace: true });
  };

  const result = stats.data;
  const current = stats.current;
  const scopeName = [
    scope.centreId ? (centreList.find((c) => c.id === scope.centreId)?.name ?? '') : filters.centreId ? (centreList.find((c) => c.id === filters.centreId)?.name ?? '') : t('scope.network'),
    localized(partners.data?.items.find((p) => p.id === (scope.partnerId ?? filters.partnerId))?.name, lang),
  ]
    .filter(Boolean)
    .join(' · ');
  const error = stats.error ?? centres.error ?? partners.error;
  return (
    <div className="stats">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <StatsFilters scope={scope} filters={filters} choices={{ centres: centreList, partners: partners.data?.items ?? [], services: services.data?.items ?? [] }} reversed={reversed} onChange={update} />
      {error && (
        <p role="alert" className="field-error">
          {error.message}
        </p>
      )}
      <p className="stats-question" aria-live="polite" data-testid="stats-question">
        {result && current
          ? [scopeName, fmt.period(result.from, result.to), result.previous ? t('comparedWith', { period: fmt.period(result.previous.from, result.previous.to) }) : ''].filter(Boolean).join(' — ')
          : reversed
            ? ''
            : t('loading')}
      </p>
      {/* An answer to another question is not shown beside a period the page refuses. */}
      {result && !reversed && (
        <div className="stats-answer" aria-busy={!current}>
          <Headline result={result} fmt={fmt} />
          <BreakdownChart key={`${result.by}`} result={result} fmt={fmt} />
          <FiguresTable result={result} fmt={fmt} csvHref={`/api/stats.csv?${query ?? ''}`} />
        </div>
      )}
      {/* A report is about a whole centre or the network: not offered to one agency's officers. */}
      {!scope.partnerId && <AnnualReport centreId={scope.centreId} thisYear={Number(localDate(new Date()).slice(0, 4))} />}
    </div>
  );
}

/**
 * The answer to the latest question. The previous answer stays on screen (marked busy) while the
 * next loads, and an answer that arrives after a newer question was asked is dropped.
 */
function useAnswer(path: string | null): { data: StatsResult | undefined; current: boolean; error: Error | null } {
  const [state, setState] = useState<{ path: string; data: StatsResult } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const latest = useRef(path);
  useEffect(() => {
    latest.current = path;
    if (!path) return;
    get<StatsResult>(path).then(
      (data) => {
        if (latest.current !== path) return;
        setState({ path, data });
        setError(null);
      },
      (e: unknown) => {
        if (latest.current === path) setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  }, [path]);
  return { data: state?.data, current: !!state && state.path === path, error };
}
