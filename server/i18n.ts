import { negotiateLanguage } from '../core/languages.ts';
import i18next, { type i18n, type TFunction } from 'i18next';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const localesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'locales');

/**
 * Locale folders under locales/. Files and folders whose name starts with "_" are not text to
 * show (e.g. locales/<lng>/_translation.json, which says how a locale was translated).
 */
const localeFolders = (): string[] => (existsSync(localesDir) ? readdirSync(localesDir).filter((l) => !l.startsWith('_')) : []);

/** Locales that have staff-facing API messages (server.json): the staff interface languages. */
export const SERVER_LOCALES: string[] = localeFolders().filter((l) => existsSync(join(localesDir, l, 'server.json')));

/**
 * Locales with client-facing text (client.json): the phone ticket page and the API messages a
 * client can meet at the kiosk or on the phone (client.json "errors" and "fields").
 */
export const CLIENT_LOCALES: string[] = localeFolders().filter((l) => existsSync(join(localesDir, l, 'client.json')));

/** Namespaces the server renders from: API messages and client-facing pages (phone ticket, print). */
const SERVER_NAMESPACES = ['server', 'client', 'site', 'dsar', 'survey', 'allocation'] as const;
export type ServerNamespace = (typeof SERVER_NAMESPACES)[number];

let instance: i18n | undefined;

function load(): i18n {
  if (instance) return instance;
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lng of localeFolders()) {
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

/**
 * API messages for a client (kiosk, phone): errors.<code> and fields.<code> from client.json in
 * the client's language, else, for a message no client should meet, from server.json (English
 * when the language has no staff messages).
 */
export function clientMessageTranslator(locale: string): TFunction {
  return load().getFixedT(locale, ['client', 'server']);
}

/** Whether a locale has its own translation of a namespace (otherwise a fallback is shown, marked). */
export function hasTranslation(locale: string, ns: ServerNamespace): boolean {
  return load().hasResourceBundle(locale, ns);
}

export interface TranslationStatus {
  /** Namespaces machine-translated and not yet reviewed by a fluent speaker. */
  machineTranslated: string[];
  /** Who reviewed the locale's text (a person or organisation), once someone has. */
  reviewedBy: string | null;
}

const statuses = new Map<string, TranslationStatus>();

/**
 * How a locale's text was translated, from locales/<lng>/_translation.json, e.g.
 * {"machineTranslated": ["client", "print", "screens"], "reviewedBy": null}. A locale without the
 * file was written by people (en, pt-PT). A reviewer takes a namespace off the list once checked.
 */
export function translationStatus(locale: string): TranslationStatus {
  const known = statuses.get(locale);
  if (known) return known;
  // Only real locale folders are read (the locale may come from a URL).
  if (!localeFolders().includes(locale)) return { machineTranslated: [], reviewedBy: null };
  const file = join(localesDir, locale, '_translation.json');
  const raw = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<TranslationStatus>) : {};
  const status = { machineTranslated: Array.isArray(raw.machineTranslated) ? raw.machineTranslated : [], reviewedBy: raw.reviewedBy ?? null };
  statuses.set(locale, status);
  return status;
}

/** Whether a namespace of a locale is machine-translated and not yet reviewed, so pages can say so. */
export function isMachineTranslated(locale: string, ns: string): boolean {
  return translationStatus(locale).machineTranslated.includes(ns);
}

/** Picks the best of `locales` (default: the staff locales) from an Accept-Language header (RFC 9110 quality values). */
export function negotiateLocale(acceptLanguage: string | undefined, fallback = 'en', locales: readonly string[] = SERVER_LOCALES): string {
  return negotiateLanguage(acceptLanguage, locales, fallback);
}
