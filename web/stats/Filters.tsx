import { useTranslation } from 'react-i18next';
import { localized, type Centre, type Partner, type Service } from '../api.ts';
import { errorId } from '../ui/form.tsx';
import { BREAKDOWNS, PRESETS, type Breakdown, type Filters, type Preset, type Scope } from './model.ts';

export interface FilterChoices {
  centres: Centre[];
  partners: Partner[];
  /** Services of the chosen (or the user's) centre; none while no centre is chosen. */
  services: Service[];
}

/** Breakdowns worth offering: not by centre when the question is about one centre, and so on. */
export function breakdownsFor(scope: Scope, f: Filters): Breakdown[] {
  const oneCentre = !!(scope.centreId ?? f.centreId);
  const onePartner = !!(scope.partnerId ?? f.partnerId);
  return BREAKDOWNS.filter((b) => !(b === 'centre' && oneCentre) && !(b === 'partner' && onePartner) && !(b === 'service' && !!f.serviceId));
}

/**
 * The question: period, comparison, the centre/partner/service pickers the user may change (a
 * manager's centre and an agency officer's partner are fixed, and shown as text), and the
 * breakdown. Every change applies at once; there is no submit button to miss.
 */
export function StatsFilters({ scope, filters, choices, reversed, onChange }: { scope: Scope; filters: Filters; choices: FilterChoices; reversed: boolean; onChange: (next: Partial<Filters>) => void }) {
  const { t, i18n } = useTranslation('stats');
  const lang = i18n.language;
  const centreId = scope.centreId ?? filters.centreId;
  const partnerId = scope.partnerId ?? filters.partnerId;
  // At one centre, only the partners with a desk there; and only the chosen partner's services.
  const partners = centreId ? choices.partners.filter((p) => choices.services.some((s) => s.partnerId === p.id)) : choices.partners;
  const services = choices.services.filter((s) => !partnerId || s.partnerId === partnerId);
  const breakdowns = breakdownsFor(scope, filters);
  return (
    <form className="stats-filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
      <div className="field inline">
        <label htmlFor="stats-period">{t('filters.period')}</label>
        <select id="stats-period" value={filters.preset} onChange={(e) => onChange({ preset: e.target.value as Preset })}>
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`presets.${p}`)}
            </option>
          ))}
        </select>
      </div>
      {filters.preset === 'custom' && (
        <>
          <div className="field inline">
            <label htmlFor="stats-from">{t('filters.from')}</label>
            <input id="stats-from" type="date" value={filters.from} required onChange={(e) => e.target.value && onChange({ from: e.target.value })} />
          </div>
          <div className="field inline">
            <label htmlFor="stats-to">{t('filters.to')}</label>
            <input
              id="stats-to"
              type="date"
              value={filters.to}
              required
              aria-invalid={reversed || undefined}
              aria-describedby={reversed ? errorId('stats-to') : undefined}
              onChange={(e) => e.target.value && onChange({ to: e.target.value })}
            />
            {reversed && (
              <p className="field-error" id={errorId('stats-to')}>
                {t('filters.reversed')}
              </p>
            )}
          </div>
        </>
      )}
      {scope.centreId === null && (
        <div className="field inline">
          <label htmlFor="stats-centre">{t('filters.centre')}</label>
          <select id="stats-centre" value={filters.centreId} onChange={(e) => onChange({ centreId: e.target.value, serviceId: '' })}>
            <option value="">{t('filters.allCentres')}</option>
            {choices.centres.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {scope.partnerId === null && (
        <div className="field inline">
          <label htmlFor="stats-partner">{t('filters.partner')}</label>
          <select id="stats-partner" value={filters.partnerId} onChange={(e) => onChange({ partnerId: e.target.value, serviceId: '' })}>
            <option value="">{t('filters.allPartners')}</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {localized(p.name, lang)}
              </option>
            ))}
          </select>
        </div>
      )}
      {centreId && (
        <div className="field inline">
          <label htmlFor="stats-service">{t('filters.service')}</label>
          <select id="stats-service" value={filters.serviceId} onChange={(e) => onChange({ serviceId: e.target.value })}>
            <option value="">{t('filters.allServices')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.ticketPrefix} · ${localized(s.name, lang)}`}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field inline">
        <label htmlFor="stats-by">{t('filters.by')}</label>
        <select id="stats-by" value={filters.by} onChange={(e) => onChange({ by: e.target.value as Breakdown })}>
          {breakdowns.map((b) => (
            <option key={b} value={b}>
              {t(`breakdown.${b}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="check stats-compare">
        <input id="stats-compare" type="checkbox" checked={filters.compare} onChange={(e) => onChange({ compare: e.target.checked })} />
        <label htmlFor="stats-compare">{t('filters.compare')}</label>
      </div>
    </form>
  );
}
