import { i18next } from '../i18n.ts';

/**
 * The language public-screen text is really shown in for a wanted language: the language itself
 * when screens.json exists for it, else English (the fallback), so speech uses a matching voice
 * and `lang` attributes tell the truth.
 */
export function screensLanguage(lang: string): string {
  if (i18next.hasResourceBundle(lang, 'screens')) return lang;
  return 'en';
}

/** A t() fixed to a language's screens text (with the fallback above). */
export function screensT(lang: string) {
  return i18next.getFixedT(screensLanguage(lang), 'screens');
}
