import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post, type Session } from '../api.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorSummary, FieldError, RequiredMark, describedBy } from '../ui/form.tsx';
import { landingPath } from './surfaces.ts';

export function SignIn() {
  const { t } = useTranslation();
  const { setSession } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await post<Session>('/api/session', { username, password, ...(needsCode && totpCode ? { totpCode } : {}) }, { allow401: true });
      setSession(session);
      navigate(session.mfa === 'enrolment_required' ? '/app/enrol' : landingPath(session.user.roles));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        setNeedsCode(true);
        setError(null);
        setTimeout(() => codeRef.current?.focus(), 0);
      } else {
        setError(err instanceof Error ? err : new Error(String(err)));
      }
    } finally {
      setBusy(false);
    }
  };

  const codeError = error instanceof ApiError && error.code === 'totp_invalid' ? error.message : undefined;
  return (
    <div className="narrow">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <ErrorSummary error={error} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <div className="field">
          <label htmlFor="username">
            {t('signIn.username')}
            <RequiredMark />
          </label>
          <input id="username" name="username" autoComplete="username" required aria-required="true" value={username} onChange={(e) => setUsername(e.target.value)} autoCapitalize="none" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="password">
            {t('signIn.password')}
            <RequiredMark />
          </label>
          <input id="password" name="password" type="password" autoComplete="current-password" required aria-required="true" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {needsCode && (
          <div className="field">
            <label htmlFor="totp-code">
              {t('signIn.code')}
              <RequiredMark />
            </label>
            <p className="hint" id="totp-code-hint">
              {t('signIn.codeHint')}
            </p>
            <input
              id="totp-code"
              name="totpCode"
              ref={codeRef}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              aria-required="true"
              aria-invalid={codeError ? true : undefined}
              aria-describedby={describedBy('totp-code', codeError, true)}
              className="input-code"
              value={totpCode}
              onChange={(e) => setTotpCode(e.target.value.replace(/\D/g, ''))}
            />
            <FieldError id="totp-code" message={codeError} />
          </div>
        )}
        <button type="submit" className="button" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
