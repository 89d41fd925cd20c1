/**
 * Bar and line charts drawn as SVG by React, with d3-scale for the axes and d3-shape for the
 * lines. The two series are told apart by more than colour: this period is solid (bars filled,
 * lines with round markers), the previous period hatched bars and a dashed line with square
 * markers, in two Okabe–Ito colours that stay distinct for colour-blind readers. The SVG is one
 * image to assistive technology (role="img" with a summary); the figures are in the table
 * beside it.
 */
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';

/** Okabe–Ito blue and vermillion: both at least 3:1 against white (WCAG 1.4.11). */
export const SERIES_COLOURS = { current: '#0072B2', previous: '#D55E00' } as const;

export interface ChartPoint {
  key: string;
  /** Full label (tooltips); `tick` is the short one written on the axis. */
  label: string;
  tick: string;
  value: number | null;
  previous?: number | null;
}

export interface ChartProps {
  points: ChartPoint[];
  withPrevious: boolean;
  /** The summary read out instead of the picture. */
  summary: string;
  /** A value as written on the chart ("12 min", "83 %"). */
  format: (v: number) => string;
  /** Shares are drawn on a fixed 0–100 % axis. */
  share?: boolean;
  testId?: string;
}

/** The width the chart has, followed as the window or the sidebar changes. */
function useWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(280, Math.floor(el.getBoundingClientRect().width)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

const maxOf = (points: ChartPoint[], withPrevious: boolean) => Math.max(0, ...points.flatMap((p) => [p.value ?? 0, withPrevious ? (p.previous ?? 0) : 0]));

/** Clips a label to what fits in the label column; the full text stays in the tooltip and table. */
const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, Math.max(1, chars - 1))}…` : text);

function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#fff" />
        <line x1="0" y1="0" x2="0" y2="6" stroke={SERIES_COLOURS.previous} strokeWidth="3" />
      </pattern>
    </defs>
  );
}

/** Horizontal bars, one band per row: long names (services, countries) stay readable. */
export function BarChart({ points, withPrevious, summary, format, share, testId }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref, 800);
  const hatch = useId().replace(/:/g, '');
  const labelWidth = Math.min(220, Math.round(width * 0.3));
  const margin = { top: 24, right: 72, bottom: 8, left: labelWidth + 8 };
  const band = withPrevious ? 36 : 26;
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = points.length * band;
  const x = scaleLinear()
    .domain([0, share ? 1 : maxOf(points, withPrevious) || 1])
    .nice()
    .range([0, innerWidth]);
  const y = scaleBand<string>()
    .domain(points.map((p) => p.key))
    .range([0, innerHeight])
    .paddingInner(0.25);
  const bar = withPrevious ? y.bandwidth() / 2 : y.bandwidth();
  const chars = Math.floor(labelWidth / 7);
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={innerHeight + margin.top + margin.bottom} role="img" aria-label={summary} data-testid={testId}>
        <Hatch id={hatch} />
        <g transform={`translate(${margin.left},${margin.top})`}>
          {x.ticks(Math.max(2, Math.floor(innerWidth / 90))).map((tick) => (
            <g key={tick} transform={`translate(${x(tick)},0)`}>
              <line y1={-4} y2={innerHeight} className="grid" />
              <text y={-8} textAnchor="middle" className="tick">
                {format(tick)}
              </text>
            </g>
          ))}
          {points.map((p) => {
            const top = y(p.key) ?? 0;
            return (
              <g key={p.key} transform={`translate(0,${top})`}>
                <title>{p.label}</title>
                <text x={-8} y={y.bandwidth() / 2} dy="0.35em" textAnchor="end" className="label">
                  {clip(p.tick, chars)}
                </text>
                <rect width={Math.max(0, x(p.value ?? 0))} height={bar} fill={SERIES_COLOURS.current} />
                <text x={x(p.value ?? 0) + 4} y={bar / 2} dy="0.35em" className="value">
                  {p.value === null ? '—' : format(p.value)}
                </text>
                {withPrevious && (
                  <>
                    <rect y={bar} width={Math.max(0, x(p.previous ?? 0))} height={bar - 1} fill={`url(#${hatch})`} stroke={SERIES_COLOURS.previous} strokeWidth="1" />
                    <text x={x(p.previous ?? 0) + 4} y={bar * 1.5} dy="0.35em" className="value previous">
                      {p.previous === null || p.previous === undefined ? '—' : format(p.previous)}
                    </text>
                  </>
                )}
              </g>
            );
          })}
          <line y1={0} y2={innerHeight} className="axis" />
        </g>
      </svg>
    </div>
  );
}

