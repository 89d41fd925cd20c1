import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_LOCALES, languageInfo } from '../../core/languages.ts';
import { ApiError, patch, type StaffUser } from '../api.ts';
import { rememberLanguage } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { ErrorSummary, FieldError, Notice, RequiredMark, describedBy } from '../ui/form.tsx';

/** The signed-in user's own account: display name and language; second-factor status. */
export function Account() {
  const { t, i18n } = useTranslation();
  const { session, setSession } = useSession();
  const user = session!.user;
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState(user.locale);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const body: Record<string, string> = {};
    if (displayName !== user.displayName) body.displayName = displayName;
    if (locale !== user.locale) body.locale = locale;
    if (Object.keys(body).length === 0) {
      setSaved(true);
      return;
    }
    try {
      const updated = await patch<StaffUser>('/api/me', body);
      setSession({ ...session!, user: updated });
      if (body.locale) {
        rememberLanguage(updated.locale);
        void i18n.changeLanguage(updated.locale);
      }
      setSaved(true);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  };
  const fields = error instanceof ApiError ? error.fields : {};
  return (
    <>
      <h1>{t('account.title')}</h1>
      <dl className="facts">
        <dt>{t('account.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('home.roles')}</dt>
        <dd>{user.roles.map((r) => t(`roles.${r}.name`)).join(', ')}</dd>
        <dt>{t('account.secondFactor')}</dt>
        <dd>{user.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</dd>
      </dl>
      <ErrorSummary error={error} labels={{ displayName: { id: 'account-name', label: t('account.displayName') }, locale: { id: 'account-locale', label: t('account.locale') } }} />
      {saved && <Notice>{t('account.saved')}</Notice>}
      <form className="form narrow" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="account-name">
            {t('account.displayName')}
            <RequiredMark />
          </label>
          <input id="account-name" required aria-required="true" value={displayName} onChange={(e) => setDisplayName(e.target.value)} aria-invalid={fields.displayName ? true : undefined} aria-describedby={describedBy('account-name', fields.displayName, false)} />
          <FieldError id="account-name" message={fields.displayName} />
        </div>
        <div className="field">
          <label htmlFor="account-locale">{t('account.locale')}</label>
          <select id="account-locale" value={locale} onChange={(e) => setLocale(e.target.value)} aria-invalid={fields.locale ? true : undefined} aria-describedby={describedBy('account-locale', fields.locale, false)}>
            {STAFF_LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageInfo(code)?.endonym ?? code}
              </option>
            ))}
          </select>
          <FieldError id="account-locale" message={fields.locale} />
        </div>
        <button type="submit" className="button">
          {t('form.save')}
        </button>
      </form>
    </>
  );
}
