import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../core/languages.ts';
import { localized, type Centre, type Counter, type Desk, type List, type Partner, type Service, type Weekday } from '../api.ts';
import { useSession } from '../session.tsx';
import { Table } from '../ui/Table.tsx';
import { useGet } from '../ui/useApi.ts';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A read-only view of the user's centre: hours, languages, desks, services, counters. */
export function MyCentre() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const config = useGet<{ centre: Centre; desks: Desk[]; services: Service[]; counters: Counter[] }>(`/api/centres/${session!.user.centreId}`);
  const partners = useGet<List<Partner>>('/api/partners');
  const partnerName = (id: string) => localized(partners.data?.items.find((p) => p.id === id)?.name, i18n.language);
  const data = config.data;
  return (
    <>
      <h1>{t('myCentre.title')}</h1>
      {config.error && <p role="alert">{config.error.message}</p>}
      {data && (
        <>
          <dl className="facts">
            <dt>{t('fields.name')}</dt>
            <dd>{data.centre.name}</dd>
            <dt>{t('fields.address')}</dt>
            <dd>{data.centre.address}</dd>
            <dt>{t('fields.timeZone')}</dt>
            <dd>{data.centre.timeZone}</dd>
            <dt>{t('fields.languages')}</dt>
            <dd>
              {data.centre.languages.map((c, i) => (
                <span key={c} lang={c}>
                  {i > 0 ? ', ' : ''}
                  {LANGUAGES.find((l) => l.code === c)?.endonym ?? c}
                </span>
              ))}
            </dd>
          </dl>
          <Table caption={t('fields.openingHours')} columns={[t('hours.day'), t('hours.periods')]}>
            {WEEKDAYS.map((d) => (
              <tr key={d}>
                <th scope="row">{t(`hours.days.${d}`)}</th>
                <td>{data.centre.openingHours[d]?.length ? data.centre.openingHours[d].map((p) => `${p.open}–${p.close}`).join(', ') : t('hours.closed')}</td>
              </tr>
            ))}
          </Table>
          <Table caption={t('admin.tabs.services')} columns={[t('fields.ticketPrefix'), t('fields.name'), t('fields.partner'), t('fields.expectedMinutes')]}>
            {data.services.map((s) => (
              <tr key={s.id}>
                <td>{s.ticketPrefix}</td>
                <td>{localized(s.name, i18n.language)}</td>
                <td>{partnerName(s.partnerId)}</td>
                <td>{s.expectedMinutes}</td>
              </tr>
            ))}
          </Table>
          <Table caption={t('admin.tabs.counters')} columns={[t('fields.number'), t('fields.serviceIds')]}>
            {data.counters.map((c) => (
              <tr key={c.id}>
                <td>{c.number}</td>
                <td>
                  {c.serviceIds
                    .map((id) => data.services.find((s) => s.id === id))
                    .map((s) => (s ? `${s.ticketPrefix} · ${localized(s.name, i18n.language)}` : ''))
                    .join('; ')}
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </>
  );
}
