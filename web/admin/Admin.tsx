import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, useLocation } from '../router.tsx';
import { ADMIN_TABS, makeDefinitions, type AdminTab } from './definitions.tsx';
import { useLookups } from './lookups.ts';
import { ResourceTable } from './resource.tsx';
import type { ResourceDef } from './resource.tsx';

/** Network administration: one generic table and form per kind of thing, chosen by tab. */
export function Admin() {
  const { t, i18n } = useTranslation();
  const { path } = useLocation();
  const { lookups, error, reload } = useLookups();
  const defs = useMemo(() => makeDefinitions(t, i18n.language), [t, i18n.language]);
  const tab = path.split('/')[3] as AdminTab | undefined;
  if (!tab) return <Redirect to="/app/admin/centres" />;
  if (!ADMIN_TABS.includes(tab)) return <Redirect to="/app/admin/centres" />;
  const def = defs[tab] as unknown as ResourceDef<{ id: string }>;
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.sections')} className="tabs">
        <ul>
          {ADMIN_TABS.map((id) => (
            <li key={id}>
              <Link href={`/app/admin/${id}`} aria-current={id === tab ? 'page' : undefined}>
                {t(`admin.tabs.${id}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="admin-section-title">
        <h2 id="admin-section-title">{t(`admin.tabs.${tab}`)}</h2>
        <p className="hint">{t(`admin.${tab}.intro`)}</p>
        {error && <p role="alert">{error.message}</p>}
        {lookups ? <ResourceTable key={tab} def={def} lookups={lookups} reloadLookups={reload} /> : <p className="loading">{t('app.loading')}</p>}
      </section>
    </>
  );
}
