import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from './LanguageSelect.tsx';

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}

/** Header with the app name and language choice, for pages outside the staff app. */
export function SimpleLayout({ children, title, languageSwitch = true }: { children: ReactNode; title?: string; languageSwitch?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">
          <span className="brand">{t('app.name')}</span>
          {title && <span className="header-context">{title}</span>}
          {languageSwitch && <LanguageSelect />}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page">
        {children}
      </main>
    </>
  );
}
