import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { scaleBand, scaleLinear } from 'd3-scale';
import { line, curveStepAfter } from 'd3-shape';
import { formattingLocale } from '../../core/languages.ts';
import { get, type Centre, type List } from '../api.ts';
import { useSession } from '../session.tsx';
import { useGet } from '../ui/useApi.ts';
import { CELL_SYMBOL, cellState, inputsValid, nextMonday, plannerQuery, plansAnyCentre, type PlanHour, type PlannedServiceResult, type PlannerInputs, type PlannerResult } from './model.ts';
import './planner.css';

/** Okabe–Ito colours (3:1 or more on white); the series also differ in shape and dash. */
const COLOURS = { arrivals: '#999999', recommended: '#0072B2', rostered: '#D55E00' } as const;

function useFormat() {
  const { t, i18n } = useTranslation('planner');
  const lang = i18n.language;
  return useMemo(() => {
    let locale = formattingLocale(lang);
    try {
      if (!Intl.NumberFormat.supportedLocalesOf([locale]).length) locale = 'en-GB';
    } catch {
      locale = 'en-GB';
    }
    const one = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
    return {
      lang,
      one: (n: number) => one.format(n),
      whole: (n: number) => whole.format(n),
      percent: (n: number | null) => (n === null ? t('none') : pct.format(n)),
      minutes: (seconds: number | null) => (seconds === null ? t('cell.unbounded') : t('minutes', { value: one.format(seconds / 60) })),
      day: (date: string) => weekday.format(new Date(`${date}T12:00:00Z`)),
      hour: (h: number) => `${String(h).padStart(2, '0')}:00`,
    };
  }, [lang, t]);
}
type Format = ReturnType<typeof useFormat>;

/**
 * /app/planner: next week's counters per service and hour, forecast from the centre's history,
 * against the counters assigned today; a target, what-ifs, a chart with its table, and the CSV.
 */
