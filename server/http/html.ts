const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A name in the reader's language, else English, else Portuguese, else any. */
export function localized(names: Record<string, string>, locale: string): string {
  return localizedName(names, locale).text;
}

/** The same, saying which language the name is really in (for its `lang` attribute). */
export function localizedName(names: Record<string, string>, locale: string): { text: string; lang: string } {
  for (const lang of [locale, locale.split('-')[0]!, 'en', 'pt-PT']) if (names[lang]) return { text: names[lang], lang };
  const [first] = Object.entries(names);
  return first ? { text: first[1], lang: first[0] } : { text: '', lang: locale };
}
