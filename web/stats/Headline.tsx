import { useTranslation } from 'react-i18next';
import { changeOf, figureOf, FIGURE_KIND, FIGURES, VISIT_FIGURES, type StatsResult } from './model.ts';
import type { Formatters } from './format.ts';

const ARROW = { up: '↑', down: '↓', same: '=' } as const;

/**
 * The headline figures of the whole question, each with its change against the previous period
 * in words; the arrow repeats the words for the eye and is hidden from screen readers. Changes
 * are not coloured good or bad: more visits is neither.
 */
export function Headline({ result, fmt }: { result: StatsResult; fmt: Formatters }) {
  const { t } = useTranslation('stats');
  const previous = result.previous?.total;
  const visitsUnknown = result.total.visits === null;
  return (
    <section aria-labelledby="stats-headline-title">
      <h2 id="stats-headline-title">{t('headline.title')}</h2>
      <dl className="stats-cards">
        {FIGURES.map((f) => {
          const now = figureOf(result.total, f);
          const before = previous ? figureOf(previous, f) : null;
          const change = previous ? changeOf(FIGURE_KIND[f], now, before) : null;
          return (
            <div key={f} className="stats-card" data-testid={`headline-${f}`}>
              <dt>{t(`figures.${f}`)}</dt>
              <dd className="stats-value">{fmt.rowFigure(result.total, f)}</dd>
              {previous && (
                <dd className="stats-change">
                  {change && (
                    <span aria-hidden="true" className="stats-arrow">
                      {`${ARROW[change.direction]} `}
                    </span>
                  )}
                  {fmt.change(f, change, before)}
                </dd>
              )}
            </div>
          );
        })}
      </dl>
      {visitsUnknown && <p className="hint">{t('headline.visitsNotCounted', { figures: VISIT_FIGURES.map((f) => t(`figures.${f}`)).join(', ') })}</p>}
      <p className="hint">{t('headline.definitions')}</p>
    </section>
  );
}
