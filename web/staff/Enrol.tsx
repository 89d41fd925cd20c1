import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post, type Session } from '../api.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorSummary, FieldError, RequiredMark, describedBy } from '../ui/form.tsx';
import { landingPath } from './surfaces.ts';

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** Second-factor set-up: scan the QR code (or type the key), then confirm with a code. */
export function Enrol() {
  const { t } = useTranslation();
  const { setSession } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    post<Enrolment>('/api/me/totp')
      .then((e) => !cancelled && setEnrolment(e))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e : new Error(String(e))));
    return () => {
      cancelled = true;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await post<Session>('/api/me/totp/confirm', { code });
      setSession(session);
      navigate(landingPath(session.user.roles));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  const codeError = error instanceof ApiError ? error.fields.code : undefined;
  return (
    <div className="narrow">
      <h1>{t('enrol.title')}</h1>
      <p>{t('enrol.intro')}</p>
      <ErrorSummary error={error} labels={{ code: { id: 'enrol-code', label: t('enrol.code') } }} />
      {enrolment ? (
        <>
          <ol className="steps">
            <li>
              {t('enrol.step1')}
              <div className="qr">
                <img src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`} alt={t('enrol.qrAlt')} width={200} height={200} />
              </div>
            </li>
            <li>
              {t('enrol.step2')} <code className="secret">{enrolment.secret}</code>
            </li>
            <li>{t('enrol.step3')}</li>
          </ol>
          <form onSubmit={(e) => void submit(e)} noValidate className="form">
            <div className="field">
              <label htmlFor="enrol-code">
                {t('enrol.code')}
                <RequiredMark />
              </label>
              <input
                id="enrol-code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                aria-required="true"
                aria-invalid={codeError ? true : undefined}
                aria-describedby={describedBy('enrol-code', codeError, false)}
                className="input-code"
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              />
              <FieldError id="enrol-code" message={codeError} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t('enrol.submit')}
            </button>
          </form>
        </>
      ) : (
        !error && <p className="loading">{t('app.loading')}</p>
      )}
    </div>
  );
}
