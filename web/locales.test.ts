import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = join(import.meta.dirname, '..', 'locales');
/** Locales every namespace must be complete in: the staff interface languages. */
const COMPLETE = ['en', 'pt-PT'];
/** Languages every client-facing surface is offered in, and the namespaces those surfaces read. */
const CLIENT_LOCALES = ['pt-PT', 'pt-BR', 'en', 'fr', 'es', 'uk', 'ru', 'ro', 'ar', 'hi', 'bn', 'ne', 'kea'];
const CLIENT_NAMESPACES = ['client', 'screens', 'print'];

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
const load = (lng: string, ns: string): Tree => JSON.parse(readFileSync(join(LOCALES, lng, `${ns}.json`), 'utf8'));
const valueAt = (tree: Tree, key: string) => key.split('.').reduce<Tree | string>((t, part) => (t as Tree)[part]!, tree);
/** Locale folders, and each one's namespaces; files named "_…" (e.g. _translation.json) are not text. */
const locales = readdirSync(LOCALES).filter((l) => !l.startsWith('_'));
const namespacesOf = (lng: string) =>
  readdirSync(join(LOCALES, lng))
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .map((f) => f.replace(/\.json$/, ''));

describe('shipped translations', () => {
  const namespaces = namespacesOf('en');

  it('exist for every namespace in every complete locale', () => {
    for (const lng of COMPLETE) for (const ns of namespaces) expect(existsSync(join(LOCALES, lng, `${ns}.json`)), `${lng}/${ns}.json`).toBe(true);
  });

  it('exist for every client-facing namespace in every client language', () => {
    for (const lng of CLIENT_LOCALES) for (const ns of CLIENT_NAMESPACES) expect(existsSync(join(LOCALES, lng, `${ns}.json`)), `${lng}/${ns}.json`).toBe(true);
  });

  it('keep the staff interface namespaces to the staff locales', () => {
    const STAFF_NAMESPACES = ['web', 'visit', 'floor', 'casefile', 'server', 'stats'];
    for (const lng of locales.filter((l) => !COMPLETE.includes(l))) {
      expect(namespacesOf(lng).filter((ns) => STAFF_NAMESPACES.includes(ns)), `${lng}: staff namespaces`).toEqual([]);
    }
  });

  it('say how each locale was translated (_translation.json): machine-translated namespaces it ships, not yet reviewed', () => {
    for (const lng of locales) {
      const file = join(LOCALES, lng, '_translation.json');
      if (COMPLETE.includes(lng)) {
        if (existsSync(file)) expect(JSON.parse(readFileSync(file, 'utf8')).machineTranslated, `${lng} is written by people`).toEqual([]);
        continue;
      }
      expect(existsSync(file), `${lng}/_translation.json`).toBe(true);
      const status = JSON.parse(readFileSync(file, 'utf8')) as { machineTranslated: unknown; reviewedBy: unknown };
      expect(Object.keys(status).sort(), `${lng}/_translation.json keys`).toEqual(['machineTranslated', 'reviewedBy']);
      expect(Array.isArray(status.machineTranslated), `${lng}/_translation.json machineTranslated`).toBe(true);
      for (const ns of status.machineTranslated as string[]) expect(namespacesOf(lng), `${lng}/_translation.json names ${ns}`).toContain(ns);
      expect(status.reviewedBy === null || typeof status.reviewedBy === 'string', `${lng}/_translation.json reviewedBy`).toBe(true);
    }
  });

  const PLURAL = /_(zero|one|two|few|many|other)$/;
  /** Plural sets are the bases that English has with both _one and _other (so "too_many" is not one). */
  const pluralBases = (ns: string) => {
    const en = new Set(keys(load('en', ns)));
    return new Set([...en].filter((k) => k.endsWith('_other') && en.has(k.replace(/_other$/, '_one'))).map((k) => k.replace(/_other$/, '')));
  };
  /** Keys with plural suffixes folded, since languages have different CLDR plural categories. */
  const baseKeys = (tree: Tree, bases: Set<string>) => [...new Set(keys(tree).map((k) => (bases.has(k.replace(PLURAL, '')) ? k.replace(PLURAL, '') : k)))].sort();

  for (const ns of namespaces) {
    it(`${ns}: every locale that ships it has the English keys, exactly its language's CLDR plural forms, none empty`, () => {
      const bases = pluralBases(ns);
      const reference = baseKeys(load('en', ns), bases);
      for (const lng of locales.filter((l) => existsSync(join(LOCALES, l, `${ns}.json`)))) {
        const tree = load(lng, ns);
        expect(baseKeys(tree, bases), `${lng}/${ns}.json`).toEqual(reference);
        const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
        for (const base of bases) {
          const forms = keys(tree)
            .filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k))
            .map((k) => k.slice(base.length + 1))
            .sort();
          expect(forms, `${lng}/${ns}.json ${base}: the plural forms of ${lng}`).toEqual([...categories].sort());
        }
        const empty = keys(tree).filter((k) => String(valueAt(tree, k)).trim() === '');
        expect(empty, `${lng}/${ns}.json empty strings`).toEqual([]);
      }
    });
  }

  it('keep {{placeholders}} the same across languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
    for (const ns of namespaces) {
      const en = load('en', ns);
      const bases = pluralBases(ns);
      const reference = Object.fromEntries(keys(en).map((k) => [k, placeholders(String(valueAt(en, k)))]));
      for (const lng of locales.filter((l) => l !== 'en' && existsSync(join(LOCALES, l, `${ns}.json`)))) {
        const tree = load(lng, ns);
        for (const key of keys(tree)) {
          const names = placeholders(String(valueAt(tree, key)));
          const base = key.replace(PLURAL, '');
          if (bases.has(base)) {
            // Plural forms may drop {{count}} where the language spells the number out, but use no other names.
            const allowed = new Set(placeholders(String(valueAt(en, `${base}_other`))));
            expect(names.filter((n) => !allowed.has(n)), `${lng}/${ns}.json ${key}`).toEqual([]);
          } else if (reference[key]) {
            expect(names, `${lng}/${ns}.json ${key}`).toEqual(reference[key]);
          }
        }
      }
    }
  });
});
