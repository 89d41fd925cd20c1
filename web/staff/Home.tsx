import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, type Centre, type List, type Partner } from '../api.ts';
import type { TodayFigures } from '../../core/today.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useGet } from '../ui/useApi.ts';
import { rolesWithoutWorkstation, surfacesFor } from './surfaces.ts';

/** How often the home's numbers are read again while it is open. */
const REFRESH_MS = 30_000;

/** One big number with its label; `alert` when it needs attention (said in words too, by the label). */
function Figure({ value, label, alert = false, testId }: { value: ReactNode; label: string; alert?: boolean; testId: string }) {
  return (
    <li className={`figure${alert ? ' figure-alert' : ''}`} data-testid={testId}>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
    </li>
  );
}

function TodayNumbers({ today }: { today: TodayFigures }) {
  const { t, i18n } = useTranslation();
  const minutes = (n: number) => t('today.minutes', { count: n });
  const number = (n: number) => n.toLocaleString(i18n.language);
  const percent = (share: number) => (share * 100).toLocaleString(i18n.language, { maximumFractionDigits: 0 }) + '%';
  const sections: ReactNode[] = [];
  if (today.centre) {
    const c = today.centre;
    sections.push(
      <section key="centre" aria-labelledby="today-centre">
        <h2 id="today-centre">{t('today.centreTitle')}</h2>
        <ul className="figures">
          <Figure testId="today-waiting" value={number(c.waiting)} label={t('today.waiting')} />
          <Figure testId="today-longest" value={minutes(c.longestWaitMinutes)} label={c.queuesPastTarget > 0 ? t('today.longestPastTarget', { count: c.queuesPastTarget }) : t('today.longest')} alert={c.queuesPastTarget > 0} />
          <Figure testId="today-served" value={number(c.servedToday)} label={t('today.served')} />
          <Figure testId="today-staffed" value={t('today.ofCounters', { staffed: c.countersStaffed, active: c.countersActive })} label={t('today.staffed')} alert={c.waiting > 0 && c.countersStaffed === 0} />
        </ul>
        <p>
          <Link href="/app/floor">{t('today.openFloor')}</Link>
        </p>
      </section>,
    );
  }
  if (today.myQueues) {
    const q = today.myQueues;
    sections.push(
      <section key="queues" aria-labelledby="today-queues">
        <h2 id="today-queues">{t('today.queuesTitle')}</h2>
        <ul className="figures">
          <Figure testId="today-waiting" value={number(q.waiting)} label={t('today.waiting')} />
          <Figure testId="today-longest" value={minutes(q.longestWaitMinutes)} label={t('today.longest')} />
          <Figure testId="today-served" value={number(q.servedToday)} label={t('today.served')} />
        </ul>
        {q.queues.length > 1 && (
          <ul className="inline-list today-queues">
            {q.queues.map((s) => (
              <li key={s.serviceId}>
                <span translate="no">
                  {s.ticketPrefix} · {localized(s.name, i18n.language)}
                </span>
                {': '}
                {t('today.queueLine', { count: s.waiting })}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/app/counter">{t('today.openCounter')}</Link>
        </p>
      </section>,
    );
  }
  if (today.dataProtection) {
    const d = today.dataProtection;
    sections.push(
      <section key="dpo" aria-labelledby="today-dpo">
        <h2 id="today-dpo">{t('today.dpoTitle')}</h2>
        <ul className="figures">
          <Figure testId="today-reads" value={number(d.reads)} label={t('today.reads')} />
          <Figure testId="today-refusals" value={number(d.refusals)} label={t('today.refusals')} alert={d.refusals > 0} />
          <Figure testId="today-exports" value={number(d.exports)} label={t('today.exports')} />
          <Figure testId="today-erasures" value={number(d.erasures)} label={t('today.erasures')} />
        </ul>
        <p>
          <Link href="/app/audit">{t('today.openAudit')}</Link>
        </p>
      </section>,
    );
  }
  if (today.yesterday) {
    const y = today.yesterday;
    sections.push(
      <section key="yesterday" aria-labelledby="today-yesterday">
        <h2 id="today-yesterday">{t('today.yesterdayTitle', { date: new Date(`${y.date}T12:00:00Z`).toLocaleDateString(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }) })}</h2>
        <ul className="figures">
          <Figure testId="today-tickets" value={number(y.tickets)} label={t('today.tickets')} />
          <Figure testId="today-served" value={number(y.served)} label={t('today.served')} />
          <Figure testId="today-mean-wait" value={y.meanWaitMinutes == null ? t('today.none') : minutes(Math.round(y.meanWaitMinutes))} label={t('today.meanWait')} />
          <Figure testId="today-within" value={y.withinTargetShare == null ? t('today.none') : percent(y.withinTargetShare)} label={t('today.withinTarget')} />
        </ul>
        <p>
          <Link href="/app/stats">{t('today.openStats')}</Link>
        </p>
      </section>,
    );
  }
  return <>{sections}</>;
}

export function Home() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const centres = useGet<List<Centre>>('/api/centres');
  const partners = useGet<List<Partner>>('/api/partners');
  const today = useGet<TodayFigures>('/api/me/today');
  const reloadToday = today.reload;
  useEffect(() => {
    const timer = setInterval(() => void reloadToday(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadToday]);
  if (!session) return null;
  const user = session.user;
  const centre = centres.data?.items.find((c) => c.id === user.centreId);
  const partner = partners.data?.items.find((p) => p.id === user.partnerId);
  const waiting = rolesWithoutWorkstation(user.roles);
  return (
    <>
      <h1>{t('home.greeting', { name: user.displayName })}</h1>
      <dl className="facts home-facts">
        <dt>{t('home.roles')}</dt>
        <dd>
          <ul className="inline-list" data-testid="roles">
            {user.roles.map((r) => (
              <li key={r}>{t(`roles.${r}.name`)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('home.centre')}</dt>
        <dd>{user.centreId ? <span translate="no">{centre?.name ?? '…'}</span> : t('home.allCentres')}</dd>
        <dt>{t('home.partner')}</dt>
        <dd>{user.partnerId ? <span translate="no">{localized(partner?.name, i18n.language) || '…'}</span> : t('home.noPartner')}</dd>
      </dl>
      {today.error && (
        <p className="field-error" role="alert">
          {today.error.message}
        </p>
      )}
      {today.data && <TodayNumbers today={today.data} />}
      {waiting.length > 0 && (
        <section className="panel" aria-labelledby="workstation-title">
          <h2 id="workstation-title">{t('home.workstationTitle')}</h2>
          {waiting.map((r) => (
            <p key={r}>{t(`roles.${r}.explain`)}</p>
          ))}
          <p>{t('home.workstationSoon')}</p>
        </section>
      )}
      <nav aria-labelledby="surfaces-title">
        <h2 id="surfaces-title">{t('home.surfaces')}</h2>
        <ul className="shortcut-list">
          {surfacesFor(user.roles).map((s) => (
            <li key={s.id}>
              <Link href={s.path}>{t(`surfaces.${s.id}.title`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
