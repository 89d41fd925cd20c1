import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api.ts';
import { ErrorSummary, FieldError, RequiredMark, describedBy } from '../ui/form.tsx';
import { useCodeSubmit } from './useCodeSubmit.ts';

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** Second-factor set-up: scan the QR code (or type the key), then confirm with a code. */
export function Enrol() {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const { code, setCode, error, setError, busy, submit, codeError } = useCodeSubmit('/api/me/totp/confirm');

  useEffect(() => {
    let cancelled = false;
    post<Enrolment>('/api/me/totp')
      .then((e) => !cancelled && setEnrolment(e))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e : new Error(String(e))));
    return () => {
      cancelled = true;
    };
  }, []);

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
