import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { textDirection } from '../../core/languages.ts';
import { ApiError, get, post, type DeviceIdentity } from '../api.ts';
import { ErrorSummary, FieldError, RequiredMark, describedBy } from '../ui/form.tsx';
import { SkipLink } from '../ui/layout.tsx';
import { DisplayBoard } from './DisplayBoard.tsx';
import { Kiosk } from './Kiosk.tsx';
import { shownLanguage } from './language.ts';

// Chinese letters on a bare kiosk or board: their font faces, in a chunk of their own.
void import('../fonts-zh.ts');

/** A kiosk or display board: paired once with a code from the centre manager, then its main view. */
export function DeviceScreen({ kind }: { kind: 'kiosk' | 'display' }) {
  const { t, i18n } = useTranslation();
  // Pairing is for staff: its words exist in the staff languages only, and say which one they are in
  // (English on a screen opened with ?lang=ar, left to right).
  const shown = shownLanguage(i18n.language, 'web');
  const [identity, setIdentity] = useState<DeviceIdentity | null | undefined>(undefined);
  const [justPaired, setJustPaired] = useState(false);
  const [loadError, setLoadError] = useState<Error | null>(null);

  useEffect(() => {
    let cancelled = false;
    get<DeviceIdentity>('/api/device', { allow401: true })
      .then((d) => !cancelled && setIdentity(d))
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setIdentity(null);
        else setLoadError(e instanceof Error ? e : new Error(String(e)));
      });
    return () => {
      cancelled = true;
    };
  }, []);

  // A paired screen of the right kind shows its main view full screen.
  if (identity && !loadError && identity.device.kind === kind) {
    return kind === 'display' ? <DisplayBoard identity={identity} justPaired={justPaired} /> : <Kiosk identity={identity} />;
  }

  return (
    <div className={`device device-${kind}`} lang={shown} dir={textDirection(shown)}>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">
          <span className="brand">{t('app.name')}</span>
          <span className="header-context">{t(`deviceKinds.${kind}`)}</span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page device-page">
        {loadError && (
          <>
            <h1>{t('device.errorTitle')}</h1>
            <p role="alert">{loadError.message}</p>
          </>
        )}
        {!loadError && identity === undefined && <p className="loading">{t('app.loading')}</p>}
        {!loadError && identity === null && (
          <PairingForm
            kind={kind}
            onPaired={(d) => {
              setJustPaired(true);
              setIdentity(d);
            }}
          />
        )}
        {identity && (
          <>
            <h1>{identity.centre.name}</h1>
            {justPaired && (
              <p className="notice" role="status">
                {t('device.pairedTo', { centre: identity.centre.name, name: identity.device.name })}
              </p>
            )}
            <p className="device-placeholder">{t(`device.placeholder.${identity.device.kind}`, { centre: identity.centre.name, name: identity.device.name })}</p>
            {identity.device.kind !== kind && <p>{t('device.wrongScreen', { kind: t(`deviceKinds.${identity.device.kind}`), path: `/${identity.device.kind}` })}</p>}
          </>
        )}
      </main>
    </div>
  );
}

function PairingForm({ kind, onPaired }: { kind: 'kiosk' | 'display'; onPaired: (d: DeviceIdentity) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onPaired(await post<DeviceIdentity>('/api/device/pair', { code: code.trim().toUpperCase() }, { allow401: true }));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = error instanceof ApiError ? (error.fields.code ?? (error.code === 'pairing_code_invalid' ? error.message : undefined)) : undefined;
  return (
    <div className="narrow">
      <h1>{t('device.pairTitle', { kind: t(`deviceKinds.${kind}`) })}</h1>
      <p>{t('device.pairIntro')}</p>
      <ErrorSummary error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <div className="field">
          <label htmlFor="pairing-code">
            {t('device.code')}
            <RequiredMark />
          </label>
          <p className="hint" id="pairing-code-hint">
            {t('device.codeHint')}
          </p>
          <input
            id="pairing-code"
            className="input-code large"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            aria-required="true"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy('pairing-code', fieldError, true)}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <FieldError id="pairing-code" message={fieldError} />
        </div>
        <button type="submit" className="button large" disabled={busy}>
          {t('device.pair')}
        </button>
      </form>
    </div>
  );
}
