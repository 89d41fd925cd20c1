/**
 * The translation workflow's states for one item in one language:
 * - `current`: made from the latest source text and reviewed (or written by a person);
 * - `outdated`: made from an older source version — the source changed since;
 * - `machine`: machine-translated and nobody has reviewed it yet;
 * - `missing`: no text in this language; readers get the fallback language, marked as such.
 */
export type TranslationStatus = 'current' | 'outdated' | 'machine' | 'missing';

export interface TextVersion {
  version: number;
  sourceVersion: number;
  machineTranslated: boolean;
  reviewedAt: string | null;
}

export function translationStatus(latest: TextVersion | undefined, itemSourceVersion: number, isSource: boolean): TranslationStatus {
  if (!latest) return 'missing';
  if (isSource) return 'current';
  if (latest.sourceVersion < itemSourceVersion) return 'outdated';
  if (latest.machineTranslated && !latest.reviewedAt) return 'machine';
  return 'current';
}

/**
 * The languages a reader is shown, best first, when their own has no text: Brazilian readers get
 * European Portuguese before English, Cape Verdean readers Portuguese (the official language of
 * Cape Verde); everyone else English, then Portuguese.
 */
export function fallbackChain(locale: string): string[] {
  const chain = locale === 'pt-BR' || locale === 'kea' ? [locale, 'pt-PT', 'en'] : [locale, 'en', 'pt-PT'];
  return [...new Set(chain)];
}

/** The first language of the chain that has a text, and whether it is a fallback. */
export function pickLanguage<T>(locale: string, texts: ReadonlyMap<string, T>): { locale: string; text: T; fallback: boolean } | undefined {
  for (const candidate of fallbackChain(locale)) {
    const text = texts.get(candidate);
    if (text !== undefined) return { locale: candidate, text, fallback: candidate !== locale };
  }
  const first = texts.entries().next();
  return first.done ? undefined : { locale: first.value[0], text: first.value[1], fallback: true };
}
