import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session.tsx';
import { makeDefinitions } from './definitions.tsx';
import { useLookups } from './lookups.ts';
import { ResourceTable, type ResourceDef } from './resource.tsx';

/** The centre manager's devices: the admin devices table fixed to their own centre. */
export function DevicesPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const { lookups, error, reload } = useLookups();
  const centreId = session!.user.centreId!;
  const defs = useMemo(() => makeDefinitions(t, i18n.language), [t, i18n.language]);
  const def: ResourceDef<{ id: string }> = useMemo(
    () => ({
      ...(defs.devices as unknown as ResourceDef<{ id: string }>),
      fields: [{ name: 'centreId', label: 'fields.centre', kind: 'hidden', on: 'create', initial: () => centreId }, ...defs.devices.fields.filter((f) => f.name !== 'centreId')],
    }),
    [defs, centreId],
  );
  const centre = lookups?.centres.find((c) => c.id === centreId);
  return (
    <>
      <h1>{t('devices.title', { centre: centre?.name ?? '' })}</h1>
      <p>{t('admin.devices.intro')}</p>
      {error && <p role="alert">{error.message}</p>}
      {lookups ? <ResourceTable def={def} lookups={lookups} reloadLookups={reload} fixedCentreId={centreId} /> : <p className="loading">{t('app.loading')}</p>}
    </>
  );
}
