import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post, type Device, type StaffUser } from '../api.ts';
import { ErrorSummary, FieldError, RequiredMark, describedBy } from '../ui/form.tsx';
import type { Helpers } from './resource.tsx';

export function PairingCode({ response }: { response: { device: Device; pairingCode: string; expiresInMinutes: number } }) {
  const { t } = useTranslation();
  return (
    <div className="pairing-code-box">
      <p>{t('devices.codeFor', { name: response.device.name })}</p>
      <p className="pairing-code" data-testid="pairing-code">
        {response.pairingCode}
      </p>
      <p>{t(response.device.kind === 'kiosk' ? 'devices.instructionsKiosk' : 'devices.instructionsDisplay')}</p>
      <p>{t('devices.expires', { count: response.expiresInMinutes })}</p>
    </div>
  );
}

export function RevokeButton({ device, helpers }: { device: Device; helpers: Helpers }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className="button small danger" aria-label={t('devices.revokeNamed', { name: device.name })} onClick={() => setConfirming(true)}>
        {t('devices.revoke')}
      </button>
    );
  return (
    <span className="confirm">
      <span>{t('devices.revokeConfirm', { name: device.name })}</span>{' '}
      <button type="button" className="button small danger" onClick={() => void helpers.run(() => post(`/api/devices/${device.id}/revoke`), t('devices.revoked', { name: device.name }))}>
        {t('devices.revokeYes')}
      </button>{' '}
      <button type="button" className="button small secondary" onClick={() => setConfirming(false)}>
        {t('form.cancel')}
      </button>
    </span>
  );
}

export function SetPassword({ user, helpers }: { user: StaffUser; helpers: Helpers }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    try {
      await post(`/api/staff/${user.id}/password`, { password });
      setPassword('');
      setDone(true);
      await helpers.reload();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const fieldError = error instanceof ApiError ? error.fields.password : undefined;
  return (
    <form className="form subform" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="set-password-title">
      <h4 id="set-password-title">{t('admin.setPassword')}</h4>
      <ErrorSummary error={error} labels={{ password: { id: 'set-password', label: t('fields.password') } }} />
      {done && <p role="status">{t('admin.passwordSet', { name: user.displayName })}</p>}
      <div className="field">
        <label htmlFor="set-password">
          {t('fields.newPassword')}
          <RequiredMark />
        </label>
        <p className="hint" id="set-password-hint">
          {t('hints.password')}
        </p>
        <input id="set-password" type="password" autoComplete="new-password" required aria-required="true" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={fieldError ? true : undefined} aria-describedby={describedBy('set-password', fieldError, true)} />
        <FieldError id="set-password" message={fieldError} />
      </div>
      <button type="submit" className="button secondary">
        {t('admin.setPassword')}
      </button>
    </form>
  );
}
