import type { TFunction } from 'i18next';
import { LANGUAGES, formattingLocale } from '../../core/languages.ts';
import { ROLES } from '../../core/roles.ts';
import { STAFF_LOCALES, languageInfo } from '../../core/languages.ts';
import { localized, post, type Centre, type Counter, type Desk, type Device, type Partner, type Service, type StaffUser } from '../api.ts';
import { centreName, partnerName, serviceLabel, type Lookups } from './lookups.ts';
import type { FieldDef, Option, ResourceDef } from './resource.tsx';
import { PairingCode, RevokeButton, SetPassword } from './actions.tsx';

const languageOptions = (): Option[] => LANGUAGES.map((l) => ({ value: l.code, label: l.endonym, lang: l.code }));
const centreOptions = (l: Lookups): Option[] => l.centres.map((c) => ({ value: c.id, label: c.name }));

export function makeDefinitions(t: TFunction, lang: string) {
  const yesNo = (b: boolean) => (b ? t('admin.active') : t('admin.inactive'));
  const partnerOptions = (l: Lookups): Option[] => l.partners.map((p) => ({ value: p.id, label: localized(p.name, lang) }));
  const active: FieldDef = { name: 'active', label: 'fields.active', kind: 'boolean' };
  const code: FieldDef = { name: 'code', label: 'fields.code', kind: 'text', required: true, hint: 'hints.code', maxLength: 40 };

  const centres: ResourceDef<Centre> = {
    id: 'centres',
    endpoint: '/api/centres',
    centreFilter: 'none',
    editable: true,
    describe: (c) => c.name,
    columns: [
      { header: 'fields.code', cell: (c) => c.code },
      { header: 'fields.name', cell: (c) => c.name },
      { header: 'fields.timeZone', cell: (c) => c.timeZone },
      { header: 'fields.languages', cell: (c) => c.languages.map((x) => languageInfo(x)?.endonym ?? x).join(', ') },
      { header: 'fields.active', cell: (c) => yesNo(c.active) },
    ],
    fields: [
      code,
      { name: 'name', label: 'fields.name', kind: 'text', required: true },
      { name: 'address', label: 'fields.address', kind: 'text' },
      { name: 'timeZone', label: 'fields.timeZone', kind: 'text', required: true, hint: 'hints.timeZone', initial: () => 'Europe/Lisbon' },
      { name: 'languages', label: 'fields.languages', kind: 'checkboxes', required: true, options: languageOptions, initial: () => ['pt-PT', 'en'] },
      { name: 'openingHours', label: 'fields.openingHours', kind: 'hours' },
      active,
    ],
  };

  const partners: ResourceDef<Partner> = {
    id: 'partners',
    endpoint: '/api/partners',
    centreFilter: 'none',
    editable: true,
    describe: (p) => localized(p.name, lang),
    columns: [
      { header: 'fields.code', cell: (p) => p.code },
      { header: 'fields.name', cell: (p) => localized(p.name, lang) },
      { header: 'fields.kind', cell: (p) => t(`partnerKinds.${p.kind}`) },
      { header: 'fields.retentionYears', cell: (p) => (p.retentionYears ? t('admin.retentionYears', { count: p.retentionYears }) : t('admin.noRetention')) },
      { header: 'fields.retentionBasis', cell: (p) => (p.retentionBasis ? <span className="retention-basis">{p.retentionBasis}</span> : t('admin.noRetentionBasis')) },
      { header: 'fields.active', cell: (p) => yesNo(p.active) },
    ],
    fields: [
      code,
      { name: 'kind', label: 'fields.kind', kind: 'select', required: true, options: () => (['government_agency', 'support_office', 'centre_service'] as const).map((k) => ({ value: k, label: t(`partnerKinds.${k}`) })) },
      { name: 'name', label: 'fields.name', kind: 'localized', required: true },
      // Empty means "no period" (null); anything but whole digits goes to the server as typed, which refuses it beside the field.
      { name: 'retentionYears', label: 'fields.retentionYears', kind: 'number', hint: 'hints.retentionYears', maxLength: 3, toApi: (v) => (String(v).trim() === '' ? null : /^\d+$/.test(String(v).trim()) ? Number(String(v).trim()) : String(v)) },
      { name: 'retentionBasis', label: 'fields.retentionBasis', kind: 'textarea', hint: 'hints.retentionBasis', maxLength: 500, toApi: (v) => (String(v).trim() === '' ? null : String(v).trim()) },
      active,
    ],
  };

  const desks: ResourceDef<Desk> = {
    id: 'desks',
    endpoint: '/api/desks',
    centreFilter: 'query',
    editable: true,
    describe: (d, l) => `${partnerName(l, d.partnerId, lang)} — ${centreName(l, d.centreId)}`,
    columns: [
      { header: 'fields.centre', cell: (d, l) => centreName(l, d.centreId) },
      { header: 'fields.partner', cell: (d, l) => partnerName(l, d.partnerId, lang) },
      { header: 'fields.active', cell: (d) => yesNo(d.active) },
    ],
    fields: [
      { name: 'centreId', label: 'fields.centre', kind: 'select', required: true, on: 'create', options: centreOptions, initial: (_l, c) => c },
      { name: 'partnerId', label: 'fields.partner', kind: 'select', required: true, on: 'create', options: partnerOptions },
      active,
    ],
  };

  const services: ResourceDef<Service> = {
    id: 'services',
    endpoint: '/api/services',
    centreFilter: 'query',
    editable: true,
    describe: (s) => `${s.ticketPrefix} · ${localized(s.name, lang)}`,
    columns: [
      { header: 'fields.ticketPrefix', cell: (s) => s.ticketPrefix },
      { header: 'fields.name', cell: (s) => localized(s.name, lang) },
      { header: 'fields.code', cell: (s) => s.code },
      { header: 'fields.centre', cell: (s, l) => centreName(l, s.centreId) },
      { header: 'fields.partner', cell: (s, l) => partnerName(l, s.partnerId, lang) },
      { header: 'fields.expectedMinutes', cell: (s) => s.expectedMinutes },
      { header: 'fields.active', cell: (s) => yesNo(s.active) },
    ],
    fields: [
      {
        name: 'deskId',
        label: 'fields.desk',
        kind: 'select',
        required: true,
        on: 'create',
        options: (l, _v, centreId) =>
          l.desks
            .filter((d) => d.active && (!centreId || d.centreId === centreId))
            .map((d) => ({ value: d.id, label: `${partnerName(l, d.partnerId, lang)} — ${centreName(l, d.centreId)}` })),
      },
      code,
      { name: 'name', label: 'fields.name', kind: 'localized', required: true },
      { name: 'ticketPrefix', label: 'fields.ticketPrefix', kind: 'text', required: true, hint: 'hints.ticketPrefix', maxLength: 2, toApi: (v) => String(v).toUpperCase() },
      { name: 'expectedMinutes', label: 'fields.expectedMinutes', kind: 'number', required: true, hint: 'hints.expectedMinutes', initial: () => '15' },
      { name: 'targetWaitMinutes', label: 'fields.targetWaitMinutes', kind: 'number', required: true, hint: 'hints.targetWaitMinutes', initial: () => '20' },
      { name: 'maxWaitMinutes', label: 'fields.maxWaitMinutes', kind: 'number', required: true, hint: 'hints.maxWaitMinutes', initial: () => '45' },
      { name: 'priorityBurst', label: 'fields.priorityBurst', kind: 'number', required: true, hint: 'hints.priorityBurst', initial: () => '3' },
      { name: 'topics', label: 'fields.topics', kind: 'checkboxes', options: (l) => l.topics.map((x) => ({ value: x.code, label: localized(x.name, lang) })) },
      { name: 'languages', label: 'fields.languages', kind: 'checkboxes', required: true, options: languageOptions, initial: () => ['pt-PT', 'en'] },
      active,
    ],
  };

  const counters: ResourceDef<Counter> = {
    id: 'counters',
    endpoint: '/api/counters',
    centreFilter: 'query',
    editable: true,
    describe: (c, l) => t('admin.counterNamed', { number: c.number, centre: centreName(l, c.centreId) }),
    columns: [
      { header: 'fields.number', cell: (c) => c.number },
      { header: 'fields.label', cell: (c) => c.label },
      { header: 'fields.centre', cell: (c, l) => centreName(l, c.centreId) },
      {
        header: 'fields.serviceIds',
        cell: (c, l) => (
          <ul className="plain">
            {c.serviceIds.map((id) => (
              <li key={id}>{serviceLabel(l, id, lang)}</li>
            ))}
          </ul>
        ),
      },
      { header: 'fields.active', cell: (c) => yesNo(c.active) },
    ],
    fields: [
      { name: 'centreId', label: 'fields.centre', kind: 'select', required: true, on: 'create', options: centreOptions, initial: (_l, c) => c },
      { name: 'number', label: 'fields.number', kind: 'number', required: true, hint: 'hints.number' },
      { name: 'label', label: 'fields.label', kind: 'text', hint: 'hints.label', toApi: (v) => v },
      {
        name: 'serviceIds',
        label: 'fields.serviceIds',
        kind: 'checkboxes',
        options: (l, values) => {
          const centreId = (values.centreId as string) || '';
          return l.services.filter((s) => !centreId || s.centreId === centreId).map((s) => ({ value: s.id, label: `${serviceLabel(l, s.id, lang)} (${centreName(l, s.centreId)})` }));
        },
        hint: 'hints.serviceIds',
      },
      active,
    ],
  };

  const staff: ResourceDef<StaffUser> = {
    id: 'staff',
    endpoint: '/api/staff',
    centreFilter: 'client',
    clientCentreOf: (u) => u.centreId,
    editable: true,
    describe: (u) => `${u.displayName} (${u.username})`,
    columns: [
      { header: 'fields.username', cell: (u) => u.username },
      { header: 'fields.displayName', cell: (u) => u.displayName },
      { header: 'fields.roles', cell: (u) => u.roles.map((r) => t(`roles.${r}.name`)).join(', ') },
      { header: 'fields.centre', cell: (u, l) => (u.centreId ? centreName(l, u.centreId) : t('home.allCentres')) },
      { header: 'fields.partner', cell: (u, l) => (u.partnerId ? partnerName(l, u.partnerId, lang) : '—') },
      { header: 'fields.secondFactor', cell: (u) => (u.totpEnabled ? t('account.totpOn') : t('account.totpOff')) },
      { header: 'fields.status', cell: (u) => (u.disabled ? t('admin.disabled') : t('admin.enabled')) },
    ],
    fields: [
      { name: 'username', label: 'fields.username', kind: 'text', required: true, on: 'create', hint: 'hints.username', autoComplete: 'off' },
      { name: 'displayName', label: 'fields.displayName', kind: 'text', required: true },
      { name: 'password', label: 'fields.password', kind: 'password', required: true, on: 'create', hint: 'hints.password' },
      { name: 'roles', label: 'fields.roles', kind: 'checkboxes', required: true, options: () => ROLES.map((r) => ({ value: r, label: t(`roles.${r}.name`) })) },
      { name: 'partnerId', label: 'fields.partner', kind: 'select', nullable: true, hint: 'hints.partner', options: partnerOptions },
      { name: 'centreId', label: 'fields.centre', kind: 'select', nullable: true, hint: 'hints.centre', options: centreOptions },
      { name: 'locale', label: 'fields.locale', kind: 'select', required: true, initial: () => 'pt-PT', options: () => STAFF_LOCALES.map((c) => ({ value: c, label: languageInfo(c)?.endonym ?? c, lang: c })) },
    ],
    rowActions: (u, h) => (
      <>
        <button
          type="button"
          className="button small secondary"
          aria-label={t(u.disabled ? 'admin.enableNamed' : 'admin.disableNamed', { name: u.displayName })}
          onClick={() => void h.run(() => post(`/api/staff/${u.id}/${u.disabled ? 'enable' : 'disable'}`), t(u.disabled ? 'admin.enabledDone' : 'admin.disabledDone', { name: u.displayName }))}
        >
          {u.disabled ? t('admin.enable') : t('admin.disable')}
        </button>
        {u.totpEnabled && (
          <button type="button" className="button small secondary" aria-label={t('admin.resetTotpNamed', { name: u.displayName })} onClick={() => void h.run(() => post(`/api/staff/${u.id}/reset-totp`), t('admin.resetTotpDone', { name: u.displayName }))}>
            {t('admin.resetTotp')}
          </button>
        )}
      </>
    ),
    editExtras: (u, h) => <SetPassword user={u} helpers={h} />,
  };

  const devices: ResourceDef<Device> = {
    id: 'devices',
    endpoint: '/api/devices',
    centreFilter: 'required',
    editable: false,
    describe: (d) => d.name,
    columns: [
      { header: 'fields.deviceName', cell: (d) => d.name },
      { header: 'fields.deviceKind', cell: (d) => t(`deviceKinds.${d.kind}`) },
      { header: 'fields.status', cell: (d) => t(`deviceStatus.${d.status}`) },
      { header: 'fields.lastSeen', cell: (d) => (d.lastSeenAt ? new Date(d.lastSeenAt).toLocaleString(formattingLocale(lang)) : '—') },
    ],
    fields: [
      { name: 'centreId', label: 'fields.centre', kind: 'select', required: true, on: 'create', options: centreOptions, initial: (_l, c) => c },
      { name: 'kind', label: 'fields.deviceKind', kind: 'select', required: true, options: () => (['kiosk', 'display'] as const).map((k) => ({ value: k, label: t(`deviceKinds.${k}`) })) },
      { name: 'name', label: 'fields.deviceName', kind: 'text', required: true, hint: 'hints.deviceName', maxLength: 80 },
    ],
    rowActions: (d, h) => (d.status === 'revoked' ? null : <RevokeButton device={d} helpers={h} />),
    created: (r) => <PairingCode response={r as { device: Device; pairingCode: string; expiresInMinutes: number }} />,
  };

  return { centres, partners, desks, services, counters, staff, devices };
}

export const ADMIN_TABS = ['centres', 'partners', 'desks', 'services', 'counters', 'staff', 'devices'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];
