import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TFunction } from 'i18next';
import { CLIENT_LANGUAGES, languageInfo, textDirection } from '../../../core/languages.ts';
import type { ReaderText } from '../knowledge/reader.ts';

/** What every page knows about the request: the reader's language, its texts, the page's path. */
export interface PageContext {
  locale: string;
  t: TFunction;
  /** The page's path after the locale, e.g. "/topics/health" ("/" for home). */
  path: string;
  /** The site's menus are not translated into this language (shown in the fallback, marked). */
  uiFallback: boolean;
  /** The network's name, logo and colours, as its administrator set them (defaults otherwise). */
  brand?: SiteBrand;
}

/** What the header shows of the network's branding; null where the network set nothing. */
export interface SiteBrand {
  name: string | null;
  /** The logo's address, versioned so a new logo is fetched at once. */
  logoUrl: string | null;
  /** A small stylesheet with the network's colours, versioned likewise. */
  stylesheetUrl: string | null;
}

export const href = (pc: PageContext, path: string) => `/${pc.locale}${path}`;

/** A language's name in the reader's language (Intl), else its own name. */
export function languageName(code: string, inLocale: string): string {
  try {
    const name = new Intl.DisplayNames([inLocale], { type: 'language' }).of(code);
    if (name && name !== code) return name;
  } catch {
    // An unknown locale to Intl: fall through to the endonym.
  }
  return languageInfo(code)?.endonym ?? code;
}

/** Text in another language than the page's says so, for screen readers and hyphenation. */
export function InLanguage({ pc, lang, children, as: Tag = 'div' }: { pc: PageContext; lang: string; children: ReactNode; as?: 'div' | 'span' }) {
  if (lang === pc.locale) return <>{children}</>;
  return (
    <Tag lang={lang} dir={textDirection(lang)}>
      {children}
    </Tag>
  );
}

/** The honest notices a text carries: another language, a machine translation, an older source. */
export function TextNotices({ pc, text }: { pc: PageContext; text: Pick<ReaderText, 'lang' | 'fallback' | 'machineTranslated' | 'outdated'> }) {
  const notes: string[] = [];
  if (text.fallback) notes.push(pc.t('notice.fallback', { language: languageName(text.lang, pc.locale) }));
  if (text.machineTranslated) notes.push(pc.t('notice.machine'));
  if (text.outdated) notes.push(pc.t('notice.outdated'));
  if (notes.length === 0) return null;
  return (
    <div className="notice" role="note">
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}

/** A globe: the language menu's sign in every script. */
function GlobeIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M2 12h20M12 2c3 3.2 3 16.8 0 20M12 2c-3 3.2-3 16.8 0 20" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

/** The language menu: a disclosure (no script needed) listing the 13 languages by their own names. */
function LanguageMenu({ pc }: { pc: PageContext }) {
  const { t, locale } = pc;
  return (
    <details className="language-menu">
      <summary>
        <GlobeIcon />
        <span className="visually-hidden">{t('languageMenu')}: </span>
        {languageInfo(locale)?.endonym ?? locale}
      </summary>
      <ul>
        {CLIENT_LANGUAGES.map((l) => (
          <li key={l}>
            <a href={`/site/language?to=${encodeURIComponent(l)}&next=${encodeURIComponent(pc.path)}`} lang={l} dir={textDirection(l)} hrefLang={l} aria-current={l === locale ? 'true' : undefined}>
              {languageInfo(l)?.endonym ?? l}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function Layout({ pc, title, description, children, printable }: { pc: PageContext; title: string; description?: string; children: ReactNode; printable?: boolean }) {
  const { t, locale } = pc;
  const siteName = pc.brand?.name ?? t('siteName');
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title === siteName ? siteName : `${title} — ${siteName}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href="/site/site.css" />
        {pc.brand?.stylesheetUrl ? <link rel="stylesheet" href={pc.brand.stylesheetUrl} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {CLIENT_LANGUAGES.map((l) => (
          <link key={l} rel="alternate" hrefLang={l} href={`/${l}${pc.path}`} />
        ))}
      </head>
      <body className={printable ? 'printable' : undefined}>
        <a className="skip" href="#content">
          {t('skip')}
        </a>
        <header className="site-header">
          <a className="brand" href={href(pc, '/')}>
            {pc.brand?.logoUrl ? <img src={pc.brand.logoUrl} alt="" /> : null}
            <span>{siteName}</span>
          </a>
          <LanguageMenu pc={pc} />
          <nav aria-label={t('menu')}>
            <ul>
              <li>
                <a href={href(pc, '/#topics')}>{t('topicsNav')}</a>
              </li>
              <li>
                <a href={href(pc, '/centres')}>{t('centresNav')}</a>
              </li>
            </ul>
          </nav>
        </header>
        {pc.uiFallback ? (
          <p className="notice interface" role="note">
            {t('notice.interface')}
          </p>
        ) : null}
        <main id="content" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t('footer.free')}</p>
          <p>{t('footer.privacy')}</p>
          <p>
            <a href={href(pc, '/accessibility')}>{t('footer.accessibility')}</a>
          </p>
          <p>
            <a href="/app/">{t('footer.staff')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

export function renderPage(element: ReactNode): string {
  return `<!doctype html>\n${renderToStaticMarkup(element)}`;
}
