import { i18next } from '../i18n.ts';

/** The languages i18next tries for a wanted language, in order (its fallback chain). */
function chainOf(lang: string): readonly string[] {
  const utils = i18next.services?.languageUtils as { toResolveHierarchy?: (code: string) => string[] } | undefined;
  return utils?.toResolveHierarchy?.(lang) ?? [lang, 'en'];
}

/**
 * The language a namespace's text is really shown in for a wanted language: the first language of
 * i18next's fallback chain (e.g. pt-BR → pt-PT → en) that has the namespace, so speech uses a
 * matching voice and `lang` attributes tell the truth.
 */
export function shownLanguage(lang: string, ns: string): string {
  return chainOf(lang).find((l) => i18next.hasResourceBundle(l, ns)) ?? 'en';
}

/** The language public-screen text (screens.json) is really shown in for a wanted language. */
export function screensLanguage(lang: string): string {
  return shownLanguage(lang, 'screens');
}

/** A t() fixed to a language's screens text (with the fallback above). */
export function screensT(lang: string) {
  return i18next.getFixedT(screensLanguage(lang), 'screens');
}

/**
 * The one language a kiosk screen is written in for a wanted language: the first of the fallback
 * chain that has both of the kiosk's namespaces (screens.json and kiosk.json), so a screen never
 * mixes two languages in its own words.
 */
export function kioskLanguage(lang: string): string {
  return chainOf(lang).find((l) => i18next.hasResourceBundle(l, 'screens') && i18next.hasResourceBundle(l, 'kiosk')) ?? 'en';
}
