import { useTranslation } from 'react-i18next';
import { localized, type Centre, type List, type Partner } from '../api.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useGet } from '../ui/useApi.ts';
import { rolesWithoutWorkstation, surfacesFor } from './surfaces.ts';

export function Home() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const centres = useGet<List<Centre>>('/api/centres');
  const partners = useGet<List<Partner>>('/api/partners');
  if (!session) return null;
  const user = session.user;
  const centre = centres.data?.items.find((c) => c.id === user.centreId);
  const partner = partners.data?.items.find((p) => p.id === user.partnerId);
  const waiting = rolesWithoutWorkstation(user.roles);
  return (
    <>
      <h1>{t('home.greeting', { name: user.displayName })}</h1>
      <dl className="facts">
        <dt>{t('home.roles')}</dt>
        <dd>
          <ul className="plain" data-testid="roles">
            {user.roles.map((r) => (
              <li key={r}>{t(`roles.${r}.name`)}</li>
            ))}
          </ul>
        </dd>
        <dt>{t('home.centre')}</dt>
        <dd>{user.centreId ? (centre?.name ?? '…') : t('home.allCentres')}</dd>
        <dt>{t('home.partner')}</dt>
        <dd>{user.partnerId ? localized(partner?.name, i18n.language) || '…' : t('home.noPartner')}</dd>
      </dl>
      {waiting.length > 0 && (
        <section className="panel" aria-labelledby="workstation-title">
          <h2 id="workstation-title">{t('home.workstationTitle')}</h2>
          {waiting.map((r) => (
            <p key={r}>{t(`roles.${r}.explain`)}</p>
          ))}
          <p>{t('home.workstationSoon')}</p>
        </section>
      )}
      <section aria-labelledby="surfaces-title">
        <h2 id="surfaces-title">{t('home.surfaces')}</h2>
        <ul className="cards">
          {surfacesFor(user.roles).map((s) => (
            <li key={s.id} className="card">
              <h3>
                <Link href={s.path}>{t(`surfaces.${s.id}.title`)}</Link>
              </h3>
              <p>{t(`surfaces.${s.id}.description`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
