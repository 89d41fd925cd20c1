import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The annual report (PDF) of the network, or of the manager's centre: the year's figures in the
 * shape of the source documents, with small numbers suppressed, ready to publish.
 */
export function AnnualReport({ centreId, thisYear }: { centreId: string | null; thisYear: number }) {
  const { t, i18n } = useTranslation('stats');
  const [year, setYear] = useState(thisYear - 1);
  const [lang, setLang] = useState(i18n.language === 'pt-PT' ? 'pt-PT' : 'en');
  const years = Array.from({ length: 10 }, (_, i) => thisYear - i);
  const query = new URLSearchParams({ year: String(year), lang, ...(centreId ? { centreId } : {}) });
  return (
    <section className="stats-report" aria-labelledby="stats-report-heading">
      <h2 id="stats-report-heading">{t('report.heading')}</h2>
      <p>{t(centreId ? 'report.introCentre' : 'report.introNetwork')}</p>
      <div className="stats-filters">
        <div className="field inline">
          <label htmlFor="stats-report-year">{t('report.year')}</label>
          <select id="stats-report-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="stats-report-lang">{t('report.language')}</label>
          <select id="stats-report-lang" value={lang} onChange={(e) => setLang(e.target.value)}>
            <option value="pt-PT" lang="pt-PT">
              Português
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </div>
        <a className="button secondary" href={`/api/stats/report.pdf?${query.toString()}`} download data-testid="stats-report">
          {t('report.download', { year })}
        </a>
      </div>
    </section>
  );
}
