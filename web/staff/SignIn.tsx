import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post, type Session, type SignInOptions } from '../api.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ErrorSummary, FieldError, RequiredMark, describedBy } from '../ui/form.tsx';
import { landingPath } from './surfaces.ts';
import { useCodeSubmit } from './useCodeSubmit.ts';

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
  const [options, setOptions] = useState<SignInOptions | null>(null);

  useEffect(() => {
    let cancelled = false;
    // Without the options (an old server, a network error) the password form is still offered.
    get<SignInOptions>('/api/sign-in/options', { allow401: true })
      .then((o) => !cancelled && setOptions(o))
      .catch(() => !cancelled && setOptions({ providers: [], localSignIn: 'all' }));
    return () => {
      cancelled = true;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await post<Session>('/api/session', { username, password, ...(needsCode && totpCode ? { totpCode } : {}) }, { allow401: true });
      setSession(session);
      navigate(session.mfa === 'enrolment_required' ? '/app/enrol' : session.mfa === 'code_required' ? '/app/second-factor' : landingPath(session.user.roles));
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
  const providers = options?.providers ?? [];
  const passwordForm = options?.localSignIn !== 'none';
  return (
    <div className="narrow">
      <h1>{t('signIn.title')}</h1>
      {providers.length > 0 && (
        <section aria-labelledby="sso-title" className="sso-options">
          <h2 id="sso-title">{t('signIn.ssoTitle')}</h2>
          <ul className="plain">
            {providers.map((p) => (
              <li key={p.id}>
                {/* A full page load: the browser goes to the identity provider and comes back. */}
                <a className="button" href={`/auth/sso/${encodeURIComponent(p.id)}/start`}>
                  {t('signIn.ssoWith', { name: p.name })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {passwordForm && (
        <>
          {providers.length > 0 && <h2>{t('signIn.passwordTitle')}</h2>}
          <p>{options?.localSignIn === 'admins' ? t('signIn.adminsOnly') : t('signIn.intro')}</p>
        </>
      )}
      <ErrorSummary error={error} />
      {passwordForm && (
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
      )}
    </div>
  );
}

/**
 * After a single sign-on whose provider proved no second factor: a code from the authenticator
 * app this user enrolled in Balcão proves it for this session.
 */
export function SecondFactor() {
  const { t } = useTranslation();
  const { code, setCode, error, busy, submit, codeError } = useCodeSubmit('/api/session/second-factor');

  return (
    <div className="narrow">
      <h1>{t('signIn.secondFactorTitle')}</h1>
      <p>{t('signIn.secondFactorIntro')}</p>
      <ErrorSummary error={error} labels={{ code: { id: 'second-factor-code', label: t('signIn.code') } }} />
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <div className="field">
          <label htmlFor="second-factor-code">
            {t('signIn.code')}
            <RequiredMark />
          </label>
          <p className="hint" id="second-factor-code-hint">
            {t('signIn.codeHint')}
          </p>
          <input
            id="second-factor-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            aria-required="true"
            aria-invalid={codeError ? true : undefined}
            aria-describedby={describedBy('second-factor-code', codeError, true)}
            className="input-code"
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          />
          <FieldError id="second-factor-code" message={codeError} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
