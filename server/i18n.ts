import i18next, { type i18n, type TFunction } from 'i18next';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const localesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'locales');

/** Locales that have server messages; others fall back to English, marked by the client layer. */
export const SERVER_LOCALES: string[] = existsSync(localesDir)
  ? readdirSync(localesDir).filter((l) => existsSync(join(localesDir, l, 'server.json')))
  : [];

/** Namespaces the server renders from: API messages and client-facing pages (phone ticket, print). */
const SERVER_NAMESPACES = ['server', 'client'] as const;
export type ServerNamespace = (typeof SERVER_NAMESPACES)[number];

let instance: i18n | undefined;

function load(): i18n {
  if (instance) return instance;
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  const locales = existsSync(localesDir) ? readdirSync(localesDir) : [];
  for (const lng of locales) {
    for (const ns of SERVER_NAMESPACES) {
      const file = join(localesDir, lng, `${ns}.json`);
      if (existsSync(file)) (resources[lng] ??= {})[ns] = JSON.parse(readFileSync(file, 'utf8'));
    }
  }
  instance = i18next.createInstance();
  void instance.init({
    resources,
    ns: [...SERVER_NAMESPACES],
    defaultNS: 'server',
    fallbackLng: { 'pt-BR': ['pt-PT', 'en'], default: ['en'] },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export function translator(locale: string, ns: ServerNamespace = 'server'): TFunction {
  return load().getFixedT(locale, ns);
}

/** Whether a locale has its own translation of a namespace (otherwise a fallback is shown, marked). */
export function hasTranslation(locale: string, ns: ServerNamespace): boolean {
  return load().hasResourceBundle(locale, ns);
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
