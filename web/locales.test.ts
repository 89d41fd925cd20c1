import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const LOCALES = join(import.meta.dirname, '..', 'locales');
/** Locales every namespace must be complete in: the staff interface languages. */
const COMPLETE = ['en', 'pt-PT'];

type Tree = { [key: string]: string | Tree };
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
const load = (lng: string, ns: string): Tree => JSON.parse(readFileSync(join(LOCALES, lng, `${ns}.json`), 'utf8'));

describe('shipped translations', () => {
  const namespaces = readdirSync(join(LOCALES, 'en')).map((f) => f.replace(/\.json$/, ''));

  it('exist for every namespace in every complete locale', () => {
    for (const lng of COMPLETE) for (const ns of namespaces) expect(existsSync(join(LOCALES, lng, `${ns}.json`)), `${lng}/${ns}.json`).toBe(true);
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
    it(`${ns}: every complete locale has the same keys, every CLDR plural form of its language, none empty`, () => {
      const bases = pluralBases(ns);
      const reference = baseKeys(load('en', ns), bases);
      for (const lng of COMPLETE) {
        const tree = load(lng, ns);
        expect(baseKeys(tree, bases), `${lng}/${ns}.json`).toEqual(reference);
        const categories = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
        for (const base of bases) {
          for (const category of categories) expect(keys(tree), `${lng}/${ns}.json needs ${base}_${category}`).toContain(`${base}_${category}`);
        }
        const empty = keys(tree).filter((k) => k.split('.').reduce<Tree | string>((t, part) => (t as Tree)[part]!, tree) === '');
        expect(empty, `${lng}/${ns}.json empty strings`).toEqual([]);
      }
    });
  }

  it('keep {{placeholders}} the same across languages', () => {
    for (const ns of namespaces) {
      const en = load('en', ns);
      const placeholders = (tree: Tree) =>
        Object.fromEntries(keys(tree).map((k) => [k, [...String(k.split('.').reduce<Tree | string>((t, p) => (t as Tree)[p]!, tree)).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()]));
      const reference = placeholders(en);
      for (const lng of COMPLETE.filter((l) => l !== 'en')) {
        const other = placeholders(load(lng, ns));
        for (const [key, names] of Object.entries(reference)) {
          // Plural forms may drop {{count}} where the language spells the number out; the set may differ.
          if (PLURAL.test(key) || other[key] === undefined) continue;
          expect(other[key], `${lng}/${ns}.json ${key}`).toEqual(names);
        }
      }
    }
  });
});