/** A line over time; gaps where a figure is unknown (no ticket called, so no wait). */
export function LineChart({ points, withPrevious, summary, format, share, testId }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useWidth(ref, 800);
  const height = 300;
  const margin = { top: 16, right: 16, bottom: 40, left: 64 };
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const x = scalePoint<string>()
    .domain(points.map((p) => p.key))
    .range([0, innerWidth])
    .padding(0.5);
  const y = scaleLinear()
    .domain([0, share ? 1 : maxOf(points, withPrevious) || 1])
    .nice()
    .range([innerHeight, 0]);
  const path = (pick: (p: ChartPoint) => number | null | undefined) =>
    line<ChartPoint>()
      .defined((p) => pick(p) !== null && pick(p) !== undefined)
      .x((p) => x(p.key) ?? 0)
      .y((p) => y(pick(p) ?? 0))(points) ?? '';
  // As many axis labels as fit (about 64 px each); the table has every one.
  const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(innerWidth / 64))));
  const markers = points.length <= 62;
  return (
    <div ref={ref} className="chart">
      <svg width={width} height={height} role="img" aria-label={summary} data-testid={testId}>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {y.ticks(5).map((tick) => (
            <g key={tick} transform={`translate(0,${y(tick)})`}>
              <line x2={innerWidth} className="grid" />
              <text x={-8} dy="0.35em" textAnchor="end" className="tick">
                {format(tick)}
              </text>
            </g>
          ))}
          <line y1={innerHeight} y2={innerHeight} x2={innerWidth} className="axis" />
          {points.map((p, i) =>
            i % every === 0 ? (
              <text key={p.key} x={x(p.key)} y={innerHeight + 20} textAnchor="middle" className="tick">
                {p.tick}
              </text>
            ) : null,
          )}
          {withPrevious && (
            <>
              <path d={path((p) => p.previous)} fill="none" stroke={SERIES_COLOURS.previous} strokeWidth="2.5" strokeDasharray="7 5" />
              {markers &&
                points.map((p) =>
                  p.previous === null || p.previous === undefined ? null : (
                    <rect key={p.key} x={(x(p.key) ?? 0) - 3.5} y={y(p.previous) - 3.5} width="7" height="7" fill="#fff" stroke={SERIES_COLOURS.previous} strokeWidth="2">
                      <title>{`${p.label}: ${format(p.previous)}`}</title>
                    </rect>
                  ),
                )}
            </>
          )}
          <path d={path((p) => p.value)} fill="none" stroke={SERIES_COLOURS.current} strokeWidth="3" />
          {markers &&
            points.map((p) =>
              p.value === null ? null : (
                <circle key={p.key} cx={x(p.key)} cy={y(p.value)} r="4" fill={SERIES_COLOURS.current}>
                  <title>{`${p.label}: ${format(p.value)}`}</title>
                </circle>
              ),
            )}
        </g>
      </svg>
    </div>
  );
}

/** The key to the two series, in words and with the same marks as the chart. */
export function Legend({ kind, current, previous }: { kind: 'bar' | 'line'; current: string; previous: string | null }) {
  const hatch = useId().replace(/:/g, '');
  return (
    <ul className="chart-legend">
      <li>
        <svg width="36" height="14" aria-hidden="true" focusable="false">
          {kind === 'bar' ? (
            <rect x="2" y="1" width="32" height="12" fill={SERIES_COLOURS.current} />
          ) : (
            <>
              <line x1="2" x2="34" y1="7" y2="7" stroke={SERIES_COLOURS.current} strokeWidth="3" />
              <circle cx="18" cy="7" r="4" fill={SERIES_COLOURS.current} />
            </>
          )}
        </svg>
        {current}
      </li>
      {previous && (
        <li>
          <svg width="36" height="14" aria-hidden="true" focusable="false">
            {kind === 'bar' ? (
              <>
                <Hatch id={hatch} />
                <rect x="2.5" y="1.5" width="31" height="11" fill={`url(#${hatch})`} stroke={SERIES_COLOURS.previous} strokeWidth="1" />
              </>
            ) : (
              <>
                <line x1="2" x2="34" y1="7" y2="7" stroke={SERIES_COLOURS.previous} strokeWidth="2.5" strokeDasharray="7 5" />
                <rect x="14.5" y="3.5" width="7" height="7" fill="#fff" stroke={SERIES_COLOURS.previous} strokeWidth="2" />
              </>
            )}
          </svg>
          {previous}
        </li>
      )}
    </ul>
  );
}
