import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { STAFF_LOCALES, textDirection, languageInfo } from '../core/languages.ts';

export const LANG_STORAGE_KEY = 'balcao.lang';
/** A pseudo-locale for tests: every string accented and bracketed, so hard-coded text stands out. */
export const PSEUDO_LOCALE = 'en-XA';

const ACCENTS: Record<string, string> = {
  a: 'à', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', w: 'ŵ', y: 'ý', z: 'ž',
  A: 'À', C: 'Ç', E: 'É', I: 'Î', N: 'Ñ', O: 'Ö', S: 'Š', U: 'Û', Y: 'Ý',
};

/** Accents letters outside {{placeholders}} and wraps the result in [!! … !!]. */
export function pseudoLocalize(text: string): string {
  const parts = text.split(/(\{\{[^}]+\}\}|<\/?\d+>)/);
  const body = parts.map((p, i) => (i % 2 === 1 ? p : p.replace(/[A-Za-z]/g, (ch) => ACCENTS[ch] ?? ch))).join('');
  return `[!! ${body} !!]`;
}

type Tree = { [key: string]: string | Tree };
function mapTree(tree: Tree, fn: (s: string) => string): Tree {
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, typeof v === 'string' ? fn(v) : mapTree(v, fn)]));
}

/**
 * Every interface namespace of every locale, from locales/<lng>/<ns>.json. server.json holds API
 * messages (translated by the server) and client.json the server-rendered phone page, so
 * neither is bundled. Namespaces: web (shell, admin), visit (pre-sorting, sorting, counter),
 * print (the printed ticket), screens (kiosk, display board), floor (live floor, children's room).
 */
const SERVER_ONLY = new Set(['server', 'client', 'site', 'dsar']);
// Files named "_…" (e.g. _translation.json, how a locale was translated) are not interface text.
const files = import.meta.glob<{ default: Tree }>(['../locales/*/*.json', '!../locales/*/_*.json'], { eager: true });
const resources: Resource = {};
for (const [path, mod] of Object.entries(files)) {
  const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match || SERVER_ONLY.has(match[2]!) || match[1]!.startsWith('_') || match[2]!.startsWith('_')) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  (resources[lng] ??= {})[ns] = mod.default;
}
export const NAMESPACES = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];
resources[PSEUDO_LOCALE] = Object.fromEntries(Object.entries(resources.en ?? {}).map(([ns, tree]) => [ns, mapTree(tree as Tree, pseudoLocalize)]));

const translationFiles = import.meta.glob<{ default: { machineTranslated?: string[] } }>('../locales/*/_translation.json', { eager: true });
const machineTranslatedNamespaces = new Map(
  Object.entries(translationFiles).map(([path, mod]) => [/locales\/([^/]+)\//.exec(path)![1]!, new Set(mod.default.machineTranslated ?? [])]),
);

/**
 * Whether a locale's namespace (e.g. screens) is machine-translated and not yet reviewed, from
 * locales/<lng>/_translation.json, so a public screen can say so discreetly.
 */
export function isMachineTranslated(lng: string, ns: string): boolean {
  return machineTranslatedNamespaces.get(lng)?.has(ns) ?? false;
}

/** Languages the interface may be shown in: the staff locales, plus test locales picked by ?lng=. */
export function isSelectableLanguage(code: string): boolean {
  return (STAFF_LOCALES as readonly string[]).includes(code) || code === PSEUDO_LOCALE || languageInfo(code) !== undefined;
}

/** Negotiates the browser's preferred languages against the staff locales; pt-PT when nothing matches. */
export function negotiateBrowserLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'pt-pt' || lower === 'pt') return 'pt-PT';
    if (lower.startsWith('en')) return 'en';
    if (lower.startsWith('pt')) return 'pt-PT';
  }
  return 'pt-PT';
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function initialLanguage(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('lng') ?? params.get('lang');
  if (fromUrl && isSelectableLanguage(fromUrl)) return fromUrl;
  const stored = storedLanguage();
  if (stored && (STAFF_LOCALES as readonly string[]).includes(stored)) return stored;
  return negotiateBrowserLanguage(navigator.languages ?? [navigator.language]);
}

/** `<html lang dir>` follow the interface language. */
export function applyDocumentLanguage(code: string): void {
  document.documentElement.lang = code;
  document.documentElement.dir = code === PSEUDO_LOCALE ? 'ltr' : textDirection(code);
}

export function rememberLanguage(code: string): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, code);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
}

void i18next.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: { [PSEUDO_LOCALE]: ['en'], 'pt-BR': ['pt-PT', 'en'], default: ['en', 'pt-PT'] },
  defaultNS: 'web',
  ns: NAMESPACES,
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applyDocumentLanguage(i18next.language);
i18next.on('languageChanged', applyDocumentLanguage);

export { i18next };