export function PlannerPage() {
  const { t } = useTranslation('planner');
  const { session } = useSession();
  const fmt = useFormat();
  const centres = useGet<List<Centre>>('/api/centres');
  const user = session?.user;
  const anyCentre = user ? plansAnyCentre(user.roles) : false;
  const [inputs, setInputs] = useState<PlannerInputs>(() => ({
    centreId: user?.centreId ?? '',
    weekStart: nextMonday(new Date().toISOString().slice(0, 10)),
    targetKind: 'service-level',
    sharePercent: 80,
    withinMinutes: 20,
    meanWaitMinutes: 15,
    openEarlier: false,
    appointmentPercent: 0,
    adjust: [],
  }));
  const centreList = useMemo(() => (centres.data?.items ?? []).filter((c) => anyCentre || c.id === user?.centreId), [centres.data, anyCentre, user?.centreId]);
  const centreId = inputs.centreId || centreList[0]?.id || '';
  const query = centreId && inputsValid(inputs) ? plannerQuery({ ...inputs, centreId }, fmt.lang) : null;
  // The answer remembers its question: a late answer to an older one is dropped, and the page is
  // busy until the answer on screen is the one asked for.
  const [answer, setAnswer] = useState<{ query: string; plan: PlannerResult } | null>(null);
  const [planError, setPlanError] = useState<Error | null>(null);
  useEffect(() => {
    if (!query) return;
    let live = true;
    get<PlannerResult>(`/api/planner?${query}`).then(
      (p) => {
        if (!live) return;
        setAnswer({ query, plan: p });
        setPlanError(null);
      },
      (e: unknown) => {
        if (live) setPlanError(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => {
      live = false;
    };
  }, [query]);
  const current = answer && answer.plan.centreId === centreId ? answer.plan : undefined;
  const busy = !current || answer?.query !== query;
  const [chartService, setChartService] = useState('');
  if (!user) return null;
  const set = (change: Partial<PlannerInputs>) => setInputs((i) => ({ ...i, ...change }));
  const shownService = current?.services.find((s) => s.id === chartService) ?? current?.services.find((s) => s.code === 'residence-permits') ?? current?.services[0];

  return (
    <div className="planner">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form className="planner-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('filters.label')}>
        <fieldset>
          <legend>{t('filters.label')}</legend>
          {anyCentre && (
            <Field label={t('filters.centre')}>
              {(id) => (
              <select id={id} value={centreId} onChange={(e) => set({ centreId: e.target.value, adjust: [] })}>
                {centreList.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              )}
            </Field>
          )}
          <Field label={t('filters.week')}>
            {(id) => (
            <input id={id} type="date" value={inputs.weekStart} required onChange={(e) => set({ weekStart: e.target.value })} aria-describedby="planner-week-hint" />
            )}
          </Field>
          <p id="planner-week-hint" className="hint">
            {t('filters.weekHint')}
          </p>
          <Field label={t('filters.targetKind')}>
            {(id) => (
            <select id={id} value={inputs.targetKind} onChange={(e) => set({ targetKind: e.target.value as PlannerInputs['targetKind'] })}>
              <option value="service-level">{t('filters.serviceLevel')}</option>
              <option value="mean-wait">{t('filters.meanWait')}</option>
            </select>
            )}
          </Field>
          {inputs.targetKind === 'service-level' ? (
            <>
              <Field label={t('filters.share')}>
                {(id) => (
                <input id={id} type="number" min={1} max={99} value={inputs.sharePercent} onChange={(e) => set({ sharePercent: Number(e.target.value) })} />
                )}
              </Field>
              <Field label={t('filters.within')}>
                {(id) => (
                <input id={id} type="number" min={0} max={240} value={inputs.withinMinutes} onChange={(e) => set({ withinMinutes: Number(e.target.value) })} />
                )}
              </Field>
            </>
          ) : (
            <Field label={t('filters.meanWaitMinutes')}>
              {(id) => (
              <input id={id} type="number" min={1} max={240} value={inputs.meanWaitMinutes} onChange={(e) => set({ meanWaitMinutes: Number(e.target.value) })} />
              )}
            </Field>
          )}
        </fieldset>
        <WhatIfControls inputs={inputs} services={current?.services ?? []} days={current?.days ?? []} fmt={fmt} onChange={set} />
      </form>
      {(planError ?? centres.error) && (
        <p role="alert" className="field-error">
          {(planError ?? centres.error)!.message}
        </p>
      )}
      <div aria-live="polite" aria-busy={busy} className="planner-answer">
        {!current ? <p>{t('loading')}</p> : <Summary plan={current} fmt={fmt} query={query} />}
      </div>
      {current && shownService && (
        <section className="planner-chart-section" aria-labelledby="planner-chart-heading">
          <h2 id="planner-chart-heading">{t('chart.label')}</h2>
          <Field label={t('chart.service')}>
            {(id) => (
            <select id={id} value={shownService.id} onChange={(e) => setChartService(e.target.value)}>
              {current.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            )}
          </Field>
          <PlanChart service={shownService} days={current.days} fmt={fmt} />
        </section>
      )}
      {current && (
        <>
          <Legend />
          {current.services.map((s) => (
            <ServiceTable key={s.id} service={s} days={current.days} fmt={fmt} />
          ))}
        </>
      )}
    </div>
  );
}

/** A label tied to its control by id (a wrapping label would name a select by its value too). */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="planner-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function WhatIfControls({ inputs, services, days, fmt, onChange }: { inputs: PlannerInputs; services: PlannedServiceResult[]; days: string[]; fmt: Format; onChange: (c: Partial<PlannerInputs>) => void }) {
  const { t } = useTranslation('planner');
  const [serviceId, setServiceId] = useState('');
  const [weekday, setWeekday] = useState(1);
  const [hour, setHour] = useState(9);
  const service = services.find((s) => s.id === serviceId) ?? services[0];
  const hours = [...new Set(services.flatMap((s) => s.hours.filter((h) => h.weekday === weekday).map((h) => h.hour)))].sort((a, b) => a - b);
  const weekdays = [...new Set(services.flatMap((s) => s.hours.map((h) => h.weekday)))].sort((a, b) => a - b);
  const add = (delta: number) => service && onChange({ adjust: [...inputs.adjust, { serviceId: service.id, weekday, hour: hours.includes(hour) ? hour : (hours[0] ?? hour), delta }] });
  const describe = (a: PlannerInputs['adjust'][number]) =>
    t('whatIf.changeItem', { service: services.find((s) => s.id === a.serviceId)?.name ?? '', day: days[a.weekday - 1] ? fmt.day(days[a.weekday - 1]!) : a.weekday, hour: fmt.hour(a.hour), delta: a.delta > 0 ? `+${a.delta}` : `−${-a.delta}` });
  return (
    <fieldset>
      <legend>{t('whatIf.label')}</legend>
      <label className="inline">
        <input type="checkbox" checked={inputs.openEarlier} onChange={(e) => onChange({ openEarlier: e.target.checked })} />
        {t('whatIf.openEarlier')}
      </label>
      <Field label={t('whatIf.appointmentShare')}>
        {(id) => (
        <input id={id} type="number" min={0} max={90} step={5} value={inputs.appointmentPercent} onChange={(e) => onChange({ appointmentPercent: Number(e.target.value) })} aria-describedby="planner-appointment-hint" />
        )}
      </Field>
      <p id="planner-appointment-hint" className="hint">
        {t('whatIf.appointmentHint')}
      </p>
      {services.length > 0 && (
        <fieldset className="planner-change">
          <legend>{t('whatIf.change')}</legend>
          <Field label={t('whatIf.service')}>
            {(id) => (
            <select id={id} value={service?.id ?? ''} onChange={(e) => setServiceId(e.target.value)}>
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            )}
          </Field>
          <Field label={t('whatIf.weekday')}>
            {(id) => (
            <select id={id} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
              {weekdays.map((w) => (
                <option key={w} value={w}>
                  {days[w - 1] ? fmt.day(days[w - 1]!) : w}
                </option>
              ))}
            </select>
            )}
          </Field>
          <Field label={t('whatIf.hour')}>
            {(id) => (
            <select id={id} value={hours.includes(hour) ? hour : (hours[0] ?? hour)} onChange={(e) => setHour(Number(e.target.value))}>
              {hours.map((h) => (
                <option key={h} value={h}>
                  {fmt.hour(h)}
                </option>
              ))}
            </select>
            )}
          </Field>
          <button type="button" className="button secondary" onClick={() => add(1)}>
            {t('whatIf.add')}
          </button>
          <button type="button" className="button secondary" onClick={() => add(-1)}>
            {t('whatIf.remove')}
          </button>
        </fieldset>
      )}
      {inputs.adjust.length > 0 && (
        <>
          <h3 className="planner-changes-heading">{t('whatIf.changes')}</h3>
          <ul className="planner-changes">
            {inputs.adjust.map((a, i) => (
              <li key={i}>
                {describe(a)}{' '}
                <button type="button" className="button link" aria-label={t('whatIf.undoLabel', { change: describe(a) })} onClick={() => onChange({ adjust: inputs.adjust.filter((_, j) => j !== i) })}>
                  {t('whatIf.undo')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {(inputs.adjust.length > 0 || inputs.openEarlier || inputs.appointmentPercent > 0) && (
        <button type="button" className="button secondary" onClick={() => onChange({ adjust: [], openEarlier: false, appointmentPercent: 0 })}>
          {t('whatIf.reset')}
        </button>
      )}
    </fieldset>
  );
}

function Summary({ plan, fmt, query }: { plan: PlannerResult; fmt: Format; query: string | null }) {
  const { t } = useTranslation('planner');
  return (
    <div className="planner-summary" data-testid="planner-summary">
      <p>
        {plan.forecast.weeksOfHistory === 0 ? t('summary.noHistory') : t('summary.forecast', { count: plan.forecast.weeksOfHistory, closed: plan.forecast.closedDays.length })}{' '}
        <strong data-testid="planner-backtest">{plan.backtest.wape === null ? t('summary.backtestNone') : t('summary.backtest', { error: fmt.percent(plan.backtest.wape), weeks: plan.backtest.weeks.length })}</strong>
      </p>
      <p className="hint">{t('summary.wapeHelp')}</p>
      <p data-testid="planner-totals">
        {t('summary.totals', { arrivals: fmt.whole(plan.totals.arrivals), recommended: plan.totals.recommendedCounterHours, rostered: plan.totals.rosteredCounterHours, short: plan.totals.hoursShort })}
      </p>
      <p data-testid="planner-shared">{t('summary.shared', { replications: plan.sharedCounters.replications, short: plan.sharedCounters.hoursShort })}</p>
      {query && (
        <p>
          <a href={`/api/planner.csv?${query}`} download data-testid="planner-csv">
            {t('summary.csv')}
          </a>
        </p>
      )}
    </div>
  );
}

function Legend() {
  const { t } = useTranslation('planner');
  return (
    <section className="planner-legend" aria-label={t('legend.label')}>
      <p>{t('legend.text')}</p>
      <ul>
        <li className="planner-cell short">{t('legend.short')}</li>
        <li className="planner-cell enough">{t('legend.enough')}</li>
        <li className="planner-cell spare">{t('legend.spare')}</li>
      </ul>
    </section>
  );
}

function ServiceTable({ service, days, fmt }: { service: PlannedServiceResult; days: string[]; fmt: Format }) {
  const { t } = useTranslation('planner');
  const weekdays = [...new Set(service.hours.map((h) => h.weekday))].sort((a, b) => a - b);
  const hours = [...new Set(service.hours.map((h) => h.hour))].sort((a, b) => a - b);
  const at = new Map(service.hours.map((h) => [`${h.weekday}|${h.hour}`, h]));
  const headingId = `planner-service-${service.id}`;
  return (
    <section className="planner-service" aria-labelledby={headingId} data-testid={`planner-service-${service.code}`}>
      <h2 id={headingId}>{service.name}</h2>
      <p>
        {t('service.facts', {
          aht: service.handlingFromHistory ? fmt.minutes(service.meanHandlingSeconds) : `${fmt.minutes(service.meanHandlingSeconds)} (${t('service.configured')})`,
          patience: service.patienceSeconds === null ? t('service.noPatience') : t('service.patience', { minutes: fmt.minutes(service.patienceSeconds) }),
          rostered: service.rostered,
        })}{' '}
        {service.sharedCounters > 0 && t('service.shared', { count: service.sharedCounters })}{' '}
        {service.backtestWape !== null && t('service.backtest', { error: fmt.percent(service.backtestWape) })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={headingId}>
        <table className="planner-table">
          <caption>{t('service.tableCaption', { service: service.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('service.hour')}</th>
              {weekdays.map((w) => (
                <th key={w} scope="col">
                  {fmt.day(days[w - 1]!)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {hours.map((hour) => (
              <tr key={hour}>
                <th scope="row">{fmt.hour(hour)}</th>
                {weekdays.map((w) => {
                  const h = at.get(`${w}|${hour}`);
                  return <td key={w}>{h ? <Cell h={h} fmt={fmt} /> : t('none')}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Cell({ h, fmt }: { h: PlanHour; fmt: Format }) {
  const { t } = useTranslation('planner');
  const state = cellState(h.recommended, h.rostered);
  const gap = Math.abs(h.recommended - h.rostered);
  const words = state === 'short' ? t('cell.short', { count: gap }) : state === 'spare' ? t('cell.spare', { count: gap }) : t('cell.enough');
  const detail = t('cell.detail', {
    arrivals: fmt.one(h.arrivals),
    recommended: h.recommended,
    rostered: h.rostered,
    wait: h.atRostered.stable ? fmt.minutes(h.atRostered.meanWaitSeconds) : t('cell.unbounded'),
    level: fmt.percent(h.atRostered.serviceLevel),
    occupancy: fmt.percent(h.atRostered.occupancy),
  }) + (h.shared ? t('cell.sharedDetail', { wait: fmt.minutes(h.shared.meanWaitSeconds), level: fmt.percent(h.shared.serviceLevel) }) : '');
  return (
    <span className={`planner-cell ${state}`} title={detail} data-state={state}>
      <span aria-hidden="true">{CELL_SYMBOL[state]} </span>
      {t('cell.text', { recommended: h.recommended, rostered: h.rostered })}
      <span className="visually-hidden">
        {' '}
        ({words}){h.added ? ` (${t('cell.added')})` : ''}
      </span>
      {h.added && <span aria-hidden="true"> *</span>}
    </span>
  );
}

/** The width a chart has, followed as the window changes. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(320, Math.floor(el.getBoundingClientRect().width)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * One service's week: clients expected as grey bars, counters recommended as a solid blue step
 * line with round markers, counters rostered as a dashed vermilion step line with square markers
 * (told apart by shape and dash, not colour alone). One image to assistive technology, with its
 * figures in the table below it.
 */
function PlanChart({ service, days, fmt }: { service: PlannedServiceResult; days: string[]; fmt: Format }) {
  const { t } = useTranslation('planner');
  const { ref, width } = useWidth(800);
  const points = [...service.hours].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  const height = 280;
  const margin = { top: 16, right: 48, bottom: 48, left: 48 };
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const key = (h: PlanHour) => `${h.weekday}|${h.hour}`;
  const x = scaleBand<string>().domain(points.map(key)).range([0, innerWidth]).paddingInner(0.15);
  const yArrivals = scaleLinear()
    .domain([0, Math.max(1, ...points.map((p) => p.arrivals))])
    .nice()
    .range([innerHeight, 0]);
  const yCounters = scaleLinear()
    .domain([0, Math.max(1, ...points.flatMap((p) => [p.recommended, p.rostered]))])
    .nice()
    .range([innerHeight, 0]);
  const centre = (h: PlanHour) => (x(key(h)) ?? 0) + x.bandwidth() / 2;
  const pathOf = (value: (h: PlanHour) => number) =>
    line<PlanHour>()
      .x(centre)
      .y((h) => yCounters(value(h)))
      .curve(curveStepAfter)(points) ?? '';
  const busiest = points.reduce<PlanHour | undefined>((a, b) => (!a || b.arrivals > a.arrivals ? b : a), undefined);
  const summary = busiest
    ? t('chart.summary', { service: service.name, day: fmt.day(days[busiest.weekday - 1]!), hour: fmt.hour(busiest.hour), arrivals: fmt.one(busiest.arrivals), recommended: busiest.recommended, rostered: busiest.rostered })
    : t('chart.title', { service: service.name });
  const dayStarts = points.filter((p, i) => i === 0 || points[i - 1]!.weekday !== p.weekday);
  return (
    <figure className="planner-chart">
      <figcaption>{t('chart.title', { service: service.name })}</figcaption>
      <ul className="planner-chart-key" aria-hidden="true">
        <li>
          <svg width="24" height="12">
            <rect width="24" height="12" fill={COLOURS.arrivals} />
          </svg>{' '}
          {t('chart.arrivals')}
        </li>
        <li>
          <svg width="24" height="12">
            <line x1="0" x2="24" y1="6" y2="6" stroke={COLOURS.recommended} strokeWidth="3" />
            <circle cx="12" cy="6" r="4" fill={COLOURS.recommended} />
          </svg>{' '}
          {t('chart.recommended')}
        </li>
        <li>
          <svg width="24" height="12">
            <line x1="0" x2="24" y1="6" y2="6" stroke={COLOURS.rostered} strokeWidth="3" strokeDasharray="5 3" />
            <rect x="8" y="2" width="8" height="8" fill={COLOURS.rostered} />
          </svg>{' '}
          {t('chart.rostered')}
        </li>
      </ul>
      <div ref={ref}>
        <svg width={width} height={height} role="img" aria-label={summary} data-testid="planner-chart-svg">
          <g transform={`translate(${margin.left},${margin.top})`}>
            {yCounters.ticks(5).map((tick) => (
              <g key={tick} transform={`translate(0,${yCounters(tick)})`}>
                <line x2={innerWidth} className="grid" />
                <text x={innerWidth + 6} dy="0.35em" className="tick">
                  {tick}
                </text>
              </g>
            ))}
            {yArrivals.ticks(5).map((tick) => (
              <text key={tick} x={-6} y={yArrivals(tick)} dy="0.35em" textAnchor="end" className="tick">
                {fmt.whole(tick)}
              </text>
            ))}
            {points.map((h) => (
              <rect key={key(h)} x={x(key(h))} y={yArrivals(h.arrivals)} width={x.bandwidth()} height={innerHeight - yArrivals(h.arrivals)} fill={COLOURS.arrivals} opacity={0.6} />
            ))}
            <path d={pathOf((h) => h.recommended)} fill="none" stroke={COLOURS.recommended} strokeWidth={2.5} />
            <path d={pathOf((h) => h.rostered)} fill="none" stroke={COLOURS.rostered} strokeWidth={2.5} strokeDasharray="6 4" />
            {points.map((h) => (
              <g key={key(h)}>
                <circle cx={centre(h)} cy={yCounters(h.recommended)} r={3} fill={COLOURS.recommended} />
                <rect x={centre(h) - 3} y={yCounters(h.rostered) - 3} width={6} height={6} fill={COLOURS.rostered} />
              </g>
            ))}
            {dayStarts.map((h) => (
              <text key={h.weekday} x={x(key(h)) ?? 0} y={innerHeight + 20} className="tick">
                {fmt.day(days[h.weekday - 1]!)}
              </text>
            ))}
            <line y1={innerHeight} y2={innerHeight} x2={innerWidth} className="axis" />
          </g>
        </svg>
      </div>
      <details>
        <summary>{t('chart.tableToggle')}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('chart.tableToggle')}>
          <table className="planner-table" data-testid="planner-chart-table">
            <thead>
              <tr>
                <th scope="col">{t('chart.when')}</th>
                <th scope="col">{t('chart.arrivals')}</th>
                <th scope="col">{t('chart.booked')}</th>
                <th scope="col">{t('chart.recommended')}</th>
                <th scope="col">{t('chart.rostered')}</th>
                <th scope="col">{t('chart.waitRostered')}</th>
                <th scope="col">{t('chart.waitRecommended')}</th>
                <th scope="col">{t('chart.sharedWait')}</th>
                <th scope="col">{t('chart.sharedLevel')}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((h) => (
                <tr key={key(h)}>
                  <th scope="row">
                    {fmt.day(days[h.weekday - 1]!)} {fmt.hour(h.hour)}
                  </th>
                  <td>{fmt.one(h.arrivals)}</td>
                  <td>{h.booked}</td>
                  <td>{h.recommended}</td>
                  <td>{h.rostered}</td>
                  <td>{h.atRostered.stable ? fmt.minutes(h.atRostered.meanWaitSeconds) : t('cell.unbounded')}</td>
                  <td>{fmt.minutes(h.atRecommended.meanWaitSeconds)}</td>
                  <td>{h.shared ? fmt.minutes(h.shared.meanWaitSeconds) : t('none')}</td>
                  <td>{h.shared ? fmt.percent(h.shared.serviceLevel) : t('none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
