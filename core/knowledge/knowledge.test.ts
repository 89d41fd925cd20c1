import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSlug, misalignedLists, paragraphs } from './content.ts';
import { foldForSearch, searchWords } from './search-text.ts';
import { fallbackChain, pickLanguage, translationStatus } from './translation.ts';

describe('translation status', () => {
  const v = (sourceVersion: number, machineTranslated = false, reviewedAt: string | null = null) => ({ version: 1, sourceVersion, machineTranslated, reviewedAt });
  it('is missing without a text, current for the source language itself', () => {
    expect(translationStatus(undefined, 3, false)).toBe('missing');
    expect(translationStatus(v(3), 3, true)).toBe('current');
  });
  it('is outdated when the source changed after the translation, whatever its review state', () => {
    expect(translationStatus(v(2), 3, false)).toBe('outdated');
    expect(translationStatus(v(2, true, '2026-01-01'), 3, false)).toBe('outdated');
  });
  it('is machine until reviewed, then current', () => {
    expect(translationStatus(v(3, true), 3, false)).toBe('machine');
    expect(translationStatus(v(3, true, '2026-01-01'), 3, false)).toBe('current');
    expect(translationStatus(v(3, false), 3, false)).toBe('current');
  });
});

describe('fallback languages', () => {
  it('Brazilian and Cape Verdean readers get Portuguese first, others English', () => {
    expect(fallbackChain('pt-BR')).toEqual(['pt-BR', 'pt-PT', 'en']);
    expect(fallbackChain('kea')).toEqual(['kea', 'pt-PT', 'en']);
    expect(fallbackChain('ar')).toEqual(['ar', 'en', 'pt-PT']);
    expect(fallbackChain('en')).toEqual(['en', 'pt-PT']);
  });
  it('marks a text from another language as a fallback, never returns nothing when any text exists', () => {
    expect(pickLanguage('ar', new Map([['ar', 'ع']]))).toEqual({ locale: 'ar', text: 'ع', fallback: false });
    expect(pickLanguage('uk', new Map([['pt-PT', 'pt'], ['en', 'en']]))).toEqual({ locale: 'en', text: 'en', fallback: true });
    expect(pickLanguage('uk', new Map([['fr', 'fr']]))).toEqual({ locale: 'fr', text: 'fr', fallback: true });
    expect(pickLanguage('uk', new Map())).toBeUndefined();
    fc.assert(
      fc.property(fc.constantFrom('ar', 'uk', 'en', 'pt-BR', 'kea', 'hi'), fc.uniqueArray(fc.constantFrom('ar', 'uk', 'en', 'pt-PT', 'fr'), { minLength: 1 }), (locale, have) => {
        const picked = pickLanguage(locale, new Map(have.map((l) => [l, l])));
        expect(picked).toBeDefined();
        expect(picked!.fallback).toBe(picked!.locale !== locale);
        expect(have).toContain(picked!.locale);
      }),
    );
  });
});

describe('search text', () => {
  it('folds case and Latin accents but keeps the vowel signs of other scripts', () => {
    expect(foldForSearch('Saúde PÚBLICA')).toBe('saude publica');
    expect(searchWords('Реєстрація в системі')).toEqual(['реєстрація', 'в', 'системі']);
    expect(searchWords('परिवार पुनर्मिलन')).toEqual(['परिवार', 'पुनर्मिलन']);
    expect(searchWords('لمّ شمل الأسرة')).toHaveLength(3);
  });
});

describe('content', () => {
  it('finds lists that lost or gained entries in translation', () => {
    expect(misalignedLists({ title: 'a', summary: 'b', steps: ['1', '2'], documents: ['x'] }, { title: 'a', summary: 'b', steps: ['1'], documents: ['y'] })).toEqual(['steps']);
  });
  it('splits a body into paragraphs at blank lines', () => {
    expect(paragraphs('One.\n\n  Two\nlines.  \n \nThree.')).toEqual(['One.', 'Two\nlines.', 'Three.']);
    expect(paragraphs(undefined)).toEqual([]);
  });
  it('accepts lower-case ASCII slugs only', () => {
    expect(isSlug('family-reunification')).toBe(true);
    expect(isSlug('Family')).toBe(false);
    expect(isSlug('a--b')).toBe(false);
    expect(isSlug('../x')).toBe(false);
  });
});
