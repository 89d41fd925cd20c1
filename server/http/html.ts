const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A name in the reader's language, else English, else Portuguese, else any. */
export function localized(names: Record<string, string>, locale: string): string {
  return names[locale] ?? names[locale.split('-')[0]!] ?? names.en ?? names['pt-PT'] ?? Object.values(names)[0] ?? '';
}
