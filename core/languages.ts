/**
 * Languages Balcão knows by code, each named in its own script (endonym) so a client can
 * find theirs without reading the interface language. `dir` drives right-to-left layout.
 */
export interface LanguageInfo {
  code: string;
  endonym: string;
  dir: 'ltr' | 'rtl';
}

export const LANGUAGES: readonly LanguageInfo[] = [
  { code: 'pt-PT', endonym: 'Português (Portugal)', dir: 'ltr' },
  { code: 'pt-BR', endonym: 'Português (Brasil)', dir: 'ltr' },
  { code: 'en', endonym: 'English', dir: 'ltr' },
  { code: 'fr', endonym: 'Français', dir: 'ltr' },
  { code: 'es', endonym: 'Español', dir: 'ltr' },
  { code: 'uk', endonym: 'Українська', dir: 'ltr' },
  { code: 'ru', endonym: 'Русский', dir: 'ltr' },
  { code: 'ro', endonym: 'Română', dir: 'ltr' },
  { code: 'ar', endonym: 'العربية', dir: 'rtl' },
  { code: 'hi', endonym: 'हिन्दी', dir: 'ltr' },
  { code: 'bn', endonym: 'বাংলা', dir: 'ltr' },
  { code: 'ne', endonym: 'नेपाली', dir: 'ltr' },
  { code: 'gu', endonym: 'ગુજરાતી', dir: 'ltr' },
  { code: 'pa', endonym: 'ਪੰਜਾਬੀ', dir: 'ltr' },
  { code: 'ur', endonym: 'اردو', dir: 'rtl' },
  { code: 'zh', endonym: '中文', dir: 'ltr' },
  { code: 'kea', endonym: 'Kabuverdianu', dir: 'ltr' },
  { code: 'pov', endonym: 'Kriyol (Guiné-Bissau)', dir: 'ltr' },
  { code: 'ff', endonym: 'Fulfulde', dir: 'ltr' },
  { code: 'mnk', endonym: 'Mandinka', dir: 'ltr' },
];

export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code);

/**
 * Languages every client-facing surface (public website, kiosk, phone ticket page, display board,
 * printed ticket) is offered in. Text missing in one of them falls back visibly (see
 * core/knowledge/translation.ts), never to a blank or a key.
 */
export const CLIENT_LANGUAGES = ['pt-PT', 'pt-BR', 'en', 'fr', 'es', 'uk', 'ru', 'ro', 'ar', 'hi', 'bn', 'ne', 'kea'] as const;

/** Locales the staff interface is fully translated into. */
export const STAFF_LOCALES = ['pt-PT', 'en'] as const;
export type StaffLocale = (typeof STAFF_LOCALES)[number];

export function languageInfo(code: string): LanguageInfo | undefined {
  return LANGUAGES.find((l) => l.code === code);
}

export function textDirection(code: string): 'ltr' | 'rtl' {
  return languageInfo(code)?.dir ?? 'ltr';
}

/**
 * Picks the best of `candidates` for an Accept-Language header (RFC 9110 quality values): an exact
 * tag first, else the same base language (pt-BR asked, pt-PT offered), else `fallback`.
 */
export function negotiateLanguage(acceptLanguage: string | undefined, candidates: readonly string[], fallback: string): string {
  if (!acceptLanguage) return fallback;
  const wanted = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const exact = candidates.find((c) => c.toLowerCase() === tag);
    if (exact) return exact;
    const base = tag.split('-')[0]!;
    const sameBase = candidates.find((c) => c.split('-')[0]!.toLowerCase() === base);
    if (sameBase) return sameBase;
  }
  return fallback;
}

/**
 * The locale dates and times are written in for a language. English follows British usage
 * (day before month, a 24-hour clock) as in the rest of Europe rather than the American default of
 * plain `en`; the pseudo-locale formats as English.
 */
export function formattingLocale(language: string): string {
  if (language === 'en' || language === 'en-XA') return 'en-GB';
  return language;
}
