import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_LOCALES, languageInfo } from '../../core/languages.ts';
import { rememberLanguage } from '../i18n.ts';

/** The interface language: pt-PT or en, each named in its own language. */
export function LanguageSelect({ onChange }: { onChange?: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = (STAFF_LOCALES as readonly string[]).includes(i18n.language) ? i18n.language : '';
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        value={current}
        onChange={(e) => {
          const code = e.target.value;
          rememberLanguage(code);
          void i18n.changeLanguage(code);
          onChange?.(code);
        }}
      >
        {current === '' && <option value="">{t('app.languageTest')}</option>}
        {STAFF_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageInfo(code)?.endonym ?? code}
          </option>
        ))}
      </select>
    </div>
  );
}
