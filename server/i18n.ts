import i18next, { type i18n, type TFunction } from 'i18next';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const localesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'locales');

/** Locales that have server messages; others fall back to English, marked by the client layer. */
export const SERVER_LOCALES: string[] = existsSync(localesDir)
  ? readdirSync(localesDir).filter((l) => existsSync(join(localesDir, l, 'server.json')))
  : [];

let instance: i18n | undefined;

function load(): i18n {
  if (instance) return instance;
  const resources: Record<string, { server: Record<string, unknown> }> = {};
  for (const lng of SERVER_LOCALES) {
    resources[lng] = { server: JSON.parse(readFileSync(join(localesDir, lng, 'server.json'), 'utf8')) };
  }
  instance = i18next.createInstance();
  void instance.init({
    resources,
    ns: ['server'],
    defaultNS: 'server',
    fallbackLng: { 'pt-BR': ['pt-PT', 'en'], default: ['en'] },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export function translator(locale: string): TFunction {
  return load().getFixedT(locale, 'server');
}

/** Picks the best server locale from an Accept-Language header (RFC 9110 quality values). */
export function negotiateLocale(acceptLanguage: string | undefined, fallback = 'en'): string {
  if (!acceptLanguage) return fallback;
  const wanted = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').trim(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const exact = SERVER_LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const base = tag.split('-')[0]!.toLowerCase();
    const sameBase = SERVER_LOCALES.find((l) => l.split('-')[0]!.toLowerCase() === base);
    if (sameBase) return sameBase;
  }
  return fallback;
}
